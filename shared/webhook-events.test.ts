import { describe, expect, it } from 'vitest'
import { buildWebhookPayload, isZendeskId, randomHexId, WebhookPayload } from './webhook-events'

const seeded = (seed = 1): (() => number) => {
  let s = seed
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646
}
const base = {
  appId: '5ebee0975ac5304b664a12fa',
  webhookId: '5f4eaef81e3dcc117c7ba48a',
  integrationId: '5ecff63ffc3ab25f4561c8a0',
  user: { id: '26508c10541a4b0ff472e5e2', displayName: 'Steve Rogers', externalId: '912382197', email: 's@example.com' },
  conversation: { id: 'f52b01137aa6c250bc7251fa' },
  now: '2020-09-30T18:00:56.820Z'
}

describe('buildWebhookPayload', () => {
  it('builds a conversation:message exactly in the v2 shape, truncated user and source by default', () => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:message', text: 'hello', sourceType: 'whatsapp', includeFullUser: false, includeFullSource: false, random: seeded() })
    expect(WebhookPayload.parse(p)).toEqual(p)
    expect(p.webhook).toEqual({ id: base.webhookId, version: 'v2' })
    const e = p.events[0]
    if (e.type !== 'conversation:message') throw new Error('type')
    expect(isZendeskId(e.id)).toBe(true)
    expect(e.createdAt).toBe(base.now)
    expect(e.payload.message.author).toEqual({
      userId: base.user.id,
      displayName: 'Steve Rogers',
      type: 'user',
      user: { id: base.user.id, externalId: '912382197', authenticated: false }
    })
    expect(e.payload.message.source).toMatchObject({ type: 'whatsapp', integrationId: base.integrationId })
    expect(e.payload.message.source?.client).toBeUndefined()
  })

  it('adds the full user and the client/device with the webhook flags', () => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:create', sourceType: 'web', includeFullUser: true, includeFullSource: true, random: seeded(7) })
    const e = p.events[0]
    if (e.type !== 'conversation:create') throw new Error('type')
    expect(e.payload.user?.profile?.givenName).toBe('Steve')
    expect(e.payload.source?.client?.type).toBe('sdk')
    expect(e.payload.source?.device?.type).toBe('web')
    expect(e.payload.creationReason).toBe('message')
  })

  it('is deterministic with fixed ids and random source', () => {
    const a = buildWebhookPayload({ ...base, type: 'conversation:message', text: 'x', sourceType: 'sms', includeFullUser: true, includeFullSource: true, random: seeded(3) })
    const b = buildWebhookPayload({ ...base, type: 'conversation:message', text: 'x', sourceType: 'sms', includeFullUser: true, includeFullSource: true, random: seeded(3) })
    expect(a).toEqual(b)
    expect(randomHexId(seeded())).toMatch(/^[0-9a-f]{24}$/)
  })
})
