import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SwitchboardIntegration, type Integration } from '../../shared/schemas/zendesk'
import { aissistIntegration, startSandboxWorld, type SandboxWorld } from './sandbox-fixture'

/**
 * The switchboard as Zendesk routes conversations: Aissist on standby gets a conversation's
 * messages only with `deliverStandbyEvents`; control passes; a channel's own `defaultResponderId`
 * hands its conversations to another bot. Seeded through the simulated Zendesk API, as an admin
 * or another integration would.
 */

let w: SandboxWorld
let aissist: Integration
let boardId: string

beforeAll(async () => {
  w = await startSandboxWorld()
})
afterAll(async () => {
  await w.close()
})
beforeEach(async () => {
  await w.reset()
  aissist = (await w.client.createCustomIntegration(aissistIntegration(w.sb.gatewayUrl))).integration
  boardId = (await w.client.listSwitchboards())[0].id
})

const addToSwitchboard = async (body: Record<string, unknown>) => {
  const r = await w.api('POST', `/switchboards/${boardId}/switchboardIntegrations`, body)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return SwitchboardIntegration.parse(r.body.switchboardIntegration)
}

const aissistGot = () => w.sb.state.gatewayReceived.filter((g) => g.status === 200).flatMap((g) => g.eventTypes)

describe('Aissist as a switchboard integration', () => {
  it('on standby without standby events: none of the conversation’s events reach it; with them, all do', async () => {
    const sbi = await addToSwitchboard({ name: 'aissist', integrationId: aissist.id, deliverStandbyEvents: false, messageHistoryCount: 5 })
    expect(sbi).toMatchObject({ integrationType: 'custom', deliverStandbyEvents: false, messageHistoryCount: 5 })
    const { conversationId } = await w.sb.simulateUserMessage({ text: 'to the agents' })
    await w.sb.settled()
    const conv = (await w.api('GET', `/conversations/${conversationId}`)).body.conversation
    expect(conv.activeSwitchboardIntegration).toMatchObject({ name: 'zd-agentWorkspace', integrationType: 'zd:agentWorkspace' })
    expect(w.sb.state.deliveries).toEqual([])
    expect(aissistGot()).toEqual([])

    expect((await w.api('PATCH', `/switchboards/${boardId}/switchboardIntegrations/${sbi.id}`, { deliverStandbyEvents: true })).status).toBe(200)
    await w.sb.simulateUserMessage({ text: 'now on standby with events', conversationId })
    await w.sb.settled()
    expect(aissistGot()).toContain('conversation:message')
  })

  it('passControl makes it active (its messages arrive even without standby events); releaseControl then the next message hands it back to the first responder', async () => {
    const agents = w.sb.state.switchboardIntegrations.find((s) => s.integrationType === 'zd:agentWorkspace')!
    const sbi = await addToSwitchboard({ name: 'aissist', integrationId: aissist.id, deliverStandbyEvents: false, nextSwitchboardIntegrationId: agents.id })
    const { conversationId } = await w.sb.simulateUserMessage({ text: 'first' })
    expect((await w.api('POST', `/conversations/${conversationId}/passControl`, { switchboardIntegration: 'aissist' })).status).toBe(200)
    expect((await w.api('GET', `/conversations/${conversationId}`)).body.conversation.activeSwitchboardIntegration.id).toBe(sbi.id)
    await w.sb.simulateUserMessage({ text: 'second', conversationId })
    await w.sb.settled()
    // The user's message, then the echo of Aissist's own reply (not answered).
    expect(w.sb.state.gatewayReceived.map((g) => [g.eventTypes[0], g.authorTypes?.[0], g.replied?.conversationId])).toEqual([
      ['conversation:message', 'user', conversationId],
      ['conversation:message', 'business', undefined]
    ])
    expect((await w.api('POST', `/conversations/${conversationId}/passControl`, { switchboardIntegration: 'next' })).status).toBe(200)
    expect((await w.api('GET', `/conversations/${conversationId}`)).body.conversation.activeSwitchboardIntegration.integrationType).toBe('zd:agentWorkspace')
    expect((await w.api('POST', `/conversations/${conversationId}/releaseControl`, {})).status).toBe(200)
    expect((await w.api('GET', `/conversations/${conversationId}`)).body.conversation.activeSwitchboardIntegration).toBeUndefined()
    await w.sb.simulateUserMessage({ text: 'third', conversationId })
    expect((await w.api('GET', `/conversations/${conversationId}`)).body.conversation.activeSwitchboardIntegration.integrationType).toBe('zd:agentWorkspace')
    expect((await w.api('POST', `/conversations/${conversationId}/offerControl`, { switchboardIntegration: sbi.id })).status).toBe(200)
    expect((await w.api('POST', `/conversations/${conversationId}/acceptControl`, {})).status).toBe(200)
    expect((await w.api('GET', `/conversations/${conversationId}`)).body.conversation.activeSwitchboardIntegration.id).toBe(sbi.id)
  })

  it('as the switchboard’s default responder it gets new conversations; its payloads name it active', async () => {
    const sbi = await addToSwitchboard({ name: 'aissist', integrationId: aissist.id, deliverStandbyEvents: false })
    expect((await w.api('PATCH', `/switchboards/${boardId}`, { defaultSwitchboardIntegrationId: sbi.id })).body.switchboard.defaultSwitchboardIntegrationId).toBe(sbi.id)
    await w.sb.simulateUserMessage({ text: 'hello bot' })
    await w.sb.settled()
    expect(aissistGot()).toEqual(expect.arrayContaining(['conversation:create', 'conversation:message']))
  })

  it('an integration outside the switchboard gets everything; a disabled switchboard routes nothing', async () => {
    await w.sb.simulateUserMessage({ text: 'not in the switchboard' })
    await w.sb.settled()
    expect(aissistGot()).toEqual(expect.arrayContaining(['conversation:create', 'conversation:message']))
    await addToSwitchboard({ name: 'aissist', integrationId: aissist.id, deliverStandbyEvents: false })
    expect((await w.api('PATCH', `/switchboards/${boardId}`, { enabled: false })).status).toBe(200)
    w.sb.state.gatewayReceived.length = 0
    const { conversationId } = await w.sb.simulateUserMessage({ text: 'switchboard off' })
    await w.sb.settled()
    expect(aissistGot()).toEqual(expect.arrayContaining(['conversation:create', 'conversation:message']))
    expect((await w.api('GET', `/conversations/${conversationId}`)).body.conversation.activeSwitchboardIntegration).toBeUndefined()
  })

  it('refuses what Zendesk refuses: a bad name, both or neither of integrationId/integrationType, messageHistoryCount 11, an 11th switchboard integration, a second switchboard', async () => {
    const bad = async (body: Record<string, unknown>) => (await w.api('POST', `/switchboards/${boardId}/switchboardIntegrations`, body)).status
    expect(await bad({ name: 'has space', integrationId: aissist.id })).toBe(400)
    expect(await bad({ name: 'x' })).toBe(400)
    expect(await bad({ name: 'x', integrationId: aissist.id, integrationType: 'custom' })).toBe(400)
    expect(await bad({ name: 'x', integrationId: aissist.id, messageHistoryCount: 11 })).toBe(400)
    for (let i = 0; i < 9; i++) await addToSwitchboard({ name: `oauth-${i}`, integrationType: `partner-${i}` })
    expect(await w.api('POST', `/switchboards/${boardId}/switchboardIntegrations`, { name: 'eleventh', integrationType: 'partner-x' })).toEqual({
      status: 400,
      body: { errors: [{ code: 'too_many_switchboard_integrations', title: 'Switchboard has reached the max number of switchboard integrations (10)' }] }
    })
    expect((await w.api('POST', '/switchboards', {})).body).toEqual({ errors: [{ code: 'bad_request', title: 'Only one switchboard can be created per app' }] })
    expect((await w.api('GET', '/switchboards/nope/switchboardIntegrations')).status).toBe(404)
  })
})

describe('a channel’s own default responder', () => {
  it('hands the Web Widget’s conversations to another bot while WhatsApp’s still go to Aissist', async () => {
    const aissistSbi = await addToSwitchboard({ name: 'aissist', integrationId: aissist.id, deliverStandbyEvents: false })
    await w.api('PATCH', `/switchboards/${boardId}`, { defaultSwitchboardIntegrationId: aissistSbi.id })
    const other = await w.control('POST', '/integrations', { displayName: 'Other bot', target: 'http://127.0.0.1:9/other', switchboard: { name: 'other-bot', deliverStandbyEvents: false } })
    const otherSbi = other.body.switchboardIntegration
    const web = (await w.client.listIntegrations({ types: ['web'] })).items[0]
    const patched = await w.api('PATCH', `/integrations/${web.id}`, { defaultResponderId: otherSbi.id })
    expect(patched.body.integration.defaultResponder).toMatchObject({ name: 'other-bot', integrationId: other.body.integration.id, inherited: false })
    const whatsapp = (await w.client.listIntegrations({ types: ['whatsapp'] })).items[0]
    expect(whatsapp.defaultResponder).toMatchObject({ name: 'aissist', integrationId: aissist.id, inherited: true })

    const onWeb = await w.sb.simulateUserMessage({ text: 'from the widget', sourceType: 'web' })
    await w.sb.settled()
    expect((await w.api('GET', `/conversations/${onWeb.conversationId}`)).body.conversation.activeSwitchboardIntegration.name).toBe('other-bot')
    expect(aissistGot()).toEqual([])

    await w.sb.simulateUserMessage({ text: 'from WhatsApp', sourceType: 'whatsapp' })
    await w.sb.settled()
    expect(aissistGot()).toEqual(expect.arrayContaining(['conversation:create', 'conversation:message']))

    // Unset: the channel inherits the switchboard's default again.
    expect((await w.api('PATCH', `/integrations/${web.id}`, { defaultResponderId: null })).body.integration.defaultResponder.inherited).toBe(true)
    expect((await w.api('PATCH', `/integrations/${web.id}`, { defaultResponderId: 'nope' })).status).toBe(400)
    expect((await w.api('PATCH', `/integrations/${aissist.id}`, { defaultResponderId: otherSbi.id })).status).toBe(400)
  })

  it('a channel seeded through the control API with its own responder (Messenger to the Agent Workspace)', async () => {
    const aissistSbi = await addToSwitchboard({ name: 'aissist', integrationId: aissist.id, deliverStandbyEvents: false })
    await w.api('PATCH', `/switchboards/${boardId}`, { defaultSwitchboardIntegrationId: aissistSbi.id })
    const agents = w.sb.state.switchboardIntegrations.find((s) => s.integrationType === 'zd:agentWorkspace')!
    const messenger = await w.control('POST', '/channels', { type: 'messenger', displayName: 'Acme on Messenger', defaultResponderId: agents.id })
    expect(messenger.status).toBe(201)
    await w.sb.simulateUserMessage({ text: 'from Messenger', sourceType: 'messenger' })
    await w.sb.settled()
    expect(aissistGot()).toEqual([])
    expect(w.sb.state.conversations[0].channel.integrationId).toBe(messenger.body.integration.id)
  })
})
