import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { imageHostAssets } from '../../electron/core/sandbox/image-host/index'
import { startImageHost } from './avatar-host'

/** `aissist-zd avatar check|rewrite`, run in-process against the image host on 127.0.0.1. */

let host: Awaited<ReturnType<typeof startImageHost>>
const dataDir = mkdtempSync(join(tmpdir(), 'aissist-avatar-cli-'))

beforeAll(async () => {
  await imageHostAssets()
  host = await startImageHost()
})
afterAll(async () => {
  await host?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const run = async (argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => (out += String(d)))
  stderr.on('data', (d) => (err += String(d)))
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough(), env: { AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: `aissist-avatar-cli-${process.pid}` } })
  return { code, stdout: out, stderr: err }
}

const CHECK_KEYS = ['verdict', 'inputUrl', 'checkedUrl', 'rewrite', 'redirects', 'status', 'contentType', 'bytes', 'image', 'problems']

describe('aissist-zd avatar check', () => {
  it('--json prints exactly the issue\'s shape and exits 0 for ok', async () => {
    const r = await run(['avatar', 'check', `${host.base}/avatar.png`, '--allow-private', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(Object.keys(json)).toEqual(CHECK_KEYS)
    expect(Object.keys(json.rewrite)).toEqual(['from', 'to', 'host', 'changed', 'problems'])
    expect(Object.keys(json.image)).toEqual(['format', 'width', 'height', 'animated'])
    expect(Object.keys(json.redirects[0])).toEqual(['url', 'status', 'location', 'address'])
    expect(json).toMatchObject({ verdict: 'ok', status: 200, contentType: 'image/png', image: { format: 'png', width: 256, height: 256, animated: false }, problems: [] })
    expect(r.stdout).not.toContain('base64')
  })

  it.each([
    ['/wide.png', 'needs-attention', 1],
    ['/forbidden.png', 'not-public', 2],
    ['/page.png', 'not-an-image', 3],
    ['/loop/1', 'unreachable', 4]
  ])('%s → %s, exit %i (never 0 unless ok)', async (path, verdict, code) => {
    const r = await run(['avatar', 'check', `${host.base}${path}`, '--allow-private', '--json'])
    expect(JSON.parse(r.stdout).verdict).toBe(verdict)
    expect(r.code).toBe(code)
  })

  it('refuses 127.0.0.1 without --allow-private', async () => {
    const r = await run(['avatar', 'check', `${host.base}/avatar.png`, '--json'])
    const json = JSON.parse(r.stdout)
    expect(json.verdict).toBe('not-public')
    expect(json.problems[0].code).toBe('private-address')
    expect(r.code).toBe(2)
  })

  it('human output shows each hop, the verdict and each problem with its fix', async () => {
    const r = await run(['avatar', 'check', `${host.base}/private/avatar.png`, '--allow-private'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('1. 302 ')
    expect(r.stdout).toMatch(/→ http:\/\/127\.0\.0\.1:\d+\/images\/accounts\/ServiceLogin/)
    expect(r.stdout).toContain('2. 200 ')
    expect(r.stdout).toContain('Verdict: ✖ not-public')
    expect(r.stdout).toContain('[login-page]')
    expect(r.stdout).toMatch(/→ Make sure the image is publicly accessible/)
  })

  it('human output describes the crop of a non-square image', async () => {
    const r = await run(['avatar', 'check', `${host.base}/wide.png`, '--allow-private'])
    expect(r.stdout).toContain('Chat shows the centred 300 × 300 square (from x 150, y 0).')
    expect(r.stdout).toContain('Verdict: ▲ needs-attention')
  })

  it('offers the working Drive forms when Drive answers its download page', async () => {
    const r = await run(['avatar', 'check', `${host.base}/drive/uc?export=view&id=1AbCdEfGhIjKlMnOp`, '--allow-private'])
    expect(r.stdout).toContain('https://lh3.googleusercontent.com/d/1AbCdEfGhIjKlMnOp')
    expect(r.code).toBe(3)
  })
})

describe('aissist-zd avatar rewrite (offline)', () => {
  it('--json prints exactly {from, to, host, changed, problems}', async () => {
    const from = 'https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing'
    const r = await run(['avatar', 'rewrite', from, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ from, to: 'https://drive.google.com/uc?export=view&id=1AbCdEfGhIjKlMnOp', host: 'google-drive', changed: true, problems: [] })
  })

  it('human output shows from → to and why, and the alternatives', async () => {
    const r = await run(['avatar', 'rewrite', 'https://drive.google.com/open?id=1AbCdEfGhIjKlMnOp'])
    expect(r.stdout).toContain('from: https://drive.google.com/open?id=1AbCdEfGhIjKlMnOp')
    expect(r.stdout).toContain('to:   https://drive.google.com/uc?export=view&id=1AbCdEfGhIjKlMnOp')
    expect(r.stdout).toMatch(/why: /)
    expect(r.stdout).toContain('https://lh3.googleusercontent.com/d/1AbCdEfGhIjKlMnOp')
  })

  it('a Drive folder is an error with a fix, exit 1', async () => {
    const r = await run(['avatar', 'rewrite', 'https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp', '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).problems[0].code).toBe('drive-folder')
  })

  it('a missing URL is a usage error', async () => {
    const r = await run(['avatar', 'check'])
    expect(r.code).toBe(64)
  })
})
