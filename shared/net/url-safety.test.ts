import { describe, expect, it } from 'vitest'
import { checkUrlSafety, maskUrlCredentials, urlSafetyProblem } from './url-safety'

describe('checkUrlSafety', () => {
  it.each([
    'https://gateway.aissist.io/zendesk',
    '  https://gateway.aissist.io/zendesk  ',
    'https://mastodon.example/@ana/avatar.png',
    'https://h.example/a.png?email=a@b.c',
    'https://h.example/a.png#x@y',
    'https://h.example/a%5Cb.png',
    'http://127.0.0.1:4010/images/avatar.png'
  ])('accepts %j', (raw) => {
    const r = checkUrlSafety(raw)
    expect(r.ok).toBe(true)
  })

  it('refuses the backslash trick whose host is not the one it shows', () => {
    const raw = 'https://evil.example\\@gateway.aissist.io/x'
    expect(new URL(raw).hostname).toBe('evil.example')
    expect(urlSafetyProblem(raw)?.code).toBe('url-backslash')
    expect(urlSafetyProblem('https://gateway.aissist.io\\x')?.code).toBe('url-backslash')
  })

  it.each([
    ['https://ana:hunter2@img.example/a.png', 'url-credentials'],
    ['https://token@img.example/a.png', 'url-credentials'],
    ['https://@img.example/a.png', 'url-credentials'],
    ['https://ana:p@ss@img.example/a.png', 'url-credentials'],
    ['https://ana:pa/ss@img.example/a.png', 'url-credentials'],
    ['https://evil.example%5C@gateway.aissist.io/x', 'url-credentials'],
    ['https://gate\tway.aissist.io/x', 'url-control-character'],
    ['https://gateway.aissist.io/x\ny', 'url-control-character'],
    ['https://gateway.aissist.io/\u0000x', 'url-control-character'],
    ['not a url', 'url-invalid'],
    ['https://exa mple.com/', 'url-invalid']
  ])('refuses %j (%s)', (raw, code) => {
    expect(urlSafetyProblem(raw)?.code).toBe(code)
  })

  it('never quotes the URL (it may hold a password) and names what was checked', () => {
    for (const raw of ['https://ana:s3cr/et@img.example/a.png', 'https://ana:s3cr3t@img.example/a.png', 'https://x\\s3cr3t@img.example/']) {
      const p = urlSafetyProblem(raw, 'The avatar URL')
      expect(p?.message).toMatch(/^The avatar URL /)
      expect(JSON.stringify(p)).not.toMatch(/s3cr/)
    }
  })
})

describe('maskUrlCredentials', () => {
  it.each([
    ['https://ana:hunter2@img.example/a.png', 'https://***@img.example/a.png'],
    ['https://ana:hun/ter2@img.example/a.png', 'https://***@img.example/a.png'],
    ['https://ana:h?n#t/r2@img.example/a.png', 'https://***@img.example/a.png'],
    ['//ana:hunter2@img.example/a.png', '//***@img.example/a.png'],
    ['see "https://token@img.example/a.png".', 'see "https://***@img.example/a.png".'],
    ['https://mastodon.example/@ana/avatar.png', 'https://mastodon.example/@ana/avatar.png'],
    ['https://h.example/a.png?email=a@b.c', 'https://h.example/a.png?email=a@b.c'],
    ['https://h.example//x@y', 'https://h.example//x@y']
  ])('%j → %j', (text, masked) => {
    expect(maskUrlCredentials(text)).toBe(masked)
  })
})
