import { describe, expect, it } from 'vitest'
import { CustomIntegrationCreateBody, IntegrationListResponse, MessagePostBody, Webhook, ZendeskErrorBody } from './zendesk'

const hook = { target: 'https://gateway.aissist.io/gateway/zendesk/conversation', triggers: ['conversation:create', 'conversation:message'] }

describe('zendesk schemas', () => {
  it('keeps unknown response fields (loose) and requires the known ones', () => {
    const r = IntegrationListResponse.parse({
      integrations: [{ id: '5e4af71a81966cfff3ef6550', type: 'custom', status: 'active', displayName: 'X', newField: 1, webhooks: [{ id: 'a', version: 'v2', ...hook, secret: 's' }] }],
      meta: { hasMore: false }
    })
    expect((r.integrations[0] as Record<string, unknown>).newField).toBe(1)
    expect(Webhook.safeParse({ id: 'a', target: 'x' }).success).toBe(false)
  })

  it('is strict for what we send: one webhook, displayName ≤ 100, no unknown keys', () => {
    expect(CustomIntegrationCreateBody.safeParse({ type: 'custom', displayName: 'A', webhooks: [hook] }).success).toBe(true)
    expect(CustomIntegrationCreateBody.safeParse({ type: 'custom', displayName: 'A', webhooks: [hook, hook] }).success).toBe(false)
    expect(CustomIntegrationCreateBody.safeParse({ type: 'custom', displayName: 'x'.repeat(101), webhooks: [hook] }).success).toBe(false)
    expect(CustomIntegrationCreateBody.safeParse({ type: 'custom', displayName: 'A', webhooks: [hook], extra: 1 }).success).toBe(false)
    expect(MessagePostBody.safeParse({ author: { type: 'business', displayName: 'Ava' }, content: { type: 'text', text: 'hi' } }).success).toBe(true)
  })

  it('reads the official error body', () => {
    expect(ZendeskErrorBody.parse({ errors: [{ code: 'unauthorized', title: 'Authorization is required' }] }).errors[0].code).toBe('unauthorized')
  })
})
