import { describe, expect, it } from 'vitest'
import { checkAgentName } from './agent-name'
import { assessAvatar, centreCrop, type AvatarFacts } from './assess'
import { verdictOf } from './problems'
import { rewriteAvatarUrl } from './rewrite'

/** Facts of a good public PNG avatar; each test changes what it is about. */
const facts = (over: Partial<AvatarFacts> = {}, url = 'https://cdn.example.com/avatar.png'): AvatarFacts => {
  const rewrite = rewriteAvatarUrl(url)
  return {
    rewrite,
    checkedUrl: rewrite.to,
    hops: [{ url: rewrite.to, status: 200, location: null, address: '93.184.216.34' }],
    fetchError: null,
    status: 200,
    contentType: 'image/png',
    bytes: 20_000,
    timeMs: 120,
    sniffed: 'png',
    bodyText: null,
    image: { format: 'png', width: 256, height: 256, animated: false },
    decodeError: null,
    ...over
  }
}
const codes = (f: AvatarFacts): string[] => assessAvatar(f).problems.map((p) => p.code)

describe('assessAvatar', () => {
  it('a good public square PNG over https is ok', () => {
    expect(assessAvatar(facts())).toMatchObject({ verdict: 'ok', problems: [], crop: null })
  })

  it.each([
    ['plain-http', facts({ hops: [{ url: 'http://cdn.example.com/avatar.png', status: 200, location: null, address: '93.184.216.34' }] }, 'http://cdn.example.com/avatar.png'), 'needs-attention'],
    ['slow', facts({ timeMs: 4200 }), 'needs-attention'],
    ['too-large', facts({ bytes: 6 * 1024 * 1024 }), 'needs-attention'],
    ['too-small', facts({ image: { format: 'png', width: 64, height: 64, animated: false } }), 'needs-attention'],
    ['too-many-pixels', facts({ image: { format: 'png', width: 6000, height: 6000, animated: false } }), 'needs-attention'],
    ['not-square', facts({ image: { format: 'png', width: 600, height: 300, animated: false } }), 'needs-attention'],
    ['unsupported-format', facts({ sniffed: 'webp', contentType: 'image/webp', image: { format: 'webp', width: 256, height: 256, animated: false } }, 'https://cdn.example.com/a.webp'), 'needs-attention'],
    ['wrong-content-type', facts({ contentType: 'application/octet-stream' }), 'needs-attention'],
    ['wrong-content-type', facts({ contentType: 'text/plain' }), 'needs-attention'],
    ['wrong-content-type', facts({ contentType: 'image/png', sniffed: 'jpeg', image: { format: 'jpeg', width: 256, height: 256, animated: false } }), 'needs-attention'],
    ['no-extension', facts({}, 'https://cdn.example.com/avatar'), 'needs-attention'],
    ['share-link-rewritten', facts({}, 'https://github.com/acme/brand/blob/main/avatar.png'), 'needs-attention'],
    ['access-denied', facts({ status: 401, contentType: 'text/plain', sniffed: null, image: null }), 'not-public'],
    ['access-denied', facts({ status: 403, contentType: 'text/plain', sniffed: null, image: null }), 'not-public'],
    ['login-page', facts({ contentType: 'text/html', sniffed: 'html', image: null, bodyText: '<title>Sign in - Google Accounts</title><input type="password">' }), 'not-public'],
    [
      'login-page',
      facts({
        hops: [
          { url: 'https://drive.google.com/uc?export=view&id=1234567890abc', status: 302, location: 'https://accounts.google.com/ServiceLogin?continue=x', address: '142.250.0.1' },
          { url: 'https://accounts.google.com/ServiceLogin?continue=x', status: 200, location: null, address: '142.250.0.2' }
        ],
        contentType: 'text/html',
        sniffed: 'html',
        image: null,
        bodyText: '<html></html>'
      }),
      'not-public'
    ],
    ['private-address', facts({ fetchError: { code: 'private-address', message: 'observed by the test', fix: 'what the test says to do' }, status: null, image: null, sniffed: null }), 'not-public'],
    ['web-page', facts({ contentType: 'text/html; charset=utf-8', sniffed: 'html', image: null, bodyText: '<!doctype html><h1>My photo</h1>' }), 'not-an-image'],
    ['drive-not-image', facts({ contentType: 'text/html', sniffed: 'html', image: null, bodyText: "<title>Google Drive - Virus scan warning</title>Google Drive can't scan this file for viruses." }, 'https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view'), 'not-an-image'],
    ['not-decodable', facts({ decodeError: { code: 'not-decodable', message: 'observed by the test', fix: 'what the test says to do' }, image: null }), 'not-an-image'],
    ['truncated', facts({ decodeError: { code: 'truncated', message: 'observed by the test', fix: 'what the test says to do' } }), 'not-an-image'],
    ['pixel-bomb', facts({ decodeError: { code: 'pixel-bomb', message: 'observed by the test', fix: 'what the test says to do' }, image: { format: 'png', width: 20000, height: 20000, animated: false } }), 'not-an-image'],
    ['empty-body', facts({ bytes: 0, image: null, sniffed: null }), 'not-an-image'],
    ['body-too-large', facts({ fetchError: { code: 'body-too-large', message: 'observed by the test', fix: 'what the test says to do' }, image: null }), 'not-an-image'],
    ['http-status', facts({ status: 404, contentType: 'text/plain', image: null, sniffed: null }), 'unreachable'],
    ['timeout', facts({ fetchError: { code: 'timeout', message: 'observed by the test', fix: 'what the test says to do' }, status: null, image: null }), 'unreachable'],
    ['too-many-redirects', facts({ fetchError: { code: 'too-many-redirects', message: 'observed by the test', fix: 'what the test says to do' }, status: null, image: null }), 'unreachable'],
    ['invalid-url', facts({}, 'not a url'), 'unreachable'],
    ['drive-folder', facts({ contentType: 'text/html', sniffed: 'html', image: null, bodyText: '<html>' }, 'https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp'), 'not-an-image']
  ])('%s', (code, f, verdict) => {
    const a = assessAvatar(f)
    expect(a.problems.map((p) => p.code)).toContain(code)
    expect(a.verdict).toBe(verdict)
    for (const p of a.problems) {
      expect(p.message.length).toBeGreaterThan(10)
      expect(p.fix.length).toBeGreaterThan(10)
    }
  })

  it('quotes the guide where it has words for the problem', () => {
    const web = assessAvatar(facts({ contentType: 'text/html', sniffed: 'html', image: null, bodyText: '<html>' })).problems.find((p) => p.code === 'web-page')!
    expect(web.fix).toMatch(/Avoid links that point to a web page instead of the image file/)
    expect(web.fix).toMatch(/direct image URL that ends in \.jpg, \.png/)
    expect(assessAvatar(facts({ status: 403, image: null })).problems[0].fix).toMatch(/publicly accessible/)
  })

  it('plain http to the loopback sandbox is not flagged', () => {
    const f = facts({ hops: [{ url: 'http://127.0.0.1:4780/images/avatar.png', status: 200, location: null, address: '127.0.0.1' }] }, 'http://127.0.0.1:4780/images/avatar.png')
    expect(codes(f)).not.toContain('plain-http')
  })

  it('a redirect down from https to http is flagged', () => {
    const f = facts({
      hops: [
        { url: 'https://cdn.example.com/avatar.png', status: 301, location: 'http://old.example.com/avatar.png', address: '93.184.216.34' },
        { url: 'http://old.example.com/avatar.png', status: 200, location: null, address: '93.184.216.35' }
      ]
    })
    expect(codes(f)).toContain('plain-http')
  })

  it('offers the Drive forms that serve the image when uc?export=view answers a page', () => {
    const a = assessAvatar(facts({ contentType: 'text/html', sniffed: 'html', image: null, bodyText: '<input id="uc-download-link">' }, 'https://drive.google.com/uc?export=view&id=1AbCdEfGhIjKlMnOp'))
    const p = a.problems.find((x) => x.code === 'drive-not-image')!
    expect(p.fix).toContain('https://lh3.googleusercontent.com/d/1AbCdEfGhIjKlMnOp')
    expect(a.alternatives.map((x) => x.url)).toContain('https://drive.google.com/thumbnail?id=1AbCdEfGhIjKlMnOp&sz=w512')
    expect(a.problems.map((x) => x.code)).not.toContain('no-extension')
  })

  it('any web page answered for a Drive link is Drive not serving the image', () => {
    const a = assessAvatar(facts({ contentType: 'text/html', sniffed: 'html', image: null, bodyText: '<html><body>Something</body></html>' }, 'https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view'))
    expect(a.problems.map((x) => x.code)).toEqual(['share-link-rewritten', 'drive-not-image'])
    expect(a.alternatives).toHaveLength(2)
  })

  it('describes the centre crop of a non-square image', () => {
    expect(centreCrop(600, 300)).toEqual({ left: 150, top: 0, width: 300, height: 300 })
    expect(centreCrop(300, 501)).toEqual({ left: 0, top: 100, width: 300, height: 300 })
    expect(centreCrop(256, 256)).toBeNull()
    const a = assessAvatar(facts({ image: { format: 'png', width: 600, height: 300, animated: false } }))
    expect(a.crop).toEqual({ left: 150, top: 0, width: 300, height: 300 })
    expect(a.problems[0].message).toMatch(/300 × 300 square/)
  })

  it('an SVG that was not rendered is not shown in chat, said once', () => {
    const svg = { code: 'svg-not-shown', message: 'The file is an SVG drawing.', fix: 'Export it as PNG or JPG.' }
    const a = assessAvatar(facts({ sniffed: 'svg', contentType: 'image/svg+xml', image: null, decodeError: svg }, 'https://x.example.com/a.svg'))
    expect(a.verdict).toBe('not-an-image')
    expect(a.problems.map((p) => p.code)).toEqual(['svg-not-shown'])
  })

  it('a decode stopped by its time or memory bound is not an image chat can show', () => {
    const stopped = { code: 'decode-too-costly', message: 'Decoding took longer than 10 s.', fix: 'Resize it.' }
    expect(assessAvatar(facts({ image: { format: 'png', width: 6000, height: 6000, animated: false }, decodeError: stopped })).verdict).toBe('not-an-image')
  })

  it('GIF and JPEG are accepted formats, animated or not', () => {
    expect(assessAvatar(facts({ contentType: 'image/gif', sniffed: 'gif', image: { format: 'gif', width: 256, height: 256, animated: true } }, 'https://x.example.com/a.gif')).verdict).toBe('ok')
    expect(assessAvatar(facts({ contentType: 'image/jpeg', sniffed: 'jpeg', image: { format: 'jpeg', width: 256, height: 256, animated: false } }, 'https://x.example.com/a.jpg')).verdict).toBe('ok')
  })

  it.each(['svg', 'avif', 'heic', 'bmp', 'tiff'])('%s is not a format Zendesk avatars take', (format) => {
    expect(codes(facts({ sniffed: format, contentType: `image/${format}`, image: { format, width: 256, height: 256, animated: false } }))).toContain('unsupported-format')
  })
})

describe('verdictOf', () => {
  it('the worst problem wins', () => {
    expect(verdictOf([])).toBe('ok')
    expect(verdictOf([{ code: 'slow', message: '', fix: '' }, { code: 'web-page', message: '', fix: '' }])).toBe('not-an-image')
    expect(verdictOf([{ code: 'web-page', message: '', fix: '' }, { code: 'login-page', message: '', fix: '' }])).toBe('not-public')
    expect(verdictOf([{ code: 'timeout', message: '', fix: '' }, { code: 'slow', message: '', fix: '' }])).toBe('unreachable')
  })
})

describe('checkAgentName', () => {
  it.each([
    ['Aissist', []],
    ['Ana from Support', []],
    ['', ['agent-name-empty']],
    [null, ['agent-name-empty']],
    ['   ', ['agent-name-whitespace']],
    ['\t\n', ['agent-name-whitespace']],
    ['x'.repeat(65), ['agent-name-too-long']],
    ['é'.repeat(64), []],
    ['Line\nbreak', ['agent-name-control-characters']],
    [' Aissist ', ['agent-name-padding']]
  ])('%j → %j', (name, expected) => {
    expect(checkAgentName(name).map((p) => p.code)).toEqual(expected)
  })
})
