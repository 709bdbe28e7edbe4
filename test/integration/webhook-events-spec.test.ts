import { describe, expect, it } from 'vitest'
import {
  AUTHOR_TYPES,
  buildWebhookPayload,
  CONTENT_TYPES,
  MESSAGE_SOURCES,
  validateWebhookPayload,
  validateWebhookPayloadJson,
  type BuildWebhookPayloadInput
} from '../../shared/webhook-events'
import { describeAjvErrors, openApiExample, openApiMissingReason, openApiValidator } from '../support/openapi-schema'
import type { Json } from './sandbox-fixture'

/**
 * Every payload the builder makes, checked against the official OpenAPI description's own schemas
 * (not ours): every author × content × channel of conversation:message, with and without the full
 * user and source, conversation:create per channel, and the nullable fields real accounts send.
 */

const missing = openApiMissingReason()
if (missing) console.warn(`webhook-events-spec: skipped: ${missing}`)

const seeded = (seed = 1): (() => number) => {
  let s = seed
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646
}

const base: Omit<BuildWebhookPayloadInput, 'type' | 'sourceType' | 'includeFullUser' | 'includeFullSource'> = {
  appId: '5ebee0975ac5304b664a12fa',
  webhookId: '5f4eaef81e3dcc117c7ba48a',
  integrationId: '5ecff63ffc3ab25f4561c8a0',
  user: { id: '26508c10541a4b0ff472e5e2', displayName: 'Steve Rogers', externalId: '912382197', email: 'steve@example.com', zendeskId: '30045042291606', brandId: '9477922990333' },
  conversation: {
    id: 'f52b01137aa6c250bc7251fa',
    metadata: null,
    activeSwitchboardIntegration: { id: '5eecde2dcdbffb08f5c3ed37', name: 'aissist', integrationId: '5f11a650e4e987667c2051d1', integrationType: 'custom' }
  },
  text: 'hello',
  now: '2020-09-30T18:00:56.820Z',
  business: { displayName: 'Aissist Agent', avatarUrl: 'https://cdn.example.com/agent.png' }
}

describe.skipIf(missing)('webhook payloads against the official OpenAPI schemas', () => {
  const message = missing ? null : openApiValidator('conversationMessageEvent')
  const create = missing ? null : openApiValidator('conversationCreateEvent')
  const app = missing ? null : openApiValidator('appSubSchema')
  const hook = missing ? null : openApiValidator('webhookSubSchema')

  const combos = AUTHOR_TYPES.flatMap((author) => CONTENT_TYPES.flatMap((content) => MESSAGE_SOURCES.flatMap((source) => [true, false].map((full) => ({ author, content, source, full })))))

  it.each(combos)('conversation:message $author × $content × $source (full user/source: $full)', ({ author, content, source, full }) => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:message', author, content, sourceType: source, includeFullUser: full, includeFullSource: full, random: seeded(3) })
    const event = p.events[0]
    expect(app!(p.app), describeAjvErrors(app!.errors)).toBe(true)
    expect(hook!(p.webhook), describeAjvErrors(hook!.errors)).toBe(true)
    expect(message!(event), `${describeAjvErrors(message!.errors)}\n${JSON.stringify(event, null, 1)}`).toBe(true)
    expect(validateWebhookPayload(p)).toMatchObject({ ok: true })
    if (event.type !== 'conversation:message') throw new Error('type')
    const m = event.payload.message
    expect(m.author.type).toBe(author)
    expect(m.content.type).toBe(content)
    expect(m.source?.type).toBe(source)
    expect(event.payload.conversation.metadata).toBeNull()
    if (author === 'business') {
      // The echo: the agent's name and avatar, no user, no client.
      expect(m.author).toEqual({ type: 'business', displayName: 'Aissist Agent', avatarUrl: 'https://cdn.example.com/agent.png' })
      expect(m.source?.client).toBeUndefined()
    } else {
      expect(m.author.user).toMatchObject({ zendeskId: '30045042291606', brandId: '9477922990333' })
      if (full && source !== 'api') expect(m.source?.client?.type).toBe(['web', 'ios', 'android'].includes(source) ? 'sdk' : source)
    }
  })

  it.each(MESSAGE_SOURCES.flatMap((source) => [true, false].map((full) => ({ source, full }))))('conversation:create from $source (full: $full)', ({ source, full }) => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:create', sourceType: source, includeFullUser: full, includeFullSource: full, random: seeded(5) })
    expect(create!(p.events[0]), describeAjvErrors(create!.errors)).toBe(true)
    expect(validateWebhookPayload(p).ok).toBe(true)
  })

  it('keeps the spec-nullable fields null: conversation.metadata and a message source.integrationId', () => {
    const p = buildWebhookPayload({ ...base, integrationId: null, type: 'conversation:message', sourceType: 'api', includeFullUser: true, includeFullSource: true, random: seeded(9) })
    const e = p.events[0]
    if (e.type !== 'conversation:message') throw new Error('type')
    expect(e.payload.message.source?.integrationId).toBeNull()
    expect(e.payload.conversation.metadata).toBeNull()
    expect(message!(e), describeAjvErrors(message!.errors)).toBe(true)
    // `sourceWebhook.integrationId` of a create event is not nullable: left out instead.
    const c = buildWebhookPayload({ ...base, integrationId: null, type: 'conversation:create', sourceType: 'api', includeFullUser: true, includeFullSource: true })
    if (c.events[0].type !== 'conversation:create') throw new Error('type')
    expect(c.events[0].payload.source).not.toHaveProperty('integrationId')
    expect(create!(c.events[0]), describeAjvErrors(create!.errors)).toBe(true)
  })

  it('replays the spec’s own conversationMessageEvent and conversationCreateEvent examples through the validator', () => {
    for (const [name, check] of [
      ['conversationMessageEvent', message!],
      ['conversationCreateEvent', create!]
    ] as const) {
      const example = openApiExample(name) as { events: unknown[] }
      expect(example, name).toBeTruthy()
      const r = validateWebhookPayload(example)
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true })
      expect(validateWebhookPayloadJson(JSON.stringify(example)).ok).toBe(true)
      expect(check(example.events[0]), describeAjvErrors(check.errors)).toBe(true)
    }
  })

  it('the converter bites: the spec refuses what it should (a bad author type, an image without mediaUrl, a null user.metadata)', () => {
    const p = buildWebhookPayload({ ...base, type: 'conversation:message', content: 'image', sourceType: 'web', includeFullUser: true, includeFullSource: false })
    const e = structuredClone(p.events[0]) as { payload: { message: Record<string, Record<string, unknown>> } }
    e.payload.message.author.type = 'bot'
    expect(message!(e)).toBe(false)
    const noMedia = structuredClone(p.events[0]) as { payload: { message: { content: Record<string, unknown> } } }
    delete noMedia.payload.message.content.mediaUrl
    expect(message!(noMedia)).toBe(false)
    const nullMeta = structuredClone(p.events[0]) as { payload: { message: { author: { user: Record<string, unknown> } } } }
    nullMeta.payload.message.author.user.metadata = null
    expect(message!(nullMeta)).toBe(false)
  })
})

describe('validateWebhookPayload: the first invalid field, in plain words', () => {
  const good = buildWebhookPayload({ ...base, type: 'conversation:message', content: 'image', sourceType: 'whatsapp', includeFullUser: true, includeFullSource: true, random: seeded(2) })
  const broken = (edit: (p: Record<string, Json>) => void): unknown => {
    const p = structuredClone(good) as Record<string, Json>
    edit(p)
    return p
  }

  it('names the path and what is wrong', () => {
    expect(validateWebhookPayload(broken((p) => (p.events[0].payload.message.author.type = 'bot')))).toEqual({
      ok: false,
      problem: { path: 'events[0].payload.message.author.type', message: 'events[0].payload.message.author.type must be "user" or "business" (it is the text "bot")' }
    })
    expect(validateWebhookPayload(broken((p) => delete p.events[0].payload.message.content.mediaUrl))).toMatchObject({
      ok: false,
      problem: { path: 'events[0].payload.message.content.mediaUrl', message: 'events[0].payload.message.content.mediaUrl is missing' }
    })
    expect(validateWebhookPayload(broken((p) => (p.events[0].type = 'conversation:read')))).toMatchObject({
      problem: { path: 'events[0].type', message: expect.stringContaining('must be "conversation:create" or "conversation:message"') }
    })
    expect(validateWebhookPayload(broken((p) => (p.events = [])))).toMatchObject({ problem: { path: 'events', message: 'events must have at least 1 item(s)' } })
    expect(validateWebhookPayload(broken((p) => (p.app.id = 5)))).toMatchObject({ problem: { message: 'app.id must be text (it is number 5)' } })
    expect(validateWebhookPayload(broken((p) => (p.webhook.version = 'v1.1')))).toMatchObject({ problem: { path: 'webhook.version', message: expect.stringContaining('only v2') } })
    expect(validateWebhookPayloadJson('{"app":')).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/^The payload is not valid JSON/) } })
  })

  it('accepts what real accounts send: null metadata, a null message source.integrationId, a zendeskId and brandId', () => {
    expect(validateWebhookPayload(broken((p) => (p.events[0].payload.message.source.integrationId = null))).ok).toBe(true)
    expect(validateWebhookPayload(broken((p) => (p.events[0].payload.conversation.metadata = null))).ok).toBe(true)
  })
})
