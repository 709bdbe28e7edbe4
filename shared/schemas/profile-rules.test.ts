import { describe, expect, it } from 'vitest'
import { describeFieldIssue, keyIdAdvice, KEY_ID_MESSAGES, nameProblem, normalizeApiBase, URL_SYNTAX_MESSAGES, urlSyntaxProblem } from './profile-rules'

describe('nameProblem', () => {
  it.each([
    ['ESC (terminal title)', 'Acme\u001b]0;pwned\u0007', 'U+001B ESC'],
    ['BEL', 'Acme\u0007', 'U+0007 BEL'],
    ['NUL', 'Ac\u0000me', 'U+0000 NUL'],
    ['CR (overwrites the line)', 'Acme\rkey secret: present', 'U+000D carriage return'],
    ['a newline (forges a line)', 'Acme\nkey secret: present', 'U+000A line feed'],
    ['DEL', 'Acme\u007f', 'U+007F DEL'],
    ['C1 CSI', 'Acme\u009b2J', 'U+009B CSI'],
    ['line separator', 'Acme\u2028x', 'U+2028 line separator']
  ])('refuses %s, naming the field and the character', (_label, value, char) => {
    const m = nameProblem('Customer name', value)
    expect(m).toMatch(/^Customer name contains a control character/)
    expect(m).toContain(char)
  })

  it.each(['\u202eemca', 'Acme\u2066x\u2069', 'A\u202ab'])('refuses the bidi override or isolate in %j', (value) =>
    expect(nameProblem('Customer name', value)).toMatch(/^Customer name contains a text-direction override/))

  it.each(['\u200b', '\u200b\u200c\u200d', '\u2060\ufeff', '\u3164', '\u00ad', '\u2800\u200b'])('refuses a name that is only invisible characters (%j)', (value) =>
    expect(nameProblem('Customer name', value)).toBe('Customer name has no visible character: type a name people can read.'))

  it.each(['Acme Corp', 'Müller & Söhne', '株式会社アクメ', 'שלום', 'مرحبا', 'Zoë 🚀', 'A\u200dB', 'e\u0301'])('accepts %j', (value) =>
    expect(nameProblem('Customer name', value)).toBeNull())
})

describe('urlSyntaxProblem', () => {
  it('refuses a backslash: the issue\'s URL goes to evil.example', () => {
    expect(new URL('https://evil.example\\@gateway.aissist.io/x').hostname).toBe('evil.example')
    expect(urlSyntaxProblem('https://evil.example\\@gateway.aissist.io/x')).toBe(URL_SYNTAX_MESSAGES.backslash)
  })
  it.each(['https://user:pw@gateway.aissist.io/x', 'https://@gateway.aissist.io/x', 'https://evil.example@gateway.aissist.io', 'https://a%40b@host.example', 'https://user:pa/ss@gateway.aissist.io/x', 'https://user:p?w#x@gateway.aissist.io/'])('refuses userinfo in %s (the same judgement as every URL in the app)', (url) =>
    expect(urlSyntaxProblem(url)).toBe(URL_SYNTAX_MESSAGES.credentials))
  it.each(['https://gate\nway.aissist.io/x', 'https://gateway.aissist.io/x y', 'https://gateway.aissist.io/\tx', 'https://gateway.aissist.io/\u0007x', 'https://gateway.aissist.io/\u0085'])('refuses whitespace the parser would drop (%j)', (url) =>
    expect(urlSyntaxProblem(url)).toBe(URL_SYNTAX_MESSAGES.whitespace))
  it.each(['https://gateway.aissist.io/gateway/zendesk/conversation', 'https://cdn.example.com/a@b.png', 'https://x.example/?q=@me'])('accepts %s', (url) =>
    expect(urlSyntaxProblem(url)).toBeNull())
})

describe('normalizeApiBase', () => {
  it('completes a bare zendesk.com host with /sc and says so', () => {
    const r = normalizeApiBase('https://acme.zendesk.com')
    expect(r.value).toBe('https://acme.zendesk.com/sc')
    expect(r.notice).toContain('/sc')
    expect(normalizeApiBase('https://ACME.zendesk.com/').value).toBe('https://acme.zendesk.com/sc')
  })
  it('replaces a pasted Admin Center or Support API address on zendesk.com', () => {
    for (const raw of ['https://acme.zendesk.com/admin/home', 'https://acme.zendesk.com/api/v2', 'https://acme.zendesk.com/sc/v2']) {
      expect(normalizeApiBase(raw)).toEqual({ value: 'https://acme.zendesk.com/sc', notice: expect.stringContaining('https://acme.zendesk.com/sc') })
    }
  })
  it('is quiet when the base is already right, and leaves other hosts alone (trailing slash only)', () => {
    expect(normalizeApiBase('https://acme.zendesk.com/sc/')).toEqual({ value: 'https://acme.zendesk.com/sc' })
    expect(normalizeApiBase('https://api.eu-1.smooch.io/')).toEqual({ value: 'https://api.eu-1.smooch.io' })
    expect(normalizeApiBase('http://127.0.0.1:4010/')).toEqual({ value: 'http://127.0.0.1:4010' })
    expect(normalizeApiBase('not a url/')).toEqual({ value: 'not a url' })
  })
})

describe('keyIdAdvice', () => {
  it('refuses an integration key with the fix, warns on an account key, accepts an app key', () => {
    expect(keyIdAdvice('int_5e4b0f225aca01092928f917')).toEqual({ level: 'error', message: KEY_ID_MESSAGES.integration })
    expect(keyIdAdvice('act_5963ceb97cde542d000dbdb1')).toEqual({ level: 'warning', message: KEY_ID_MESSAGES.account })
    expect(keyIdAdvice('app_5723a347f82ba0516cb4ea34')).toBeNull()
    expect(keyIdAdvice('key_1')).toEqual({ level: 'error', message: KEY_ID_MESSAGES.format })
  })
})

describe('describeFieldIssue', () => {
  it('names the field by its label, once', () => {
    expect(describeFieldIssue(['appId'], 'Bad.')).toBe('App ID: Bad.')
    expect(describeFieldIssue(['name'], 'Customer name has no visible character.')).toBe('Customer name has no visible character.')
  })
})
