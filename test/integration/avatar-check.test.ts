import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AvatarCheckResultSchema } from '../../shared/contract/avatar'
import { checkAvatar } from '../../electron/core/avatar/check-avatar'
import type { HandlerContext } from '../../electron/core/api/context'
import { dispatch } from '../../electron/core/api/dispatch'
import { createHandlers } from '../../electron/core/api/handlers'
import { createMemoryClipboard } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index'
import { imageHostAssets } from '../../electron/core/sandbox/image-host/index'
import { createServices } from '../../electron/core/services'

/** Every verdict and problem of the avatar checker, against the sandbox's image host on 127.0.0.1. */

let sb: Sandbox
let images = ''
const dataDir = mkdtempSync(join(tmpdir(), 'aissist-avatar-'))

beforeAll(async () => {
  await imageHostAssets()
  sb = await startSandbox({ port: 0 })
  images = sb.imagesUrl
})
afterAll(async () => {
  await sb?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const check = (path: string, extra: Parameters<typeof checkAvatar>[1] = {}) => checkAvatar(`${images}${path}`, { allowPrivate: true, ...extra })
const codes = (r: { problems: { code: string }[] }): string[] => r.problems.map((p) => p.code)

describe('avatar check against the sandbox image host', () => {
  it('a good square PNG is ok, with image facts and a 96×96 PNG preview', async () => {
    const r = await check('/avatar.png')
    expect(r.verdict).toBe('ok')
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ status: 200, contentType: 'image/png', image: { format: 'png', width: 256, height: 256, animated: false }, crop: null })
    expect(r.redirects).toHaveLength(1)
    expect(r.redirects[0]).toMatchObject({ status: 200, location: null, address: '127.0.0.1' })
    expect(r.preview).toMatch(/^data:image\/png;base64,/)
    const meta = await sharp(Buffer.from(r.preview!.split(',')[1], 'base64')).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 96, 96])
    expect(() => AvatarCheckResultSchema.parse(r)).not.toThrow()
  })

  it.each([
    ['/avatar.jpg', 'jpeg', false],
    ['/avatar.gif', 'gif', false],
    ['/animated.gif', 'gif', true]
  ])('%s is ok (%s, animated %s)', async (path, format, animated) => {
    const r = await check(path)
    expect(r.verdict).toBe('ok')
    expect(r.image).toMatchObject({ format, animated, width: 256, height: 256 })
  })

  it.each([
    ['/avatar.webp', 'webp'],
    ['/avatar.avif', 'avif']
  ])('%s decodes but is a format Zendesk avatars do not take', async (path, format) => {
    const r = await check(path)
    expect(r.verdict).toBe('needs-attention')
    expect(codes(r)).toContain('unsupported-format')
    expect(r.image?.format).toBe(format)
    expect(r.preview).toMatch(/^data:image\/png;base64,/)
  })

  it('an SVG is never rendered: chat does not show it, and the fix is a PNG or JPG export', async () => {
    const r = await check('/avatar.svg')
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['svg-not-shown'])
    expect(r.problems[0].message).toMatch(/not .*shown|shows JPG, PNG and GIF/i)
    expect(r.problems[0].fix).toMatch(/PNG or JPG/)
    expect(r.image).toBeNull()
    expect(r.preview).toBeNull()
  })

  it('a non-square image: the centre crop is described and previewed', async () => {
    const r = await check('/wide.png')
    expect(r.verdict).toBe('needs-attention')
    expect(codes(r)).toEqual(['not-square'])
    expect(r.crop).toEqual({ left: 150, top: 0, width: 300, height: 300 })
    const preview = sharp(Buffer.from(r.preview!.split(',')[1], 'base64'))
    const { width, height } = await preview.metadata()
    expect([width, height]).toEqual([96, 96])
  })

  it('a tiny image is too small', async () => {
    const r = await check('/tiny.png')
    expect(codes(r)).toEqual(['too-small'])
    expect(r.verdict).toBe('needs-attention')
  })

  it('a > 5 MB JPEG is decoded and flagged too large', async () => {
    const r = await check('/huge.jpg')
    expect(r.bytes).toBeGreaterThan(5 * 1024 * 1024)
    expect(codes(r)).toContain('too-large')
    expect(r.verdict).toBe('needs-attention')
  })

  it('a pixel bomb is refused before decoding', async () => {
    const r = await check('/bomb.png')
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['pixel-bomb'])
    expect(r.image).toMatchObject({ width: 20000, height: 20000 })
    expect(r.bytes).toBeLessThan(100_000)
    expect(r.preview).toBeNull()
  })

  it('a truncated JPEG fails the full decode', async () => {
    const r = await check('/truncated.jpg')
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['truncated'])
  })

  it('corrupt bytes served as image/png are not decodable', async () => {
    const r = await check('/corrupt.png')
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['not-decodable'])
  })

  it('an HTML page at a .png URL is a web page, in the guide\'s words', async () => {
    const r = await check('/page.png')
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['web-page'])
    expect(r.problems[0].fix).toMatch(/Avoid links that point to a web page instead of the image file/)
  })

  it('an image served as application/octet-stream has the wrong Content-Type', async () => {
    const r = await check('/octet.png')
    expect(codes(r)).toEqual(['wrong-content-type'])
    expect(r.verdict).toBe('needs-attention')
  })

  it('JPEG bytes served as image/png: Content-Type disagrees with the bytes', async () => {
    const r = await check('/mismatch.png')
    expect(codes(r)).toEqual(['wrong-content-type'])
    expect(r.image?.format).toBe('jpeg')
  })

  it('an empty body is not an image', async () => {
    expect(codes(await check('/empty.png'))).toEqual(['empty-body'])
  })

  it.each([
    ['/unauthorized.png', 401],
    ['/forbidden.png', 403]
  ])('%s (%i) is not public', async (path, status) => {
    const r = await check(path)
    expect(r.verdict).toBe('not-public')
    expect(r.status).toBe(status)
    expect(codes(r)).toEqual(['access-denied'])
    expect(r.problems[0].fix).toMatch(/publicly accessible/)
  })

  it('a redirect to a Google-like sign-in page is a login wall', async () => {
    const r = await check('/private/avatar.png')
    expect(r.verdict).toBe('not-public')
    expect(codes(r)).toEqual(['login-page'])
    expect(r.redirects).toHaveLength(2)
    expect(r.redirects[0].location).toMatch(/\/accounts\/ServiceLogin\?/)
  })

  it('a 404 is unreachable', async () => {
    const r = await check('/missing.png')
    expect(r.verdict).toBe('unreachable')
    expect(codes(r)).toEqual(['http-status'])
  })

  it('3 redirects to a good image: every hop shown, then ok', async () => {
    const r = await check('/redirect/3/avatar.png')
    expect(r.verdict).toBe('ok')
    expect(r.redirects.map((h) => h.status)).toEqual([302, 301, 302, 200])
    expect(r.redirects.slice(0, 3).every((h) => h.location && h.address === '127.0.0.1')).toBe(true)
    expect(r.finalUrl).toBe(`${images}/avatar.png`)
  })

  it('more than 5 redirects are refused', async () => {
    const r = await check('/loop/1')
    expect(r.verdict).toBe('unreachable')
    expect(codes(r)).toEqual(['too-many-redirects'])
    expect(r.redirects).toHaveLength(6)
  })

  it('a redirect loop is refused', async () => {
    const r = await check('/loop-a')
    expect(codes(r)).toEqual(['redirect-loop'])
    expect(r.verdict).toBe('unreachable')
  })

  it('an endless body is cut off at the cap', async () => {
    const r = await check('/endless.png', { fetch: { maxBytes: 2 * 1024 * 1024 } })
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['body-too-large'])
    expect(r.bytes).toBeGreaterThan(2 * 1024 * 1024)
    expect(r.bytes).toBeLessThan(3 * 1024 * 1024)
  })

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const r = await check('/big-length.png')
    expect(codes(r)).toEqual(['body-too-large'])
  })

  it('a slow image is flagged slow (threshold lowered so the test stays quick)', async () => {
    const r = await check('/slow.png?delay=300', { assess: { slowMs: 100 } })
    expect(codes(r)).toEqual(['slow'])
    expect(r.verdict).toBe('needs-attention')
  })

  it('an image slower than the headers timeout is a timeout', async () => {
    const r = await check('/slow.png?delay=2000', { fetch: { headersTimeoutMs: 200 } })
    expect(codes(r)).toEqual(['timeout'])
    expect(r.verdict).toBe('unreachable')
  })

  it('a URL without an extension gets the guide\'s advice', async () => {
    const r = await check('/avatar')
    expect(codes(r)).toEqual(['no-extension'])
    expect(r.problems[0].fix).toMatch(/ends in \.jpg, \.png/)
  })

  it('Drive\'s virus-scan page: says so and offers the forms that serve the image', async () => {
    const r = await check('/drive/uc?export=view&id=1AbCdEfGhIjKlMnOp')
    expect(r.verdict).toBe('not-an-image')
    expect(codes(r)).toEqual(['drive-not-image'])
    expect(r.alternatives.map((a) => a.url)).toEqual(['https://lh3.googleusercontent.com/d/1AbCdEfGhIjKlMnOp', 'https://drive.google.com/thumbnail?id=1AbCdEfGhIjKlMnOp&sz=w512'])
  })

  it('Drive-like image forms serve the image', async () => {
    const r = await check('/drive/thumbnail?id=1AbCdEfGhIjKlMnOp&sz=w512')
    expect(r.image?.format).toBe('png')
    expect(codes(r)).toEqual(['no-extension'])
    expect((await check('/drive/d/1AbCdEfGhIjKlMnOp')).image?.format).toBe('png')
  })

  it('without allowPrivate the sandbox itself (127.0.0.1) is not public', async () => {
    const r = await checkAvatar(`${images}/avatar.png`)
    expect(r.verdict).toBe('not-public')
    expect(codes(r)).toEqual(['private-address'])
    expect(r.problems[0].message).toMatch(/127\.0\.0\.1, a loopback address/)
    expect(r.status).toBeNull()
  })

  it('an unsupported scheme is not fetched at all', async () => {
    const r = await checkAvatar('file:///etc/passwd')
    expect(r.verdict).toBe('unreachable')
    expect(codes(r)).toEqual(['unsupported-scheme'])
    expect(r.redirects).toEqual([])
  })

  it('a link with user:pass@ (a password with "/" too) or a backslash is refused unfetched, and never echoed', async () => {
    const bare = `${images}/redirect/2/avatar.png`
    const cases: Array<[string, string]> = [
      [bare.replace('://', '://ana:hunter2@'), 'url-credentials'],
      [bare.replace('://', '://ana:hun/ter2@'), 'url-credentials'],
      [bare.replace('://', '://hunter2@'), 'url-credentials'],
      [`${images}/missing.png`.replace('://', '://ana:hunter2@'), 'url-credentials'],
      ['ftp://ana:hunter2@files.example.com/a.png', 'url-credentials'],
      [bare.replace('://', '://hunter2\\@'), 'url-backslash']
    ]
    for (const [url, code] of cases) {
      const r = await checkAvatar(url, { allowPrivate: true })
      expect({ url, codes: codes(r) }).toEqual({ url, codes: [code] })
      expect(r.verdict).toBe('unreachable')
      expect(r.redirects).toEqual([])
      expect(r.status).toBeNull()
      expect(r.inputUrl).toMatch(/:\/\/\*\*\*@/)
      expect(JSON.stringify(r)).not.toMatch(/hunter2|hun\/ter2|ana:/)
    }
  })
})

describe('the avatar contract calls', () => {
  const services = createServices({ dataDir, keychainService: `aissist-avatar-${process.pid}` })
  const events: unknown[] = []
  const ctx: HandlerContext = {
    services,
    tasks: new TaskRegistry(),
    emit: (_name, payload) => {
      events.push(payload)
    },
    host: { kind: 'cli', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null }
  }
  const handlers = createHandlers()

  it('checkAvatar answers the full result with the preview, and reports each hop as progress', async () => {
    const res = await dispatch(handlers, 'checkAvatar', { url: `${images}/redirect/2/avatar.png`, allowPrivate: true, profileId: 'p1', taskId: 'avatar-task-1' }, ctx)
    expect(res.ok).toBe(true)
    const value = (res as { ok: true; value: { verdict: string; preview: string; profileId: string; redirects: unknown[] } }).value
    expect(value).toMatchObject({ verdict: 'ok', profileId: 'p1' })
    expect(value.preview).toMatch(/^data:image\/png;base64,/)
    expect(events).toHaveLength(3)
    expect(events[0]).toMatchObject({ taskId: 'avatar-task-1', kind: 'avatar', payload: { url: expect.any(String) } })
  })

  it('checkAvatar refuses extra fields and empty URLs', async () => {
    const extra = await dispatch(handlers, 'checkAvatar', { url: 'https://x.example.com/a.png', cookie: 'x' }, ctx)
    expect(extra.ok).toBe(false)
    const empty = await dispatch(handlers, 'checkAvatar', { url: '' }, ctx)
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('rewriteAvatarUrl works offline', async () => {
    const res = await dispatch(handlers, 'rewriteAvatarUrl', { url: 'https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing' }, ctx)
    expect(res).toMatchObject({ ok: true, value: { to: 'https://drive.google.com/uc?export=view&id=1AbCdEfGhIjKlMnOp', changed: true, host: 'google-drive' } })
  })
})
