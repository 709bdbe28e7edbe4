import { describe, expect, it } from 'vitest'
import { createRedactor, redactDeep, REDACTED } from './redact'

describe('redaction', () => {
  const redact = createRedactor(['sk-très-secret-🔑', 'whsec_abcdef'], [['app_5f1d', 'sk-très-secret-🔑']])

  it('hides every known secret, also URL-encoded and inside Basic auth', () => {
    const basic = Buffer.from('app_5f1d:sk-très-secret-🔑').toString('base64')
    const text = `key sk-très-secret-🔑 / ${encodeURIComponent('sk-très-secret-🔑')} / Basic ${basic} / whsec_abcdef`
    const out = redact(text)
    expect(out).not.toContain('sk-très')
    expect(out).not.toContain(basic)
    expect(out).not.toContain('whsec_abcdef')
  })

  it('hides credential headers whatever their value', () => {
    expect(redact('Authorization: Basic Zm9vOmJhcg==')).toBe(`Authorization: Basic ${REDACTED}`)
    expect(redact("-H 'X-API-Key: anything-at-all'")).toBe(`-H 'X-API-Key: ${REDACTED}'`)
    expect(redact('{"x-api-key":"abc"}')).toBe(`{"x-api-key":"${REDACTED}"}`)
    expect(redact('https://user:pa55@host/x')).toBe(`https://user:${REDACTED}@host/x`)
    expect(redact('see "https://user:pa/55@host/x"')).toBe(`see "https://user:${REDACTED}@host/x"`)
  })

  it('redacts deep values and secret-named keys', () => {
    expect(redactDeep({ a: ['whsec_abcdef'], headers: { 'X-API-Key': 'zzz' }, n: 1 }, redact)).toEqual({ a: [REDACTED], headers: { 'X-API-Key': REDACTED }, n: 1 })
  })
})

describe('echoed encodings of a secret', () => {
  const secret = 'whsec_Zx9+/q~ü'
  const redact = createRedactor([secret], [['app_5f1d', secret]])
  const b64 = Buffer.from(secret).toString('base64')
  const basic = Buffer.from(`app_5f1d:${secret}`).toString('base64')
  const forms = {
    plain: secret,
    url: encodeURIComponent(secret),
    json: JSON.stringify(secret).slice(1, -1),
    base64: b64,
    base64Bare: b64.replace(/=+$/, ''),
    base64Url: Buffer.from(secret).toString('base64url'),
    base64UrlPadded: b64.replace(/\+/g, '-').replace(/\//g, '_'),
    hex: Buffer.from(secret).toString('hex'),
    hexUpper: Buffer.from(secret).toString('hex').toUpperCase(),
    basic,
    basicUrl: Buffer.from(`app_5f1d:${secret}`).toString('base64url')
  }

  it.each(Object.entries(forms))('hides the %s form, keeping the text around it', (_name, form) => {
    const out = redact(`echo: <${form}> end`)
    expect(out).toBe(`echo: <${REDACTED}> end`)
  })

  it('ignores secrets under the minimum length in every encoding', () => {
    const short = createRedactor(['abc'])
    expect(short(`abc ${Buffer.from('abc').toString('base64')} ${Buffer.from('abc').toString('hex')}`)).toBe('abc YWJj 616263')
  })
})

describe('redaction keeps JSON valid', () => {
  it('redacts secret-named JSON fields and leaves parseable JSON', () => {
    const redact = createRedactor([])
    const out = redact(JSON.stringify({ keySecret: 'abc"def', secret: 'x', other: 'y' }))
    expect(JSON.parse(out)).toEqual({ keySecret: REDACTED, secret: REDACTED, other: 'y' })
  })
})
