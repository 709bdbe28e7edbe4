import { describe, expect, it } from 'vitest'
import { describeHttpStatus, describeRetryLater, fixForZendeskTitle } from './errors'

const R = 'POST /v2/apps/a/integrations'

describe('fixes from Zendesk\'s own error title', () => {
  it('maps the titles Zendesk sends to their fix, keeping the words verbatim', () => {
    const limit = describeHttpStatus(400, [{ code: 'bad_request', title: 'An app is limited to 10 webhooks' }], R)
    expect(limit.code).toBe('zendesk-webhook-limit')
    expect(limit.message).toContain('Zendesk says: bad_request: An app is limited to 10 webhooks.')
    expect(limit.fix).toMatch(/delete a webhook or an integration it no longer uses/)
    expect(describeHttpStatus(409, [{ code: 'conflict', title: 'User already exists' }], R).code).toBe('zendesk-already-exists')
    expect(describeHttpStatus(400, [{ code: 'bad_request', title: 'target must be a valid URL' }], R).code).toBe('zendesk-webhook-target')
    expect(describeHttpStatus(400, [{ code: 'bad_request', title: "should have required property 'displayName'" }], R).code).toBe('zendesk-display-name')
    expect(describeHttpStatus(400, [{ code: 'bad_request', title: 'Switchboard has reached the max number of switchboard integrations (10)' }], R).code).toBe('zendesk-switchboard-limit')
    expect(fixForZendeskTitle([{ code: 'bad_request', title: 'Unknown property foo' }])?.code).toBe('zendesk-unknown-property')
  })

  it('quotes an unknown title verbatim with a generic fix, by status', () => {
    const odd = describeHttpStatus(400, [{ code: 'bad_request', title: 'Something new went wrong' }], R)
    expect(odd).toMatchObject({ code: 'zendesk-bad-request', message: expect.stringContaining('Something new went wrong') })
    expect(odd.fix).toMatch(/Zendesk's own words above/)
    expect(describeHttpStatus(422, [{ code: 'unprocessable', title: 'Nope' }], R).code).toBe('zendesk-unprocessable')
    expect(describeHttpStatus(409, [], R).code).toBe('zendesk-conflict')
    // A title only counts on the statuses that describe what was refused.
    expect(describeHttpStatus(401, [{ code: 'unauthorized', title: 'An app is limited to 10 webhooks' }], R).code).toBe('zendesk-unauthorized')
  })

  it('says when to try again after a long Retry-After', () => {
    const d = describeRetryLater(429, [], 'GET /v2/apps/a', 120_000, new Date(2026, 0, 2, 10, 0, 30))
    expect(d).toMatchObject({ code: 'zendesk-rate-limited', message: expect.stringContaining('asked to wait 2 min'), fix: expect.stringMatching(/^Try again after 10:03/) })
  })
})
