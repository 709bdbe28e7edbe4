import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKeyringSession, type KeyringSession } from '../support/keyring-session'

/**
 * The repro, for every command that touches secrets: a profile added while the keyring was
 * unlocked with `right`, then a new gnome-keyring unlocked with `wrong`, no DISPLAY, and the built
 * CLI run as a real process. Before the keychain worker this was a segfault (exit 139); now each
 * command ends quickly with an error that says the keyring is locked, with the headless recipe.
 */
const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const SECRET = 'locked-cli-secret-4242'
const HOOK = 'locked-cli-webhook-secret-4242'
let session: KeyringSession
let dataDir: string
let env: NodeJS.ProcessEnv

const run = (args: string[], input = '') => {
  const started = Date.now()
  const r = spawnSync(process.execPath, [CLI, ...args], { env, input, encoding: 'utf8', timeout: 30_000 })
  return { ...r, ms: Date.now() - started, text: `${r.stdout}${r.stderr}` }
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]))

beforeAll(async () => {
  session = await startKeyringSession('right')
  dataDir = mkdtempSync(join(tmpdir(), 'keychain-locked-cli-'))
  env = { ...session.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: `aissist-test-locked-${randomUUID()}` }
  // Loopback addresses only: the network checks fail fast on a closed port, never leave the machine.
  const add = run(
    ['profile', 'add', '--name', 'Acme', '--api-url', 'http://127.0.0.1:9/sc', '--allow-private', '--gateway-url', 'http://127.0.0.1:9/gateway', '--agent-name', 'Aissist',
      '--app-id', '5e4af71a81966cfff3ef6550', '--key-id', 'app_5723a347f82ba0516cb4ea34', '--secret-stdin'],
    SECRET
  )
  expect(add.status, add.text).toBe(0)
  const hook = run(['profile', 'secret', 'set', 'Acme', '--kind', 'webhook', '--stdin'], HOOK)
  expect(hook.status, hook.text).toBe(0)
  await session.lock()
}, 60_000)

afterAll(() => {
  session?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('a locked keyring with no display, on the command line', () => {
  it.each([
    ['profile list', ['profile', 'list'], ''],
    ['profile show', ['profile', 'show', 'Acme'], ''],
    ['profile add', ['profile', 'add', '--name', 'Beta', '--subdomain', 'beta', '--app-id', '5e4af71a81966cfff3ef6551', '--key-id', 'app_5723a347f82ba0516cb4ea35', '--secret-stdin'], 'beta-secret-4242'],
    ['profile edit', ['profile', 'edit', 'Acme', '--notes', 'edited', '--secret-stdin'], 'new-secret-4242'],
    ['profile secret set', ['profile', 'secret', 'set', 'Acme', '--kind', 'key', '--stdin'], 'new-secret-4242'],
    ['profile secret status', ['profile', 'secret', 'status', 'Acme'], ''],
    ['profile secret delete', ['profile', 'secret', 'delete', 'Acme', '--kind', 'webhook'], ''],
    ['profile status', ['profile', 'status'], ''],
    ['setup', ['setup', '--profile', 'Acme', '--plan'], ''],
    ['events send', ['events', 'send', '--profile', 'Acme', '--text', 'hello'], ''],
    ['doctor', ['doctor', '--profile', 'Acme'], ''],
    ['profile list --json', ['--json', 'profile', 'list'], ''],
    ['profile remove', ['profile', 'remove', 'Acme', '--yes'], '']
  ])('%s: no crash, no hang, "the keyring is locked" with the fix', (_name, args, input) => {
    const r = run(args, input)
    expect(r.signal, r.text).toBeNull()
    expect(r.status, r.text).not.toBe(139)
    expect(r.ms).toBeLessThan(20_000)
    expect(r.text).toMatch(/keyring is locked/i)
    expect(r.text).toMatch(/Passwords and Keys|gnome-keyring-daemon/)
    // The secrets were never shown, and nothing of them reached the data folder.
    expect(r.text).not.toContain(SECRET)
    for (const f of filesUnder(dataDir)) expect(readFileSync(f, 'utf8')).not.toContain(SECRET)
  })

  it('left Acme in place until `profile remove`, and created no half-made Beta', () => {
    const r = run(['--json', 'profile', 'list'])
    expect((JSON.parse(r.stdout) as { profiles: { name: string }[] }).profiles.map((p) => p.name)).toEqual([])
    expect(r.text).not.toContain('Beta')
  })
})
