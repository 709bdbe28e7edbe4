import { describe, expect, it } from 'vitest'
import { apiBase, checkServiceUrl, DEFAULT_GATEWAY_URL, isPrivateHost, normalizeSubdomain, PROFILE_FIELD_MESSAGES, profileNotices, storedProfileIssues, validateProfileInput, type Profile } from './profile'
import { KEY_ID_MESSAGES, URL_SYNTAX_MESSAGES } from './profile-rules'

const base = { name: 'Acme', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34' }

describe('normalizeSubdomain', () => {
  it.each([
    ['acme', 'acme'],
    ['ACME', 'acme'],
    [' acme-eu ', 'acme-eu'],
    ['acme.zendesk.com', 'acme'],
    ['https://acme.zendesk.com/admin/home', 'acme'],
    ['acme.zendesk.com/hc', 'acme']
  ])('%s → %s', (raw, want) => expect(normalizeSubdomain(raw)).toEqual({ value: want }))

  it.each(['-acme', 'acme-', 'ac_me', '', 'a'.repeat(64), 'acme corp'])('refuses %j', (raw) =>
    expect(normalizeSubdomain(raw)).toEqual({ error: PROFILE_FIELD_MESSAGES.subdomain }))

  it('says to use an API base for another host', () =>
    expect(normalizeSubdomain('https://api.smooch.io/v2')).toEqual({ error: PROFILE_FIELD_MESSAGES.subdomainOtherHost }))
})

describe('isPrivateHost / checkServiceUrl', () => {
  it.each(['localhost', '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.1.1', '[::1]', 'fd00::1', 'api.localhost'])('%s is private', (h) =>
    expect(isPrivateHost(h)).toBe(true))
  it.each(['example.com', '8.8.8.8', '172.32.0.1', 'gateway.aissist.io'])('%s is public', (h) => expect(isPrivateHost(h)).toBe(false))

  it('requires https for public hosts and allowPrivate for private ones', () => {
    expect(checkServiceUrl('https://gateway.aissist.io/x', false)).toBeNull()
    expect(checkServiceUrl('http://gateway.aissist.io/x', true)).toBe(PROFILE_FIELD_MESSAGES.https)
    expect(checkServiceUrl('http://127.0.0.1:8080/x', false)).toBe(PROFILE_FIELD_MESSAGES.privateHost)
    expect(checkServiceUrl('http://127.0.0.1:8080/x', true)).toBeNull()
    expect(checkServiceUrl('https://u:p@example.com', false)).toBe(PROFILE_FIELD_MESSAGES.credentialsInUrl)
    expect(checkServiceUrl('not a url', false)).toBe(PROFILE_FIELD_MESSAGES.url)
    expect(checkServiceUrl('ftp://example.com', false)).toBe(PROFILE_FIELD_MESSAGES.url)
  })
})

describe('validateProfileInput', () => {
  it('applies defaults and normalises the subdomain', () => {
    const r = validateProfileInput({ ...base, subdomain: 'https://Acme.zendesk.com/' })
    expect(r).toMatchObject({ ok: true, value: { subdomain: 'acme', gatewayUrl: DEFAULT_GATEWAY_URL, allowPrivate: false, agentName: '', notes: '' } })
  })

  it('accepts act_ key ids and an explicit private API base with allowPrivate', () => {
    const r = validateProfileInput({ name: 'Sandbox', apiBaseUrl: 'http://127.0.0.1:4010/', appId: base.appId, keyId: 'act_5963ceb97cde542d000dbdb1', allowPrivate: true, gatewayUrl: 'http://127.0.0.1:4020/gw' })
    expect(r).toMatchObject({ ok: true, value: { apiBaseUrl: 'http://127.0.0.1:4010' } })
  })

  it('names each bad field with its message', () => {
    const r = validateProfileInput({ name: '', subdomain: '-x', appId: 'nope', keyId: 'key_1', gatewayUrl: 'http://gw.example.com', avatarUrl: 'http://10.0.0.1/a.png' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual({
      name: PROFILE_FIELD_MESSAGES.name,
      subdomain: PROFILE_FIELD_MESSAGES.subdomain,
      appId: PROFILE_FIELD_MESSAGES.appId,
      keyId: PROFILE_FIELD_MESSAGES.keyId,
      gatewayUrl: PROFILE_FIELD_MESSAGES.https,
      avatarUrl: PROFILE_FIELD_MESSAGES.privateHost
    })
  })

  it('wants exactly one Zendesk host', () => {
    const { subdomain: _s, ...noHost } = base
    expect(validateProfileInput(noHost)).toMatchObject({ ok: false, errors: { subdomain: PROFILE_FIELD_MESSAGES.zendeskHost } })
    expect(validateProfileInput({ ...base, apiBaseUrl: 'https://api.smooch.io' })).toMatchObject({ ok: false, errors: { apiBaseUrl: PROFILE_FIELD_MESSAGES.zendeskBoth } })
  })

  it('refuses unknown fields (a secret never rides along in the profile)', () => {
    expect(validateProfileInput({ ...base, keySecret: 'x' }).ok).toBe(false)
  })
})

describe('apiBase', () => {
  it('derives the Zendesk host or uses the explicit base', () => {
    expect(apiBase({ subdomain: 'acme' })).toBe('https://acme.zendesk.com/sc')
    expect(apiBase({ apiBaseUrl: 'https://api.eu-1.smooch.io/' })).toBe('https://api.eu-1.smooch.io')
  })
})

describe('names people see (issue 15: terminal escapes through names)', () => {
  it.each([
    ['ESC ] 0 ; (sets the terminal title)', '\u001b]0;owned\u0007Acme'],
    ['OSC 52 (writes the clipboard)', 'Acme\u001b]52;c;ZXZpbA==\u0007'],
    ['CSI 2K (erases the line)', 'Acme\u001b[2K'],
    ['a forged line', 'Acme\nkey secret: present'],
    ['a carriage return', 'Acme\rkey secret: present'],
    ['NUL', 'Ac\u0000me']
  ])('refuses a customer name with %s, naming "Customer name"', (_label, name) => {
    const r = validateProfileInput({ ...base, name })
    expect(r).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/^Customer name contains a control character/) } })
  })
  it('refuses bidi overrides and invisible-only names, in the customer and the agent name', () => {
    expect(validateProfileInput({ ...base, name: 'Acme\u202eevil' })).toMatchObject({ ok: false, errors: { name: expect.stringContaining('text-direction') } })
    expect(validateProfileInput({ ...base, name: '\u200b\u200b' })).toMatchObject({ ok: false, errors: { name: expect.stringContaining('no visible character') } })
    expect(validateProfileInput({ ...base, agentName: 'Bot\u001b[31m' })).toMatchObject({ ok: false, errors: { agentName: expect.stringMatching(/^Agent name contains a control character/) } })
  })
})

describe('URLs the profile stores (issue 15: backslash and userinfo)', () => {
  it.each(['gatewayUrl', 'avatarUrl'])('refuses https://evil.example\\@gateway.aissist.io/x as %s', (field) => {
    expect(validateProfileInput({ ...base, [field]: 'https://evil.example\\@gateway.aissist.io/x' })).toMatchObject({ ok: false, errors: { [field]: URL_SYNTAX_MESSAGES.backslash } })
    expect(validateProfileInput({ ...base, [field]: 'https://evil.example@gateway.aissist.io/x' })).toMatchObject({ ok: false, errors: { [field]: URL_SYNTAX_MESSAGES.credentials } })
  })
  it('refuses them as the API base too', () => {
    const { subdomain: _s, ...noSub } = base
    expect(validateProfileInput({ ...noSub, apiBaseUrl: 'https://evil.example\\@acme.zendesk.com/sc' })).toMatchObject({ ok: false, errors: { apiBaseUrl: URL_SYNTAX_MESSAGES.backslash } })
  })
})

describe('API base and key guardrails (issue 13)', () => {
  const { subdomain: _s, ...noSub } = base
  it('completes https://acme.zendesk.com to /sc when stored, and tells the user', () => {
    expect(validateProfileInput({ ...noSub, apiBaseUrl: 'https://acme.zendesk.com' })).toMatchObject({ ok: true, value: { apiBaseUrl: 'https://acme.zendesk.com/sc' } })
    expect(profileNotices({ apiBaseUrl: 'https://acme.zendesk.com' })).toEqual([{ field: 'apiBaseUrl', message: expect.stringContaining('https://acme.zendesk.com/sc') }])
    // and a base stored that way by an older version is used the right way
    expect(apiBase({ apiBaseUrl: 'https://acme.zendesk.com' })).toBe('https://acme.zendesk.com/sc')
  })
  it('explains a host-mapped domain, as a subdomain (refused) and as an API base (advice)', () => {
    expect(normalizeSubdomain('support.acme.com')).toEqual({ error: PROFILE_FIELD_MESSAGES.subdomainOtherHost })
    expect(PROFILE_FIELD_MESSAGES.subdomainOtherHost).toContain('host mapping')
    expect(profileNotices({ apiBaseUrl: 'https://support.acme.com' })).toEqual([{ field: 'apiBaseUrl', message: expect.stringContaining('.zendesk.com/sc') }])
    expect(profileNotices({ apiBaseUrl: 'https://api.eu-1.smooch.io' })).toEqual([])
    expect(profileNotices({ apiBaseUrl: 'http://127.0.0.1:4010' })).toEqual([])
  })
  it('refuses int_ keys with the fix and warns about act_ keys', () => {
    expect(validateProfileInput({ ...base, keyId: 'int_5e4b0f225aca01092928f917' })).toMatchObject({ ok: false, errors: { keyId: KEY_ID_MESSAGES.integration } })
    expect(validateProfileInput({ ...base, keyId: 'act_5963ceb97cde542d000dbdb1' }).ok).toBe(true)
    expect(profileNotices({ keyId: 'act_5963ceb97cde542d000dbdb1' })).toEqual([{ field: 'keyId', message: KEY_ID_MESSAGES.account }])
  })
})

describe('storedProfileIssues', () => {
  it('flags what an older file holds that today\'s rules refuse, by label', () => {
    const p: Profile = { ...base, id: '00000000-0000-4000-8000-000000000001', name: 'Acme\u001b]0;x\u0007', gatewayUrl: DEFAULT_GATEWAY_URL, agentName: '', avatarUrl: '', allowPrivate: false, notes: '', createdAt: '', updatedAt: '' }
    expect(storedProfileIssues(p)).toEqual([{ field: 'name', message: expect.stringMatching(/^Customer name contains a control character \(U\+001B ESC\)/) }])
    expect(storedProfileIssues({ ...p, name: 'Acme' })).toEqual([])
  })
})
