import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'

/**
 * The vault's regression tests run the built command line as real processes (the level the
 * findings happened at): each data folder its own `AISSIST_DATA_DIR`, all sharing one keychain
 * service as real data folders share the app's.
 */
export const ROOT = resolve(__dirname, '../..')
export const CLI = join(ROOT, 'out', 'main', 'cli.js')

export const APP_ID = '5e4af71a81966cfff3ef6550'
export const KEY_ID = 'app_5723a347f82ba0516cb4ea34'

export interface CliRun {
  code: number | null
  out: string
  err: string
}

/** Fails early, in words, when the CLI was not built (the tests run `out/main/cli.js`). */
export const requireBuiltCli = (): void => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx electron-vite build).`)
}

/** Runs `aissist-zd <args>` with `env`, optionally piping `stdin`. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliRun> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, out, err }))
    child.stdin.end(stdin ?? '')
  })

/** A data folder of its own under one shared keychain service. */
export interface Folder {
  dir: string
  env: NodeJS.ProcessEnv
  cli(args: string[], stdin?: string): Promise<CliRun>
  /** `profile add` with a key secret from stdin; returns the new profile's id. */
  add(name: string, secret: string, extra?: string[]): Promise<string>
  storeId(): string
}

export const makeFolder = (service: string, label = 'vault-cli'): Folder => {
  const dir = mkdtempSync(join(tmpdir(), `${label}-`))
  const env = { ...process.env, AISSIST_DATA_DIR: dir, AISSIST_KEYCHAIN_SERVICE: service }
  const cli = (args: string[], stdin?: string) => runCli(args, env, stdin)
  return {
    dir,
    env,
    cli,
    add: async (name, secret, extra = []) => {
      const sub = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'acme'
      const r = await cli(['profile', 'add', '--name', name, '--subdomain', sub, '--app-id', APP_ID, '--key-id', KEY_ID, '--secret-stdin', '--json', ...extra], secret)
      if (r.code !== 0) throw new Error(`profile add ${name} failed (${r.code}): ${r.out}${r.err}`)
      return (JSON.parse(r.out) as { profile: { id: string } }).profile.id
    },
    storeId: () => (JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as { storeId: string }).storeId
  }
}

/** A unique keychain service for one test file, and its cleanup. */
export const testService = (label: string): { service: string; cleanup(): Promise<void> } => {
  const service = `aissist-test-${label}-${randomUUID()}`
  return {
    service,
    cleanup: async () => {
      for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
    }
  }
}

export const removeFolder = (f: Folder): void => rmSync(f.dir, { recursive: true, force: true })

/** Every password under the service (what "still there" means for a secret). */
export const keychainPasswords = async (service: string): Promise<string[]> => (await keytar.findCredentials(service)).map((c) => c.password).sort()
