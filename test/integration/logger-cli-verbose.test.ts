import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'
import { afterAll, describe, expect, it } from 'vitest'
import { findCanaries, scanFolder } from '../support/secret-canaries'

/**
 * `--verbose` echoes the (redacted) log to stderr. Run as a real process (tsx over the sources), so
 * the test sees exactly what a person at a terminal sees; the keychain is the session's real one.
 */
const root = resolve(__dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'aissist-verbose-'))
const service = `aissist-verbose-${process.pid}-${Date.now()}`
const secret = 'verbose-CANARY-secret-4b1f9e2d7c'

afterAll(async () => {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  rmSync(dir, { recursive: true, force: true })
})

const cli = (args: string[], stdin: string, dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args], {
      cwd: root,
      env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: service, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(stdin)
  })

const profileArgs = (name: string): string[] => ['profile', 'add', '--name', name, '--subdomain', 'acme', '--app-id', '5e4af71a81966cfff3ef6550', '--key-id', 'app_5723a347f82ba0516cb4ea34', '--secret-stdin']

describe('the CLI log', () => {
  it('--verbose echoes redacted JSON log lines to stderr, and the log file has them too', async () => {
    const dataDir = join(dir, 'verbose')
    const r = await cli(['--verbose', ...profileArgs('Verbose Co')], `${secret}\n`, dataDir)
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; message: string })
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.some((l) => l.level === 'info')).toBe(true)
    expect(readFileSync(join(dataDir, 'logs', 'aissist.log'), 'utf8').length).toBeGreaterThan(0)
    expect(findCanaries([{ name: 'stderr', text: r.stderr }, { name: 'stdout', text: r.stdout }], [secret])).toEqual([])
    expect(scanFolder(dataDir, [secret])).toEqual([])
  })

  it('without --verbose, stderr carries no log lines', async () => {
    const r = await cli(profileArgs('Quiet Co'), `${secret}\n`, join(dir, 'quiet'))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.split('\n').filter((l) => l.startsWith('{"time"'))).toEqual([])
  })
})
