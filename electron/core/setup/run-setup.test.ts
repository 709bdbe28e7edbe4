import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { SetupStep } from '../../../shared/contract/setup'
import type { SetupStepId } from '../../../shared/setup/steps'
import type { PlanItem } from '../../../shared/setup/types'
import { AppFailure } from '../errors'
import { createServices } from '../services'
import { runSetup } from './run-setup'
import { StepFailure, type SetupStepImpl } from './state'

/**
 * The runner alone, over the declared steps with their work replaced: what runs, waits and is
 * skipped, and what the result says. No network, no keychain.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'setup-runner-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const services = createServices({ dataDir, keychainService: `aissist-setup-runner-${process.pid}` })

const CHANGE: PlanItem = { id: 'create-integration', kind: 'create-integration', title: 'Create the integration', before: null, after: 'x', confirm: 'apply' }

/** Every step passes; `plan` plans the given items; `overrides` replace single steps. */
const work = (plan: PlanItem[], overrides: Partial<Record<SetupStepId, SetupStepImpl>> = {}): Partial<Record<SetupStepId, SetupStepImpl>> => {
  const pass = (id: SetupStepId): SetupStepImpl => ({ run: async () => ({ message: `${id} done` }) })
  const all = Object.fromEntries(
    (['credentials', 'connect', 'inspect', 'apply', 'keep', 'verify', 'test-events', 'agent-identity', 'channel-bot'] as const).map((id) => [id, pass(id)])
  ) as Partial<Record<SetupStepId, SetupStepImpl>>
  return {
    ...all,
    plan: {
      run: async (s) => {
        s.plan = plan
        return { message: 'planned' }
      }
    },
    ...overrides
  }
}

const statuses = (steps: SetupStep[]): string[] => steps.map((s) => `${s.id}:${s.status}`)

describe('the setup runner', () => {
  it('walks every declared step; with nothing to change a plan goes on to prove delivery and ends configured', async () => {
    const seen: string[] = []
    const r = await runSetup(services, { profileRef: 'x', mode: 'plan', confirm: { apply: false, deleteDuplicates: false }, work: work([]), onStep: (s) => seen.push(`${s.id}:${s.status}`) })
    expect(statuses(r.steps).every((s) => s.endsWith(':pass'))).toBe(true)
    expect(r).toMatchObject({ ok: true, configured: true, writes: 0 })
    expect(seen.slice(0, 2)).toEqual(['credentials:running', 'credentials:pass'])
  })

  it('holds the Zendesk write for confirmation and everything after it, but reads the channel bot meanwhile', async () => {
    const r = await runSetup(services, { profileRef: 'x', mode: 'plan', confirm: { apply: false, deleteDuplicates: false }, work: work([CHANGE]) })
    expect(statuses(r.steps).slice(4)).toEqual(['apply:waiting', 'keep:waiting', 'verify:waiting', 'test-events:waiting', 'agent-identity:waiting', 'channel-bot:pass'])
    expect(r).toMatchObject({ ok: true, configured: false })
    const applied = await runSetup(services, { profileRef: 'x', mode: 'apply', confirm: { apply: true, deleteDuplicates: false }, work: work([CHANGE]) })
    expect(applied.steps.find((s) => s.id === 'apply')?.status).toBe('pass')
  })

  it('stops at the first failure: the error and its manual way on that step, every later step skipped naming it', async () => {
    const r = await runSetup(services, {
      profileRef: 'x',
      mode: 'apply',
      confirm: { apply: true, deleteDuplicates: false },
      work: work([], {
        keep: {
          run: async () => {
            throw new AppFailure({ code: 'kept-nothing', message: 'Nothing kept.', fix: 'Keep it.' })
          },
          manualOnFailure: () => ({ where: 'Admin Center', steps: ['Do it'], values: [] })
        }
      })
    })
    const keep = r.steps.find((s) => s.id === 'keep')
    expect(keep).toMatchObject({ status: 'fail', error: { code: 'kept-nothing', fix: 'Keep it.' }, manual: { where: 'Admin Center' } })
    expect(statuses(r.steps).slice(6)).toEqual(['verify:skipped', 'test-events:skipped', 'agent-identity:skipped', 'channel-bot:skipped'])
    expect(r.steps.find((s) => s.id === 'verify')?.message).toBe('Not run: the step "Keep the webhook ID and secret" failed.')
    expect(r).toMatchObject({ ok: false, configured: false })
    expect(r.summary).toMatch(/^Setup stopped at "Keep the webhook ID and secret": Nothing kept\./)
  })

  it('is not configured when delivery is not proven, and says why', async () => {
    const r = await runSetup(services, {
      profileRef: 'x',
      mode: 'apply',
      confirm: { apply: true, deleteDuplicates: false },
      work: work([], { 'test-events': { run: async () => ({ status: 'warn', message: 'No webhook secret is stored.' }) } })
    })
    expect(r).toMatchObject({ ok: true, configured: false })
    expect(r.summary).toMatch(/Delivery is not proven yet: No webhook secret is stored\./)
  })

  it('fails the step it was cancelled in with "cancelled", and skips the rest', async () => {
    const ac = new AbortController()
    const r = await runSetup(services, {
      profileRef: 'x',
      mode: 'apply',
      confirm: { apply: true, deleteDuplicates: false },
      signal: ac.signal,
      work: work([], {
        connect: {
          run: async () => {
            ac.abort()
            throw new Error('aborted')
          }
        }
      })
    })
    expect(r.steps.find((s) => s.id === 'connect')).toMatchObject({ status: 'fail', error: { code: 'cancelled' } })
    expect(r.steps.filter((s) => s.status === 'skipped')).toHaveLength(8)
  })

  it('holds a webhook to recreate for its own confirmation (confirming the changes is not enough)', async () => {
    const RECREATE: PlanItem = { id: 'recreate-webhook', kind: 'recreate-webhook', title: 'Recreate', before: 'v1', after: 'v2', confirm: 'recreateWebhook', reason: 'version' }
    const held = await runSetup(services, { profileRef: 'x', mode: 'apply', confirm: { apply: true, deleteDuplicates: false }, work: work([RECREATE]) })
    expect(held.steps.find((s) => s.id === 'apply')?.status).toBe('waiting')
    const done = await runSetup(services, { profileRef: 'x', mode: 'apply', confirm: { apply: true, deleteDuplicates: false, recreateWebhook: true }, work: work([RECREATE]) })
    expect(done.steps.find((s) => s.id === 'apply')?.status).toBe('pass')
    expect(done.summary).not.toMatch(/recreate/i)
  })

  it('puts the fixes of a failed step, and what it found, on the step', async () => {
    const r = await runSetup(services, {
      profileRef: 'x',
      mode: 'plan',
      confirm: { apply: false, deleteDuplicates: false },
      work: work([], {
        plan: {
          run: async () => {
            throw new StepFailure(
              { code: 'webhook-limit', message: 'Full.', fix: 'Delete one.' },
              undefined,
              { data: { plan: [], target: { customer: 'x', account: 'a', appId: 'b' } }, actions: [{ kind: 'gateway-values', label: 'Show' }] }
            )
          }
        }
      })
    })
    expect(r.steps.find((s) => s.id === 'plan')).toMatchObject({ status: 'fail', actions: [{ kind: 'gateway-values' }], data: { plan: [] } })
  })
})
