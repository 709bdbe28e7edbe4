import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ZendeskApiError } from '../../electron/core/zendesk/errors'
import { Integration, MAX_WEBHOOKS_PER_APP, Webhook } from '../../shared/schemas/zendesk'
import { describeAjvErrors, openApiMissingReason, openApiValidator } from '../support/openapi-schema'
import { aissistIntegration, startReceiver, startSandboxWorld, type Receiver, type SandboxWorld } from './sandbox-fixture'

/**
 * The states real accounts get into, seeded through the sandbox's Zendesk API where Zendesk allows
 * it and through the control API where it does not: a full app, legacy webhook versions, a `*`
 * trigger, the secret read back, rotated, or different from what the gateway expects.
 */

const LIMIT_BODY = { errors: [{ code: 'bad_request', title: `An app is limited to ${MAX_WEBHOOKS_PER_APP} webhooks` }] }
const missingSpec = openApiMissingReason()

let w: SandboxWorld
let rx: Receiver

beforeAll(async () => {
  w = await startSandboxWorld()
  rx = await startReceiver()
})
afterAll(async () => {
  await w.close()
  await rx.close()
})
beforeEach(async () => {
  await w.reset()
  rx.received.length = 0
})

describe('an app at Zendesk’s limit of 10 webhooks', () => {
  it('through the API: 10 integrations are fine, an 11th webhook (new integration or added) gets Zendesk’s 400 body', async () => {
    const made = []
    for (let i = 0; i < MAX_WEBHOOKS_PER_APP; i++) made.push((await w.client.createCustomIntegration({ ...aissistIntegration(rx.url(`/h${i}`)), displayName: `bot-${i}` })).integration)
    const eleventh = await w.api('POST', '/integrations', aissistIntegration(rx.url('/h11')))
    expect(eleventh).toEqual({ status: 400, body: LIMIT_BODY })
    const added = await w.api('POST', `/integrations/${made[0].id}/webhooks`, { target: rx.url('/h12'), triggers: ['conversation:message'] })
    expect(added).toEqual({ status: 400, body: LIMIT_BODY })
    await expect(w.client.createWebhook(made[1].id, { target: rx.url('/h13'), triggers: ['*'] })).rejects.toBeInstanceOf(ZendeskApiError)
    const custom = await w.client.listAllIntegrations({ types: ['custom'] })
    expect(custom.reduce((n, i) => n + (i.webhooks?.length ?? 0), 0)).toBe(MAX_WEBHOOKS_PER_APP)
    // Deleting one frees a place.
    await w.client.deleteIntegration(made[0].id)
    expect((await w.api('POST', '/integrations', aissistIntegration(rx.url('/h14')))).status).toBe(201)
  })

  it('through the control API: one integration holding 10 webhooks; the next seed gets the same 400 body', async () => {
    const webhooks = Array.from({ length: MAX_WEBHOOKS_PER_APP }, (_, i) => ({ target: rx.url(`/c${i}`) }))
    const seeded = await w.control('POST', '/integrations', { displayName: 'Legacy bots', webhooks, switchboard: false })
    expect(seeded.status).toBe(201)
    expect(seeded.body.integration.webhooks).toHaveLength(10)
    expect(await w.control('POST', '/integrations', { displayName: 'One more', target: rx.url('/x') })).toEqual({ status: 400, body: LIMIT_BODY })
    expect(() => w.sb.seedIntegration({ displayName: 'In process', target: rx.url('/y') })).toThrow(/limited to 10 webhooks/)
    const listed = await w.client.listWebhooks(seeded.body.integration.id)
    expect(listed).toHaveLength(10)
  })
})

describe('webhook versions and triggers', () => {
  it('v1, v1.1 and v2 webhooks, each read back with its version; legacy ones get legacy bodies, `*` gets every event', async () => {
    const r = await w.control('POST', '/integrations', {
      displayName: 'Mixed versions',
      switchboard: false,
      webhooks: [
        { target: rx.url('/v1'), version: 'v1', triggers: ['message:appUser'] },
        { target: rx.url('/v11'), version: 'v1.1', triggers: ['conversation:message'] },
        { target: rx.url('/v2'), triggers: ['conversation:create', 'conversation:message'] },
        { target: rx.url('/star'), triggers: ['*'] }
      ]
    })
    expect(r.status).toBe(201)
    const hooks = (await w.client.listWebhooks(r.body.integration.id)).map((h) => Webhook.parse(h))
    expect(hooks.map((h) => h.version)).toEqual(['v1', 'v1.1', 'v2', 'v2'])
    expect(hooks[3].triggers).toEqual(['*'])
    await w.sb.simulateUserMessage({ text: 'hello' })
    await w.sb.settled()
    const at = (path: string) => rx.received.filter((x) => x.path === path).map((x) => x.body)
    expect(at('/v1').map((b) => [b.version, b.trigger, b.messages?.[0]?.role])).toEqual([['v1', 'message:appUser', 'appUser']])
    expect(at('/v11').map((b) => [b.version, b.trigger])).toEqual([['v1.1', 'message:appUser']])
    expect(at('/v11')[0]).not.toHaveProperty('events')
    expect(at('/v2').map((b) => b.events[0].type)).toEqual(['conversation:create', 'conversation:message'])
    expect(at('/star').map((b) => b.events[0].type)).toEqual(['conversation:create', 'conversation:message'])
  })

  it('a webhook switched to v1 behind the simulated gateway: the gateway refuses the legacy body (400, dropped)', async () => {
    const { integration } = await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    const hook = integration.webhooks[0]
    expect((await w.control('PATCH', `/webhooks/${hook.id}`, { version: 'v1' })).status).toBe(200)
    expect((await w.client.listWebhooks(integration.id))[0].version).toBe('v1')
    await w.sb.simulateUserMessage({ text: 'hi' })
    await w.sb.settled()
    expect(w.sb.state.deliveries.map((d) => [d.eventType, d.status, d.result])).toEqual([
      ['conversation:start', 400, 'dropped'],
      ['message:appUser', 400, 'dropped']
    ])
    expect(w.sb.state.gatewayReceived.every((g) => g.status === 400 && g.apiKeyPresent)).toBe(true)
  })
})

describe('the webhook secret’s whole life', () => {
  it('is readable from Zendesk: create, list and get return the same secret', async () => {
    const { integration } = await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    const secret = integration.webhooks[0].secret
    expect(secret).toMatch(/^[0-9a-f]{32}$/)
    expect((await w.client.listWebhooks(integration.id))[0].secret).toBe(secret)
    const got = await w.api('GET', `/integrations/${integration.id}/webhooks/${integration.webhooks[0].id}`)
    expect(got.body.webhook.secret).toBe(secret)
    expect(Integration.parse((await w.api('GET', `/integrations/${integration.id}`)).body.integration).webhooks?.[0].secret).toBe(secret)
  })

  it('rotation: deleting and recreating the webhook gives a new ID and a new secret, which Zendesk then sends', async () => {
    const { integration } = await w.client.createCustomIntegration(aissistIntegration(rx.url('/rot')))
    const old = integration.webhooks[0]
    await w.client.deleteWebhook(integration.id, old.id)
    const fresh = await w.client.createWebhook(integration.id, { target: rx.url('/rot'), triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true })
    expect(fresh.id).not.toBe(old.id)
    expect(fresh.secret).toMatch(/^[0-9a-f]{32}$/)
    expect(fresh.secret).not.toBe(old.secret)
    await w.sb.simulateUserMessage({ text: 'after rotation' })
    await w.sb.settled()
    expect(rx.received.map((x) => x.headers['x-api-key'])).toEqual([fresh.secret, fresh.secret])
  })

  it('a gateway that expects another secret than Zendesk sends: every delivery is a 401, dropped', async () => {
    const { integration } = await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    const hook = integration.webhooks[0]
    // The customer entered the secret, then the webhook's secret changed at Zendesk (rotated elsewhere).
    expect((await w.control('POST', '/gateway/secret', { secret: hook.secret, webhookId: hook.id })).status).toBe(200)
    expect((await w.control('PATCH', `/webhooks/${hook.id}`, { secret: 'f'.repeat(32) })).status).toBe(200)
    expect((await w.client.listWebhooks(integration.id))[0].secret).toBe('f'.repeat(32))
    await w.sb.simulateUserMessage({ text: 'who am I' })
    await w.sb.settled()
    expect(w.sb.state.deliveries.map((d) => [d.status, d.result])).toEqual([
      [401, 'dropped'],
      [401, 'dropped']
    ])
    // A test event sent with the stale secret the gateway holds would pass: that is the trap.
    expect(w.sb.state.gatewaySecrets.byWebhook[hook.id]).toBe(hook.secret)
    // Back to a gateway that knows Zendesk's current secret.
    await w.control('POST', '/gateway/secret', { secret: null, webhookId: hook.id })
    w.sb.state.deliveries.length = 0
    await w.sb.simulateUserMessage({ text: 'again' })
    await w.sb.settled()
    expect(w.sb.state.deliveries.filter((d) => d.eventType === 'conversation:message' && d.result === 'delivered').length).toBeGreaterThanOrEqual(1)
  })

  it('one secret pinned for every webhook (a gateway configured once) refuses a recreated webhook', async () => {
    const { integration } = await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    w.sb.setGatewaySecret(integration.webhooks[0].secret!)
    await w.client.deleteIntegration(integration.id)
    await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    await w.sb.simulateUserMessage({ text: 'x' })
    await w.sb.settled()
    expect(w.sb.state.deliveries.every((d) => d.status === 401)).toBe(true)
  })
})

describe('what real accounts send that a tidy sandbox would not', () => {
  it.skipIf(missingSpec)('null conversation metadata, a null source.integrationId for API messages, zendeskId and brandId: every delivered body valid against the spec', async () => {
    await w.client.createCustomIntegration(aissistIntegration(rx.url('/real')))
    const u = await w.control('POST', '/user-message', { text: 'linked user', user: { zendeskId: '30045042291606', brandId: '9477922990333' } })
    expect(u.status).toBe(201)
    const user = await w.client.createUser({ externalId: 'api-user' })
    const conv = await w.client.createConversation({ type: 'personal', participants: [{ userId: user.id }] })
    await w.client.postMessage(conv.id, { author: { type: 'user', userId: user.id }, content: { type: 'text', text: 'through the API' } })
    await w.sb.settled()
    const events = rx.received.map((x) => x.body.events[0])
    expect(events.map((e) => e.type)).toEqual(['conversation:create', 'conversation:message', 'conversation:create', 'conversation:message'])
    expect(events.every((e) => e.payload.conversation.metadata === null)).toBe(true)
    expect(events[1].payload.message.author.user).toMatchObject({ zendeskId: '30045042291606', brandId: '9477922990333' })
    expect(events[1].payload.message.source).toMatchObject({ type: 'web', integrationId: expect.any(String) })
    expect(events[2].payload).toMatchObject({ creationReason: 'none', source: { type: 'api:conversations' } })
    expect(events[3].payload.message.source).toMatchObject({ type: 'api:conversations', integrationId: null })
    const check = { 'conversation:create': openApiValidator('conversationCreateEvent'), 'conversation:message': openApiValidator('conversationMessageEvent') }
    for (const e of events) {
      const v = check[e.type as keyof typeof check]
      expect(v(e), describeAjvErrors(v.errors)).toBe(true)
    }
  })

  it.skipIf(missingSpec)('answers of the new endpoints are valid against the spec (switchboard integrations, a channel’s defaultResponder)', async () => {
    const [board] = await w.client.listSwitchboards()
    const sbis = (await w.api('GET', `/switchboards/${board.id}/switchboardIntegrations`)).body
    const list = openApiValidator('switchboardIntegrationListResponse')
    expect(list(sbis), describeAjvErrors(list.errors)).toBe(true)
    const web = (await w.client.listIntegrations({ types: ['web'] })).items[0]
    const got = (await w.api('GET', `/integrations/${web.id}`)).body.integration
    expect(got.defaultResponder).toMatchObject({ integrationType: 'zd:agentWorkspace', inherited: true })
    const one = openApiValidator('defaultResponder')
    expect(one(got), describeAjvErrors(one.errors)).toBe(true)
  })
})

describe('the control API', () => {
  it('is token-guarded and answers 400 naming a bad field', async () => {
    expect((await fetch(`${w.sb.controlUrl}/integrations`, { method: 'POST', body: '{}' })).status).toBe(401)
    expect(await w.control('POST', '/integrations', { displayName: 'x', webhooks: [{ target: 'not a url' }] })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^webhooks\.0\.target/) } })
    expect(await w.control('POST', '/channels', { type: 'messenger', defaultResponderId: 'nope' })).toMatchObject({ status: 400, body: { message: /defaultResponderId/ } })
    expect(await w.control('PATCH', '/webhooks/nope', { version: 'v1' })).toMatchObject({ status: 400, body: { message: /No webhook nope/ } })
    expect(await w.control('POST', '/user-message', { text: 'x', conversationId: 'nope' })).toMatchObject({ status: 400, body: { message: /not found/ } })
  })

  it('adds channels, removes one fault, and sets fields only Zendesk sets on a user', async () => {
    const ch = await w.control('POST', '/channels', { type: 'twilio', displayName: 'SMS +1 555 0199' })
    expect(ch).toMatchObject({ status: 201, body: { integration: { type: 'twilio' } } })
    const sent = await w.control('POST', '/user-message', { content: 'location', sourceType: 'sms' })
    expect(sent.status).toBe(201)
    const conv = w.sb.state.conversations.find((c) => c.conversation.id === sent.body.conversationId)!
    expect(conv.channel).toEqual({ integrationId: ch.body.integration.id, sourceType: 'twilio' })
    expect(conv.messages[0].content).toMatchObject({ type: 'location', coordinates: { lat: expect.any(Number), long: expect.any(Number) } })
    const user = await w.control('PATCH', `/users/${conv.userId}`, { zendeskId: '123', brandId: null })
    expect(user.body.user).toMatchObject({ zendeskId: '123', brandId: null })
    const f1 = (await w.control('POST', '/faults', { kind: 'slow', delayMs: 1 })).body.id
    const f2 = (await w.control('POST', '/faults', { kind: 'status', status: 503, path: '/v2/apps/*/users' })).body.id
    expect((await w.control('DELETE', `/faults/${f1}`)).status).toBe(200)
    expect((await w.control('GET', '/faults')).body.faults.map((f: { id: number }) => f.id)).toEqual([f2])
    await w.control('DELETE', '/faults')
  })
})
