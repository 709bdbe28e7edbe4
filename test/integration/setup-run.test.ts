import { Agent, type Dispatcher } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import type { SetupResult } from '../../shared/contract/setup'
import { runSetup } from '../../electron/core/setup/run-setup'
import { inspectAccount } from '../../electron/core/setup/inspect'
import { clientForProfile } from '../../electron/core/setup/client-for-profile'
import { INTEGRATION_NAME } from '../../shared/setup/guide'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * The guided setup against the sandbox (real HTTP, real keychain): every promise of issue 5 —
 * idempotent, never a duplicate, explained failures, the right account named.
 */
let world: SetupWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

const apply = (w: SetupWorld, deleteDuplicates = false): Promise<SetupResult> =>
  runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates } })
const plan = (w: SetupWorld): Promise<SetupResult> =>
  runSetup(w.services, { profileRef: w.profile.id, mode: 'plan', confirm: { apply: false, deleteDuplicates: false } })
const status = (r: SetupResult, id: string): string => r.steps.find((s) => s.id === id)!.status
const noSecretIn = (w: SetupWorld, r: unknown): void => {
  const text = JSON.stringify(r)
  expect(text).not.toContain(w.sandbox.keySecret)
  for (const i of w.sandbox.state.integrations) for (const h of i.webhooks ?? []) expect(text).not.toContain(h.secret)
}

describe('guided setup against the sandbox', () => {
  it('plans without writing, then sets up a fresh account with exactly the guide values, then a rerun writes nothing', async () => {
    world = await startWorld()
    const w = world
    const planned = await plan(w)
    expect(planned.ok).toBe(true)
    expect(planned.writes).toBe(0)
    expect(w.ours()).toHaveLength(0)
    expect(planned.plan.map((p) => p.kind)).toEqual(['create-integration'])
    expect(status(planned, 'apply')).toBe('waiting')
    expect(planned.steps.find((s) => s.id === 'plan')!.message).toContain(w.profile.name)
    expect(planned.target).toEqual({ customer: w.profile.name, account: w.sandbox.zendeskUrl, appId: w.sandbox.appId })

    const events: string[] = []
    const r = await runSetup(w.services, { profileRef: w.profile.name, mode: 'apply', confirm: { apply: true, deleteDuplicates: false }, onStep: (s) => events.push(`${s.id}:${s.status}`) })
    expect(r.ok).toBe(true)
    expect(r.configured).toBe(true)
    expect(r.writes).toBe(1)
    expect(events).toContain('apply:running')
    expect(events).toContain('verify:pass')
    const ours = w.ours()
    expect(ours).toHaveLength(1)
    const hook = ours[0].webhooks![0]
    expect(hook).toMatchObject({ target: w.sandbox.gatewayUrl, includeFullUser: true, includeFullSource: true, triggers: ['conversation:create', 'conversation:message'] })
    expect(r.steps.find((s) => s.id === 'apply')!.message).toContain(w.sandbox.appId)
    const profile = await w.services.vault.getProfile(w.profile.id)
    expect(profile.integrationId).toBe(ours[0].id)
    expect(profile.webhookId).toBe(hook.id)
    expect(await w.services.vault.getSecret(w.profile.id, 'webhookSecret')).toBe(hook.secret)
    expect(status(r, 'test-events')).toBe('pass')
    const testEvents = r.steps.find((s) => s.id === 'test-events')!
    expect(testEvents.message).toMatch(/conversation:create: accepted \(HTTP 200/)
    expect(testEvents.message).toMatch(/conversation:message: accepted \(HTTP 200/)
    expect((testEvents.data as { events: { verdict: string }[] }).events.map((e) => e.verdict)).toEqual(['accepted', 'accepted'])
    expect(w.sandbox.state.gatewayReceived.filter((g) => g.webhookId === hook.id && g.status === 200).map((g) => g.eventTypes[0])).toEqual(
      expect.arrayContaining(['conversation:create', 'conversation:message'])
    )
    expect(status(r, 'agent-identity')).toBe('pass')
    expect(r.steps.find((s) => s.id === 'agent-identity')!.message).toMatch(/"Aissist".*public png/)
    expect(status(r, 'channel-bot')).toBe('pass')
    noSecretIn(w, r)

    const again = await apply(w)
    expect(again.ok).toBe(true)
    expect(again.writes).toBe(0)
    expect(again.plan).toEqual([])
    expect(again.summary).toMatch(/nothing was written/)
    expect(again.steps.find((s) => s.id === 'keep')!.message).toMatch(/already saved/)
    expect(w.ours()).toHaveLength(1)
  })

  it('fails step 8 with the 401 explanation when the gateway refuses the webhook secret, without counting Zendesk writes', async () => {
    world = await startWorld()
    world.sandbox.faults.add({ target: 'gateway', kind: 'unauthorized' })
    const r = await apply(world)
    world.sandbox.faults.clear()
    expect(r.ok).toBe(false)
    expect(r.writes).toBe(1)
    expect(status(r, 'verify')).toBe('pass')
    const step8 = r.steps.find((s) => s.id === 'test-events')!
    expect(step8.status).toBe('fail')
    expect(step8.message).toMatch(/conversation:create: dropped — the gateway answered HTTP 401/)
    expect(step8.message).toMatch(/webhook secret Zendesk sends does not match/)
    expect(step8.error).toMatchObject({ code: 'gateway-unauthorized', fix: expect.stringMatching(/This computer holds Zendesk's webhook secret, so the gateway holds another one/) })
    expect(step8.actions?.map((a) => a.kind)).toEqual(['gateway-values', 'recreate-webhook'])
    expect(r.summary).toMatch(/Send test events/)
    noSecretIn(world, r)
  })

  it('step 9 warns for an empty agent name and an avatar that needs attention, fails for one that is not an image, skips without one', async () => {
    world = await startWorld({}, { agentName: '', avatarUrl: (s) => `${s.imagesUrl}/tiny.png` })
    const r = await apply(world)
    const step9 = r.steps.find((s) => s.id === 'agent-identity')!
    expect(step9.status).toBe('warn')
    expect(step9.message).toContain('set the agent name on the Customers screen')
    expect(step9.message).toMatch(/needs attention/)
    expect(r.ok).toBe(true)

    await world.services.vault.updateProfile(world.profile.id, { agentName: 'Aissist', avatarUrl: `${world.sandbox.imagesUrl}/page.png` })
    const notImage = await apply(world)
    expect(notImage.steps.find((s) => s.id === 'agent-identity')).toMatchObject({ status: 'fail', error: { code: 'avatar-not-an-image' } })
    expect(notImage.writes).toBe(0)

    await world.services.vault.updateProfile(world.profile.id, { avatarUrl: '' })
    const none = await apply(world)
    expect(none.steps.find((s) => s.id === 'agent-identity')).toMatchObject({ status: 'skipped', message: expect.stringMatching(/No avatar URL is set/) })
  })

  it('an already-correct account (secret not yet kept) gets zero Zendesk writes and the secret from the read', async () => {
    world = await startWorld({ integrations: [{ displayName: INTEGRATION_NAME, target: 'https://placeholder.example.com/x' }] })
    // the seed cannot know the port; fix the target to this sandbox's gateway
    world.sandbox.state.integrations.find((i) => i.displayName === INTEGRATION_NAME)!.webhooks![0].target = world.sandbox.gatewayUrl
    const r = await apply(world)
    expect(r.ok).toBe(true)
    expect(r.writes).toBe(0)
    expect(r.plan).toEqual([])
    const hook = world.ours()[0].webhooks![0]
    expect(await world.services.vault.getSecret(world.profile.id, 'webhookSecret')).toBe(hook.secret)
  })

  for (const [field, patch] of [
    ['target', { target: 'https://old-gateway.example.com/hook' }],
    ['triggers', { triggers: ['conversation:create'] }],
    ['includeFullUser', { includeFullUser: false }],
    ['includeFullSource', { includeFullSource: false }]
  ] as const) {
    it(`repairs a drifted ${field} in place with one PATCH`, async () => {
      world = await startWorld({ integrations: [{ displayName: INTEGRATION_NAME, target: 'https://placeholder.example.com/x' }] })
      const w = world
      const hook = w.ours()[0].webhooks![0]
      hook.target = w.sandbox.gatewayUrl
      Object.assign(hook, patch)
      const { client } = await clientForProfile(w.services, w.profile.id)
      const ins = await inspectAccount(client, w.profile)
      await client.close()
      expect(ins.drift.map((d) => d.field)).toEqual([field])
      const p = await plan(w)
      expect(p.plan).toHaveLength(1)
      expect(p.plan[0]).toMatchObject({ kind: 'update-webhook', field })
      expect(p.plan[0].before).not.toEqual(p.plan[0].after)
      const r = await apply(w)
      expect(r.ok).toBe(true)
      expect(r.writes).toBe(1)
      expect(w.ours()).toHaveLength(1)
      expect(w.ours()[0].webhooks![0]).toMatchObject({ id: hook.id, target: w.sandbox.gatewayUrl, includeFullUser: true, includeFullSource: true })
      expect(w.ours()[0].webhooks![0].triggers).toEqual(expect.arrayContaining(['conversation:create', 'conversation:message']))
      expect(status(r, 'verify')).toBe('pass')
      expect((await apply(w)).writes).toBe(0)
    })
  }

  it('adds the webhook when the integration has none', async () => {
    world = await startWorld({ integrations: [{ displayName: INTEGRATION_NAME, target: 'https://placeholder.example.com/x' }] })
    const w = world
    w.ours()[0].webhooks = []
    const p = await plan(w)
    expect(p.plan.map((x) => x.kind)).toEqual(['create-webhook'])
    const r = await apply(w)
    expect(r.ok).toBe(true)
    expect(r.writes).toBe(1)
    expect(w.ours()[0].webhooks).toHaveLength(1)
    expect(await w.services.vault.getSecret(w.profile.id, 'webhookSecret')).toBe(w.ours()[0].webhooks![0].secret)
  })

  it('lists duplicates in the plan, leaves them without the flag, deletes them with it', async () => {
    world = await startWorld({ integrations: [{ displayName: INTEGRATION_NAME, target: 'x:1' }, { displayName: 'Old Aissist', target: 'x:2' }, { displayName: INTEGRATION_NAME, target: 'x:3' }] })
    const w = world
    for (const i of w.sandbox.state.integrations) for (const h of i.webhooks ?? []) h.target = `${w.sandbox.gatewayUrl}/`
    const p = await plan(w)
    const dels = p.plan.filter((x) => x.kind === 'delete-duplicate')
    expect(dels).toHaveLength(2)
    expect(dels.every((d) => d.confirm === 'deleteDuplicates')).toBe(true)
    const r = await apply(w)
    expect(r.ok).toBe(true)
    expect(r.writes).toBe(0)
    expect(status(r, 'apply')).toBe('warn')
    expect(r.steps.find((s) => s.id === 'apply')!.message).toMatch(/NOT deleted/)
    expect(w.sandbox.state.integrations.filter((i) => i.type === 'custom')).toHaveLength(3)
    const r2 = await apply(w, true)
    expect(r2.ok).toBe(true)
    expect(r2.writes).toBe(2)
    expect(status(r2, 'verify')).toBe('pass')
    expect(w.sandbox.state.integrations.filter((i) => i.type === 'custom')).toHaveLength(1)
  })

  it('explains wrong credentials (401) with the manual way, and writes nothing', async () => {
    world = await startWorld({}, { keySecret: 'definitely-not-the-key-secret-000' })
    const r = await apply(world)
    expect(r.ok).toBe(false)
    const connect = r.steps.find((s) => s.id === 'connect')!
    expect(connect.status).toBe('fail')
    expect(connect.error?.code).toBe('zendesk-unauthorized')
    expect(connect.message).toMatch(/401/)
    expect(connect.error?.fix).toMatch(/key ID and secret/)
    expect(connect.manual?.values.map((v) => v.label)).toEqual(['App ID', 'Key ID'])
    expect(status(r, 'apply')).toBe('skipped')
    expect(world.ours()).toHaveLength(0)
    expect(JSON.stringify(r)).not.toContain('definitely-not-the-key-secret-000')
  })

  it('fails step 1 clearly when the key secret is not in the keychain', async () => {
    world = await startWorld()
    await world.services.vault.deleteSecret(world.profile.id, 'keySecret')
    const r = await apply(world)
    expect(r.steps[0]).toMatchObject({ id: 'credentials', status: 'fail' })
    expect(r.steps[0].error?.code).toBe('credentials-missing')
  })

  it('still succeeds when Zendesk rate-limits with Retry-After', async () => {
    world = await startWorld()
    world.sandbox.faults.add({ method: 'POST', path: '/v2/apps/*/integrations', kind: 'rate-limit', retryAfter: '1', count: 1 })
    world.sandbox.faults.add({ method: 'GET', path: '/v2/apps/*', kind: 'rate-limit', retryAfter: '1', count: 1 })
    const r = await apply(world)
    expect(r.ok).toBe(true)
    expect(world.ours()).toHaveLength(1)
    expect(world.sandbox.faults.list()).toHaveLength(0)
  })

  it('never duplicates when the create\'s answer is lost', async () => {
    world = await startWorld()
    world.sandbox.faults.add({ method: 'POST', path: '/v2/apps/*/integrations', kind: 'lost-answer', count: 1 })
    const r = await apply(world)
    expect(r.ok).toBe(true)
    expect(world.ours()).toHaveLength(1)
    expect(r.steps.find((s) => s.id === 'apply')!.message).toMatch(/answer was lost/)
    expect(await world.services.vault.getSecret(world.profile.id, 'webhookSecret')).toBe(world.ours()[0].webhooks![0].secret)
    expect((await apply(world)).writes).toBe(0)
  })

  it('warns when Aissist is the default responder and says where to change it', async () => {
    world = await startWorld({ integrations: [{ displayName: INTEGRATION_NAME, target: 'x:1' }], aissistDefaultResponder: true })
    world.ours()[0].webhooks![0].target = world.sandbox.gatewayUrl
    const r = await apply(world)
    expect(r.ok).toBe(true)
    const bot = r.steps.find((s) => s.id === 'channel-bot')!
    expect(bot.status).toBe('warn')
    expect(bot.message).toMatch(/AI → AI agents/)
    expect(bot.manual?.where).toBe('Admin Center → AI → AI agents')
  })

  it('stops cleanly when cancelled, and a rerun resumes', async () => {
    world = await startWorld()
    const ac = new AbortController()
    world.sandbox.faults.add({ method: 'GET', path: '/v2/apps/*/integrations', kind: 'slow', delayMs: 2000, count: 1 })
    const p = runSetup(world.services, { profileRef: world.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false }, signal: ac.signal, onStep: (s) => { if (s.id === 'inspect' && s.status === 'running') setTimeout(() => ac.abort(), 50) } })
    const r = await p
    expect(r.ok).toBe(false)
    expect(r.steps.find((s) => s.status === 'fail')!.error?.code).toBe('cancelled')
    expect(world.ours()).toHaveLength(0)
    const again = await apply(world)
    expect(again.ok).toBe(true)
    expect(world.ours()).toHaveLength(1)
  })

  it('"configured" means messages arrive: a configured account whose gateway rejects the webhook secret is not configured, in plan or apply', async () => {
    world = await startWorld()
    const w = world
    const first = await apply(w)
    expect(first.configured).toBe(true)

    const checked = await plan(w)
    expect(checked.plan).toEqual([])
    expect(checked.configured).toBe(true)
    expect(status(checked, 'test-events')).toBe('pass')
    expect(checked.summary).toMatch(/Nothing to change/)
    expect(checked.summary).toMatch(/messages arrive/)

    w.sandbox.faults.add({ target: 'gateway', kind: 'unauthorized' })
    for (const r of [await plan(w), await apply(w)]) {
      expect(r.plan).toEqual([])
      expect(r.writes).toBe(0)
      expect(r.configured).toBe(false)
      expect(r.ok).toBe(false)
      expect(status(r, 'test-events')).toBe('fail')
      expect(r.steps.find((s) => s.id === 'test-events')!.error?.code).toBe('gateway-unauthorized')
      expect(r.summary).not.toMatch(/Nothing to change/)
      expect(r.summary).toMatch(/Send test events/)
    }
    w.sandbox.faults.clear()
  })

  it('says what a plan awaits: the apply waits for confirmation, what follows waits for the changes, the channel bot is read meanwhile', async () => {
    world = await startWorld()
    const r = await plan(world)
    expect(r.configured).toBe(false)
    expect(r.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'credentials:pass', 'connect:pass', 'inspect:pass', 'plan:pass', 'apply:waiting', 'keep:waiting', 'verify:waiting', 'test-events:waiting', 'agent-identity:waiting', 'channel-bot:pass'
    ])
    expect(r.steps.find((s) => s.id === 'apply')!.message).toMatch(/Waiting for your confirmation/)
    expect(r.steps.find((s) => s.id === 'keep')!.message).toMatch(/after the changes are applied/)
  })

  it('reads only what it needs: a fresh setup in at most 5 Zendesk requests (one write), a no-op rerun in at most 4, none written', async () => {
    world = await startWorld()
    const w = world
    const counts = { all: 0, writes: 0 }
    const dispatcher = new Agent().compose((dispatch: Dispatcher['dispatch']) => (opts, handler) => {
      counts.all++
      if (opts.method !== 'GET' && opts.method !== 'HEAD') counts.writes++
      return dispatch(opts, handler)
    })
    const run = async (): Promise<typeof counts> => {
      counts.all = 0
      counts.writes = 0
      const r = await runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false }, client: { dispatcher } })
      expect(r.configured).toBe(true)
      return { ...counts }
    }
    try {
      const fresh = await run()
      const noop = await run()
      expect(fresh.writes).toBe(1)
      expect(fresh.all).toBeLessThanOrEqual(5)
      expect(noop.writes).toBe(0)
      // The app, the integrations and the switchboard (two requests); nothing written, so no read-back.
      expect(noop.all).toBeLessThanOrEqual(4)
    } finally {
      await dispatcher.close()
    }
  })
})

