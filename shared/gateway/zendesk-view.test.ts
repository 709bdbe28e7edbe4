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
})
