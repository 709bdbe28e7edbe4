import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CONTENT_TYPES, MESSAGE_SOURCES, validateWebhookPayload } from '../../shared/webhook-events'
import { describeAjvErrors, openApiMissingReason, openApiValidator } from '../support/openapi-schema'
import { aissistIntegration, startReceiver, startSandboxWorld, type Receiver, type SandboxWorld } from './sandbox-fixture'

/**
 * Zendesk sends `conversation:message` whoever wrote it, the business's replies included: the
 * sandbox delivers that echo, its gateway never answers one, and the `echo-loop` fault makes a
 * broken gateway that does, bounded so nothing spins forever. Every delivered body, for every
 * content and channel, is what the official spec describes.
 */

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

const businessMessages = (conversationId: string) => w.sb.state.conversations.find((c) => c.conversation.id === conversationId)!.messages.filter((m) => m.author.type === 'business')

describe('the echo', () => {
  it('a business message posted through the API comes back to the webhook, with the name and avatar it was posted with', async () => {
    await w.client.createCustomIntegration(aissistIntegration(rx.url('/echo')))
    const { conversationId } = await w.sb.simulateUserMessage({ text: 'hi' })
    await w.client.postMessage(conversationId, { author: { type: 'business', displayName: 'Ava', avatarUrl: `${w.sb.imagesUrl}/avatar.png` }, content: { type: 'text', text: 'Hello, Ava here.' } })
    await w.sb.settled()
    const echo = rx.received.map((r) => r.body).find((b) => b.events[0].payload.message?.author.type === 'business')
    expect(echo, 'the echo was delivered').toBeTruthy()
    const m = echo!.events[0].payload.message
    expect(m.author).toEqual({ type: 'business', displayName: 'Ava', avatarUrl: `${w.sb.imagesUrl}/avatar.png` })
    expect(m.content).toEqual({ type: 'text', text: 'Hello, Ava here.' })
    expect(m.source).toMatchObject({ type: 'api:conversations' })
    expect(m.source).not.toHaveProperty('client')
    expect(validateWebhookPayload(echo).ok).toBe(true)
    if (!missingSpec) {
      const v = openApiValidator('conversationMessageEvent')
      expect(v(echo!.events[0]), describeAjvErrors(v.errors)).toBe(true)
    }
  })

  it('the simulated gateway gets the echo of its own reply and does not answer it', async () => {
    await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    w.sb.setAgent({ name: 'Aissist', avatarUrl: `${w.sb.imagesUrl}/avatar.jpg` })
    const { conversationId } = await w.sb.simulateUserMessage({ text: 'hello' })
    await w.sb.settled()
    expect(businessMessages(conversationId)).toHaveLength(1)
    const received = w.sb.state.gatewayReceived.filter((g) => g.eventTypes[0] === 'conversation:message')
    expect(received.map((g) => [g.authorTypes, g.status, Boolean(g.replied)])).toEqual([
      [['user'], 200, true],
      [['business'], 200, false]
    ])
    expect(w.sb.state.echoLoops).toEqual([])
  })
})

describe('the echo-loop fault: a broken gateway that answers its own echoes', () => {
  it('loops until its cap (set through the control API), counted, and the sandbox settles', async () => {
    await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    expect((await w.control('POST', '/faults', { target: 'gateway', kind: 'echo-loop', maxLoops: 3 })).status).toBe(201)
    const { conversationId } = await w.sb.simulateUserMessage({ text: 'start the loop' })
    await w.sb.settled()
    // One answer to the user, three to its own echoes, then the cap.
    expect(businessMessages(conversationId)).toHaveLength(4)
    expect(w.sb.state.echoLoops).toEqual([{ conversationId, replies: 3, capped: true }])
    const state = (await w.control('GET', '/state')).body
    expect(state.echoLoops).toEqual([{ conversationId, replies: 3, capped: true }])
    expect(state.gatewayReceived.filter((g: { replied?: { echo?: boolean } }) => g.replied?.echo).length).toBe(3)
  })

  it('defaults to 5 loops, per conversation', async () => {
    await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))
    w.sb.faults.add({ target: 'gateway', kind: 'echo-loop' })
    const a = await w.sb.simulateUserMessage({ text: 'one' })
    const b = await w.sb.simulateUserMessage({ text: 'two' })
    await w.sb.settled()
    expect(businessMessages(a.conversationId)).toHaveLength(6)
    expect(businessMessages(b.conversationId)).toHaveLength(6)
    expect(w.sb.state.echoLoops.map((l) => l.replies)).toEqual([5, 5])
  })
})

describe('every content from every channel, as the sandbox delivers it', () => {
  it.skipIf(missingSpec)('is valid against the official conversation:create and conversation:message schemas', async () => {
    await w.client.createCustomIntegration(aissistIntegration(rx.url('/all')))
    for (const source of MESSAGE_SOURCES) {
      let conversationId: string | undefined
      for (const content of CONTENT_TYPES) conversationId = (await w.sb.simulateUserMessage({ text: `${content} via ${source}`, content, sourceType: source, conversationId })).conversationId
    }
    await w.sb.settled()
    expect(rx.received).toHaveLength(MESSAGE_SOURCES.length * (1 + CONTENT_TYPES.length))
    const check = { 'conversation:create': openApiValidator('conversationCreateEvent'), 'conversation:message': openApiValidator('conversationMessageEvent') }
    const seen = new Set<string>()
    for (const { body } of rx.received) {
      const e = body.events[0]
      const v = check[e.type as keyof typeof check]
      expect(v(e), `${describeAjvErrors(v.errors)}\n${JSON.stringify(e)}`).toBe(true)
      expect(validateWebhookPayload(body).ok).toBe(true)
      if (e.type === 'conversation:message') seen.add(`${e.payload.message.source.type}/${e.payload.message.content.type}`)
    }
    expect(seen.size).toBe(MESSAGE_SOURCES.length * CONTENT_TYPES.length)
  })
})
