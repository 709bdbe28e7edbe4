import { describe, expect, it } from 'vitest'
import { compareWebhook } from './diff'
import { buildPlan, planSummary } from './plan'
import type { Duplicate } from './types'

const GW = 'https://gateway.aissist.io/gateway/zendesk/conversation'
const hook = { id: 'w1', target: GW, triggers: ['conversation:create'], includeFullUser: false, includeFullSource: true }
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
})
