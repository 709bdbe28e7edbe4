import { describe, expect, it } from 'vitest'
import { NON_RECOVERABLE_STATUSES, zendeskViewOf } from './zendesk-view'

describe('zendeskViewOf', () => {
  it('follows Zendesk\'s retry policy', () => {
    expect(zendeskViewOf({ status: 200 }).verdict).toBe('accepted')
    expect(zendeskViewOf({ status: 204 }).verdict).toBe('accepted')
    for (const s of NON_RECOVERABLE_STATUSES) expect(zendeskViewOf({ status: s }).verdict).toBe('dropped')
    for (const s of [405, 408, 409, 429, 500, 502, 503, 504]) expect(zendeskViewOf({ status: s }).verdict).toBe('retried')
    expect(zendeskViewOf({ status: 302, redirectLocation: 'https://x.example/' })).toMatchObject({ verdict: 'retried', fix: expect.stringContaining('https://x.example/') })
    expect(zendeskViewOf({ status: null, timedOut: true, timeoutMs: 20_000 }).message).toContain('20 s')
    expect(zendeskViewOf({ status: null, networkError: 'refused' })).toMatchObject({ verdict: 'unreachable', message: expect.stringContaining('refused') })
  })

  it('explains a 401 as a webhook secret mismatch with the fix', () => {
    const v = zendeskViewOf({ status: 401 })
    expect(v.message).toMatch(/X-API-Key/)
    expect(v.message).toMatch(/does not match/)
    expect(v.fix).toMatch(/webhook secret/)
  })

  it('says the secret is readable from Zendesk (never "shown once") and carries the fixes the app can do', () => {
    const v = zendeskViewOf({ status: 401 })
    expect(v.fix).not.toMatch(/shown once/)
    expect(v.fix).toMatch(/Zendesk keeps the webhook secret readable/)
    expect(v.actions?.map((a) => a.kind)).toEqual(['resync-webhook-secret', 'gateway-values'])
    expect(zendeskViewOf({ status: 404 }).actions).toEqual([{ kind: 'edit-customer', field: 'gatewayUrl', label: "Edit the customer's gateway URL" }])
  })

  it('tells when to send again after a Retry-After over a minute', () => {
    const now = new Date(2026, 4, 5, 9, 0, 0)
    const v = zendeskViewOf({ status: 429, retryAfterMs: 300_000, now })
    expect(v).toMatchObject({ verdict: 'retried', fix: expect.stringMatching(/^Send test events again after 09:05\./) })
    expect(zendeskViewOf({ status: 429, retryAfterMs: 30_000, now }).fix).toMatch(/rate-limiting/)
  })
})
