import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index'
import { ZendeskClient } from '../../electron/core/zendesk/client'
import { WebhookPayload } from '../../shared/webhook-events'
import { IntegrationListResponse, SwitchboardIntegrationListResponse, SwitchboardListResponse, ZendeskErrorBody } from '../../shared/schemas/zendesk'

let sb: Sandbox
let client: ZendeskClient
let receiver: Server
let receiverUrl = ''
let answer = 200
const received: { key?: string; body: unknown }[] = []
const hook = (target: string) => ({
  type: 'custom' as const,
  displayName: 'Aissistant_Conversation_Integration',
  webhooks: [{ target, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true }]
})

beforeAll(async () => {
  sb = await startSandbox({ retryScheduleMs: [5, 10, 15, 20], webhookTimeoutMs: 300 })
  receiver = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      if (req.method === 'POST') received.push({ key: req.headers['x-api-key'] as string, body: JSON.parse(raw) })
      res.writeHead(req.method === 'POST' ? answer : 200).end()
    })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})
afterAll(async () => {
  await client?.close()
  await sb.close()
  await new Promise<void>((r) => receiver.close(() => r()))
})
beforeEach(async () => {
  await client?.close()
  sb.reset()
  received.length = 0
  answer = 200
  client = new ZendeskClient({ baseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, keySecret: sb.keySecret, retry: { baseDelayMs: 1, maxDelayMs: 2 } })
})

describe('sandbox webhook delivery', () => {
  it('delivers conversation:create and conversation:message as Zendesk does, with X-API-Key', async () => {
    const { integration } = await client.createCustomIntegration(hook(receiverUrl))
    await sb.simulateUserMessage({ text: 'hello' })
    await sb.settled()
    expect(sb.state.headChecks[0]).toMatchObject({ target: receiverUrl, status: 200 })
    expect(received.map((r) => (r.body as WebhookPayload).events[0].type)).toEqual(['conversation:create', 'conversation:message'])
    for (const r of received) {
      expect(r.key).toBe(integration.webhooks[0].secret)
      const p = WebhookPayload.parse(r.body)
      expect(p.app.id).toBe(sb.appId)
      expect(p.webhook).toEqual({ id: integration.webhooks[0].id, version: 'v2' })
    }
    const msg = WebhookPayload.parse(received[1].body).events[0]
    if (msg.type !== 'conversation:message') throw new Error('wrong type')
    expect(msg.payload.message.content.text).toBe('hello')
    expect(msg.payload.message.author.user?.profile).toBeDefined()
    expect(msg.payload.message.source?.client).toBeDefined()
  })

  it('retries up to 5 attempts on 5xx, none after 401', async () => {
    await client.createCustomIntegration(hook(receiverUrl))
    answer = 503
    await sb.simulateUserMessage({ text: 'x' })
    await sb.settled()
    const create = sb.state.deliveries.filter((d) => d.eventType === 'conversation:create')
    expect(create.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5])
    expect(create.at(-1)?.result).toBe('gave-up')
    sb.state.deliveries.length = 0
    answer = 401
    await sb.simulateUserMessage({ text: 'y' })
    await sb.settled()
    expect(sb.state.deliveries.every((d) => d.attempt === 1 && d.result === 'dropped')).toBe(true)
  })

  it('gateway: checks the secret, answers as the agent, and obeys gateway faults', async () => {
    const { integration } = await client.createCustomIntegration(hook(sb.gatewayUrl))
    sb.setAgent({ name: 'Ava', avatarUrl: `${sb.imagesUrl}/ava.png` })
    const { conversationId } = await sb.simulateUserMessage({ text: 'hi' })
    await sb.settled()
    const conv = sb.state.conversations.find((c) => c.conversation.id === conversationId)!
    const reply = conv.messages.find((m) => m.author.type === 'business')
    expect(reply?.author).toMatchObject({ displayName: 'Ava', avatarUrl: `${sb.imagesUrl}/ava.png` })
    const wrong = await fetch(sb.gatewayUrl, { method: 'POST', headers: { 'x-api-key': 'nope', 'content-type': 'application/json' }, body: JSON.stringify({ app: { id: sb.appId }, webhook: { id: integration.webhooks[0].id, version: 'v2' }, events: [] }) })
    expect(wrong.status).toBe(401)
    sb.state.deliveries.length = 0
    sb.faults.add({ target: 'gateway', kind: 'unauthorized' })
    await sb.simulateUserMessage({ text: 'again', conversationId })
    await sb.settled()
    expect(sb.state.deliveries.map((d) => [d.status, d.result])).toEqual([[401, 'dropped']])
    sb.faults.clear()
    sb.state.deliveries.length = 0
    sb.faults.add({ target: 'gateway', kind: 'status', status: 502, count: 2 })
    await sb.simulateUserMessage({ text: 'flaky', conversationId })
    await sb.settled()
    // The user's message after two 502s, then the echo of the gateway's reply (Zendesk sends it too).
    expect(sb.state.deliveries.map((d) => d.result)).toEqual(['retry', 'retry', 'delivered', 'delivered'])
    expect(new Set(sb.state.deliveries.map((d) => d.deliveryId)).size).toBe(2)
    sb.state.deliveries.length = 0
    sb.faults.add({ target: 'gateway', kind: 'slow', delayMs: 1500, count: 1 })
    await sb.simulateUserMessage({ text: 'slow', conversationId })
    await sb.settled()
    expect(sb.state.deliveries[0].error).toMatch(/timeout/)
    sb.state.deliveries.length = 0
    sb.faults.add({ target: 'gateway', kind: 'redirect', location: 'http://127.0.0.1:9/x', count: 1 })
    sb.faults.add({ target: 'gateway', kind: 'drop', count: 1 })
    await sb.simulateUserMessage({ text: 'r', conversationId })
    await sb.settled()
    expect(sb.state.deliveries.slice(0, 2).map((d) => d.status ?? d.error)).toEqual([302, expect.any(String)])
  })

  it('answers valid against the shared schemas; switchboard default can be Aissist; control API is token-guarded', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${sb.keyId}:${sb.keySecret}`).toString('base64')}` }
    const list = await (await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}/integrations`, { headers: auth })).json()
    IntegrationListResponse.parse(list)
    const boards = SwitchboardListResponse.parse(await (await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}/switchboards`, { headers: auth })).json())
    SwitchboardIntegrationListResponse.parse(await (await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}/switchboards/${boards.switchboards[0].id}/switchboardIntegrations`, { headers: auth })).json())
    ZendeskErrorBody.parse(await (await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}`)).json())
    const { integration } = await client.createCustomIntegration(hook(sb.gatewayUrl))
    sb.setDefaultResponder(integration.id)
    const [board] = await client.listSwitchboards()
    const sbis = await client.listSwitchboardIntegrations(board.id)
    expect(sbis.find((s) => s.id === board.defaultSwitchboardIntegrationId)?.integrationId).toBe(integration.id)
    expect((await fetch(`${sb.controlUrl}/state`)).status).toBe(401)
    const ctl = { authorization: `Bearer ${sb.controlToken}`, 'content-type': 'application/json' }
    expect((await fetch(`${sb.controlUrl}/faults`, { method: 'POST', headers: ctl, body: JSON.stringify({ kind: 'status', status: 500, count: 1 }) })).status).toBe(201)
    expect((await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}`, { headers: auth })).status).toBe(500)
    const state = (await (await fetch(`${sb.controlUrl}/state`, { headers: ctl })).json()) as { integrations: unknown[] }
    expect(state.integrations.length).toBe(3)
  })

  it('seeds an Aissist integration as the default responder', async () => {
    const seeded = await startSandbox({ seed: { integrations: [{ displayName: 'Aissistant_Conversation_Integration', target: 'http://127.0.0.1:9/x' }], aissistDefaultResponder: true } })
    const aissist = seeded.state.integrations.find((i) => i.type === 'custom')!
    const def = seeded.state.switchboardIntegrations.find((s) => s.id === seeded.state.switchboard.defaultSwitchboardIntegrationId)
    expect(def?.integrationId).toBe(aissist.id)
    await seeded.close()
  })
})
