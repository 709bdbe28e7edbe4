import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { COMMANDS } from '../../electron/cli/commands/index'

const root = resolve(__dirname, '..', '..')
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
const built = existsSync(join(root, 'out', 'main', 'cli.js'))

const run = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough(), env: { ...process.env } })
  return { code, out, err }
}

describe('the aissist-zd command line', () => {
  it('prints help naming every command with its description (customer, with profile as its alias), and exits 0', async () => {
    const r = await run(['--help'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^ {2}customer\|profile\b/m)
    for (const c of ['customer', 'setup', 'events', 'avatar', 'doctor', 'sandbox']) expect(r.out).toMatch(new RegExp(`^  ${c}\\b`, 'm'))
    for (const c of COMMANDS) expect(r.out.replace(/\s+/g, ' ')).toContain(c.summary.split(' ').slice(0, 6).join(' '))
    expect(r.out).toContain('--json')
  })

  it('loads a command before showing its help, whichever way it is asked for', async () => {
    for (const argv of [['customer', '--help'], ['help', 'customer'], ['profile', '--help'], ['help', 'profile']]) {
      const r = await run(argv)
      expect(r.code, argv.join(' ')).toBe(0)
      for (const sub of ['add', 'list', 'show', 'edit', 'remove', 'export', 'import', 'use', 'secret', 'orphans', 'status']) expect(r.out, argv.join(' ')).toMatch(new RegExp(`^  ${sub}\\b`, 'm'))
    }
    const send = await run(['help', 'events', 'send'])
    expect(send.out).toContain('--customer <customer>')
    expect(send.out).not.toContain('--profile')
    expect((await run(['help', 'nothing'])).code).toBe(64)
  })

  it('prints its version', async () => {
    const r = await run(['--version'])
    expect(r.code).toBe(0)
    expect(r.out.trim()).toBe(version)
  })

  it('exits 64 on a usage error, saying what was wrong', async () => {
    const r = await run(['no-such-command'])
    expect(r.code).toBe(64)
    expect(r.err).toMatch(/unknown command/i)
    const missing = await run(['doctor'])
    expect(missing.code).toBe(64)
    expect(missing.err).toContain("required option '-c, --customer <customer>' not specified")
    const clash = await run(['doctor', '--customer', 'a', '--profile', 'b'])
    expect(clash.code).toBe(64)
  })

  it('escapes what commander echoes back from the command line', async () => {
    const r = await run(['no-such\x1b]0;title\x07'])
    // eslint-disable-next-line no-control-regex -- raw ESC and BEL must not be echoed
    expect(r.err).not.toMatch(/[\x1b\x07]/)
    expect(r.err).toContain('\\x1b]0;title\\x07')
  })
})

describe.skipIf(!built)('the built aissist-zd process', () => {
  let dir: string
  let tracer: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-basics-'))
    // Preloaded into the CLI's process: on exit, every file Node loaded through require.
    tracer = join(dir, 'print-loaded-modules.cjs')
    writeFileSync(tracer, "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'))\n")
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** Runs bin/aissist-zd and returns what it printed and every file it loaded. */
  const traced = (argv: string[]): { status: number | null; stdout: string; loaded: string[] } => {
    const r = spawnSync(process.execPath, ['--require', tracer, join(root, 'bin', 'aissist-zd'), ...argv], {
      encoding: 'utf8',
      env: { ...process.env, AISSIST_DATA_DIR: join(dir, 'data'), AISSIST_KEYCHAIN_SERVICE: `aissist-cli-basics-${process.pid}` }
    })
    const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '))
    return { status: r.status, stdout: r.stdout, loaded: line ? (JSON.parse(line.slice('LOADED '.length)) as string[]) : [] }
  }

  /** The source modules bundled into the built files that were loaded (from the bundler's region comments). */
  const sourcesIn = (files: string[]): string[] =>
    files.filter((f) => f.startsWith(join(root, 'out'))).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\/\/ ((?:electron|shared)\/\S+\.ts)$/gm)].map((m) => m[1]))

  it('runs as the built bin script', () => {
    const r = traced(['--version'])
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(version)
  })

  it('--version, --help and avatar rewrite load neither sharp, undici, keytar, zod, the core services nor the sandbox', () => {
    const runs = {
      version: traced(['--version']),
      help: traced(['--help']),
      rewrite: traced(['avatar', 'rewrite', 'https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing'])
    }
    for (const [name, r] of Object.entries(runs)) {
      expect(r.status, name).toBe(0)
      expect(r.loaded.length, `${name}: nothing traced`).toBeGreaterThan(0)
      const packages = r.loaded.filter((f) => /[\\/]node_modules[\\/](sharp|@img|undici|keytar|zod)[\\/]/.test(f))
      expect(packages, name).toEqual([])
      const sources = sourcesIn(r.loaded)
      expect(sources, `${name}: the build lost its module comments, so this test cannot see inside the chunks`).toContain('electron/cli/index.ts')
      expect(sources.filter((s) => /^electron\/core\/(sandbox|vault|avatar|gateway|zendesk|services)|^shared\/contract\//.test(s)), name).toEqual([])
    }
    expect(runs.version.loaded.some((f) => f.includes('commander'))).toBe(false)
    expect(sourcesIn(runs.rewrite.loaded)).toContain('shared/avatar/rewrite.ts')
  })

  it('a command loads what it uses: avatar check loads the checker, customer list the vault', () => {
    const check = traced(['avatar', 'check', 'http://127.0.0.1:9/a.png'])
    expect(sourcesIn(check.loaded)).toContain('electron/core/avatar/check-avatar.ts')
    const list = traced(['customer', 'list', '--json'])
    expect(list.status).toBe(0)
    expect(sourcesIn(list.loaded)).toContain('electron/core/services.ts')
    // The vault reads the sandbox's marker file (which customer is the built-in sandbox), never the sandbox itself.
    expect(sourcesIn(list.loaded).filter((s) => s.startsWith('electron/core/sandbox/') && s !== 'electron/core/sandbox/marker.ts')).toEqual([])
  })
})
