import { describe, expect, it } from 'vitest'
import { apiBase, checkServiceUrl, DEFAULT_GATEWAY_URL, isPrivateHost, normalizeSubdomain, PROFILE_FIELD_MESSAGES, validateProfileInput } from './profile'

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
