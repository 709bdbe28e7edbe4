import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'

const root = resolve(__dirname, '..', '..')
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

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
  it('prints help naming every capability, and exits 0', async () => {
    const r = await run(['--help'])
    expect(r.code).toBe(0)
    for (const c of ['profile', 'setup', 'events', 'avatar', 'doctor', 'sandbox']) expect(r.out).toMatch(new RegExp(`^  ${c}\\b`, 'm'))
    expect(r.out).toContain('--json')
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
  })

  it.skipIf(!existsSync(join(root, 'out', 'main', 'cli.js')))('runs as the built bin script', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'aissist-zd'), '--version'], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe(version)
  })
})
