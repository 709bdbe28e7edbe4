import { describe, expect, it } from 'vitest'
import {
  AUTHOR_LABELS,
  AUTHOR_TYPES,
  buildWebhookPayload,
  CONTENT_LABELS,
  CONTENT_TYPES,
  isZendeskId,
  MESSAGE_SOURCES,
  randomHexId,
  sampleContent,
  SOURCE_LABELS,
  validateWebhookPayload,
  WebhookPayload
} from './webhook-events'

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

describe('buildWebhookPayload: authors, contents and channels', () => {
  it('builds the echo of a business reply: the agent’s name and avatar, API source, no user nor client', () => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:message', author: 'business', business: { displayName: 'Aissist', avatarUrl: 'https://cdn.example.com/a.png' }, text: 'Hi!', sourceType: 'api:conversations', includeFullUser: true, includeFullSource: true, random: seeded(4) })
    const e = p.events[0]
    if (e.type !== 'conversation:message') throw new Error('type')
    expect(e.payload.message.author).toEqual({ type: 'business', displayName: 'Aissist', avatarUrl: 'https://cdn.example.com/a.png' })
    expect(e.payload.message.source).toEqual({ type: 'api:conversations', integrationId: base.integrationId, originalMessageId: null, originalMessageTimestamp: null })
  })

  it.each(CONTENT_TYPES)('makes a realistic %s content that the validator accepts', (content) => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:message', content, text: 'caption', sourceType: 'whatsapp', includeFullUser: false, includeFullSource: false, random: seeded(6) })
    const e = p.events[0]
    if (e.type !== 'conversation:message') throw new Error('type')
    expect(e.payload.message.content.type).toBe(content)
    expect(validateWebhookPayload(p)).toMatchObject({ ok: true })
  })

  it('sends `sms` as Zendesk names it (twilio), and null conversation metadata as null', () => {
    const p = buildWebhookPayload({ ...base, conversation: { ...base.conversation, metadata: null }, type: 'conversation:message', text: 'x', sourceType: 'sms', includeFullUser: false, includeFullSource: true, random: seeded(8) })
    const e = p.events[0]
    if (e.type !== 'conversation:message') throw new Error('type')
    expect(e.payload.message.source?.type).toBe('twilio')
    expect(e.payload.message.source?.client?.type).toBe('twilio')
    expect(e.payload.conversation.metadata).toBeNull()
    expect(sampleContent('formResponse', { userName: 'Ana' })).toMatchObject({ fields: [{ text: 'Ana' }, { type: 'email' }], textFallback: expect.stringContaining('Ana') })
  })

  it('offers every source, content and author by a plain name', () => {
    for (const s of MESSAGE_SOURCES) expect(SOURCE_LABELS[s]).toBeTruthy()
    for (const c of CONTENT_TYPES) expect(CONTENT_LABELS[c]).toBeTruthy()
    for (const a of AUTHOR_TYPES) expect(AUTHOR_LABELS[a]).toBeTruthy()
  })
})
