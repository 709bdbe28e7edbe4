import { describe, expect, it } from 'vitest'
import { compareWebhook } from './diff'
import { buildPlan, planSummary, webhookLimitBlock } from './plan'
import type { ChannelBot, Duplicate } from './types'

const GW = 'https://gateway.aissist.io/gateway/zendesk/conversation'
const hook = { id: 'w1', version: 'v2', target: GW, triggers: ['conversation:create'], includeFullUser: false, includeFullSource: true }
const dup: Duplicate = { integrationId: 'i2', displayName: 'Old', webhookId: 'w2', target: GW, reason: 'also sends', remove: 'integration' }

describe('buildPlan', () => {
  it('creates the integration on a fresh account', () => {
    const plan = buildPlan({ integration: null, drift: [], duplicates: [] }, GW)
    expect(plan).toHaveLength(1)
    expect(plan[0]).toMatchObject({ kind: 'create-integration', confirm: 'apply', before: 'no integration' })
    expect(plan[0].after).toContain(GW)
    expect(plan[0].after).toContain('Include full user enabled')
  })

  it('repairs drift in place and lists duplicates under their own confirmation', () => {
    const plan = buildPlan({ integration: { id: 'i1', displayName: 'x', webhook: hook }, drift: compareWebhook(hook, GW), duplicates: [dup] }, GW)
    expect(plan.map((p) => [p.kind, p.field ?? null, p.confirm])).toEqual([
      ['update-webhook', 'triggers', 'apply'],
      ['update-webhook', 'includeFullUser', 'apply'],
      ['delete-duplicate', null, 'deleteDuplicates']
    ])
    expect(plan[1]).toMatchObject({ integrationId: 'i1', webhookId: 'w1', title: 'Turn on Include full user' })
    expect(plan[2].title).toBe('Delete the duplicate integration "Old"')
    expect(planSummary(plan)).toBe('2 changes, 1 duplicate to delete (needs its own confirmation).')
  })

  it('is empty, and says so, on a correct account', () => {
    const ok = { ...hook, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true }
    const plan = buildPlan({ integration: { id: 'i1', displayName: 'x', webhook: ok }, drift: compareWebhook(ok, GW), duplicates: [] }, GW)
    expect(plan).toEqual([])
    expect(planSummary(plan)).toMatch(/^Nothing to change/)
  })

  it('adds a missing webhook', () => {
    const plan = buildPlan({ integration: { id: 'i1', displayName: 'x', webhook: null }, drift: compareWebhook(null, GW), duplicates: [] }, GW)
    expect(plan.map((p) => p.kind)).toEqual(['create-webhook'])
  })

  it('recreates a v1 webhook (its own confirmation) instead of repairing it in place', () => {
    const v1 = { ...hook, version: 'v1' }
    const plan = buildPlan({ integration: { id: 'i1', displayName: 'x', webhook: v1 }, drift: compareWebhook(v1, GW), duplicates: [] }, GW)
    expect(plan.map((p) => [p.kind, p.confirm, p.reason])).toEqual([['recreate-webhook', 'recreateWebhook', 'version']])
    expect(plan[0]).toMatchObject({ integrationId: 'i1', webhookId: 'w1', before: 'version v1 payloads' })
    expect(planSummary(plan)).toBe('The webhook to recreate as version v2 (needs its own confirmation).')
  })

  it('rotates by recreating a correct webhook when asked, and not otherwise', () => {
    const ok = { ...hook, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true }
    const input = { integration: { id: 'i1', displayName: 'x', webhook: ok }, drift: compareWebhook(ok, GW), duplicates: [] }
    expect(buildPlan(input, GW, { rotate: true }).map((p) => [p.kind, p.reason])).toEqual([['recreate-webhook', 'rotate']])
    expect(buildPlan(input, GW)).toEqual([])
  })

  it('turns on standby events for Aissist on standby, only when it needs them', () => {
    const ok = { ...hook, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true }
    const bot = (over: Partial<ChannelBot>): ChannelBot => ({
      aissistIsDefault: false,
      switchboardId: 'sb1',
      defaultIntegration: null,
      message: '',
      switchboardEnabled: true,
      aissistMember: { id: 'sbi1', name: 'aissist', integrationId: 'i1', deliverStandbyEvents: false },
      ...over
    })
    const input = { integration: { id: 'i1', displayName: 'x', webhook: ok }, drift: [], duplicates: [] }
    expect(buildPlan({ ...input, channelBot: bot({}) }, GW)).toMatchObject([{ kind: 'update-switchboard', confirm: 'apply', switchboardIntegrationId: 'sbi1', switchboardId: 'sb1' }])
    expect(buildPlan({ ...input, channelBot: bot({ aissistIsDefault: true }) }, GW)).toEqual([])
    expect(buildPlan({ ...input, channelBot: bot({ switchboardEnabled: false }) }, GW)).toEqual([])
    expect(buildPlan({ ...input, channelBot: bot({ aissistMember: null }) }, GW)).toEqual([])
  })
})

describe('the pre-flight against Zendesk\'s 10 webhooks', () => {
  const holders = [{ integrationId: 'a', displayName: 'Legacy bots', type: 'custom', webhooks: 10 }]
  const create = buildPlan({ integration: null, drift: [], duplicates: [] }, GW)

  it('blocks a plan that would add an 11th webhook, in plain words naming who holds them', () => {
    const block = webhookLimitBlock(create, { used: 10, limit: 10, holders })
    expect(block?.message).toMatch(/^The app already has 10 webhooks, Zendesk's limit/)
    expect(block?.message).toContain('Legacy bots (custom, 10 webhooks)')
    expect(block?.message).toContain('Nothing was written')
  })

  it('lets through a plan that adds nothing or fits', () => {
    expect(webhookLimitBlock(create, { used: 9, limit: 10, holders })).toBeNull()
    expect(webhookLimitBlock([], { used: 10, limit: 10, holders })).toBeNull()
    expect(webhookLimitBlock(create, undefined)).toBeNull()
  })
})
