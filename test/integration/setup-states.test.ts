import { PassThrough } from 'node:stream'
import { Agent, type Dispatcher } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { runSetup } from '../../electron/core/setup/run-setup'
import { resyncWebhookSecret, rotateWebhookSecret } from '../../electron/core/setup/webhook-secret'
import { sendTestEvent } from '../../electron/core/gateway/test-event'
import type { SetupResult } from '../../shared/contract/setup'
import { INTEGRATION_NAME } from '../../shared/setup/guide'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * The states real accounts get into, each seeded in the sandbox, through the guided setup (core
 * and CLI): a full app, a v1 webhook, a `*` trigger, Aissist on standby without standby events, a
 * channel's own responder, a stored secret that differs from Zendesk's, and a rotation.
 */
let world: SetupWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

const plan = (w: SetupWorld): Promise<SetupResult> => runSetup(w.services, { profileRef: w.profile.id, mode: 'plan', confirm: { apply: false, deleteDuplicates: false } })
const apply = (w: SetupWorld, confirm: { recreateWebhook?: boolean } = {}, client?: { dispatcher: Dispatcher }): Promise<SetupResult> =>
  runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false, ...confirm }, ...(client ? { client } : {}) })
const step = (r: SetupResult, id: string) => r.steps.find((s) => s.id === id)!

/** Our integration as an account may already hold it, delivering to this sandbox's gateway. */
const seedOurs = (w: SetupWorld, over: Record<string, unknown> = {}) =>
  w.sandbox.seedIntegration({ displayName: INTEGRATION_NAME, target: w.sandbox.gatewayUrl, ...over })

const cli = async (w: SetupWorld, argv: string[]) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => (out += d))
  stderr.on('data', (d) => (err += d))
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough(), env: { ...process.env, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService } })
  return { code, out, err }
}

/** A dispatcher that counts what it sends (every request, and the writes among them). */
const counting = () => {
  const counts = { all: 0, writes: 0 }
  const dispatcher = new Agent().compose((dispatch: Dispatcher['dispatch']) => (opts, handler) => {
    counts.all++
    if (opts.method !== 'GET' && opts.method !== 'HEAD') counts.writes++
    return dispatch(opts, handler)
  })
  return { counts, dispatcher }
}

describe('an app already at Zendesk\'s 10 webhooks', () => {
  const fill = (w: SetupWorld) =>
    w.sandbox.seedIntegration({
      displayName: 'Legacy bots',
      switchboard: false,
      webhooks: Array.from({ length: 10 }, (_, i) => ({ target: `https://bots.example.com/hook-${i}` }))
    })

  it('plans in plain words naming who holds them, writes nothing (not one write request), and says so', async () => {
    world = await startWorld()
    const w = world
    fill(w)
    const p = await plan(w)
    expect(step(p, 'plan')).toMatchObject({ status: 'fail', error: { code: 'webhook-limit' } })
    expect(step(p, 'plan').message).toMatch(/^The app already has 10 webhooks, Zendesk's limit/)
    expect(step(p, 'plan').message).toContain('Legacy bots (custom, 10 webhooks)')
    expect(step(p, 'plan').data).toMatchObject({ webhookLimit: { used: 10, limit: 10, holders: [{ displayName: 'Legacy bots', webhooks: 10 }] } })
    expect(step(p, 'plan').manual?.values).toEqual([{ label: 'Legacy bots (custom)', value: '10 webhooks' }])
    const { counts, dispatcher } = counting()
    try {
      const r = await apply(w, {}, { dispatcher })
      expect(r).toMatchObject({ ok: false, writes: 0 })
      expect(counts.writes).toBe(0)
      expect(step(r, 'apply').status).toBe('skipped')
    } finally {
      await dispatcher.close()
    }
    expect(w.ours()).toHaveLength(0)
  })

  it('setup --yes exits non-zero with 0 writes; --json carries the limit and the integrations', async () => {
    world = await startWorld()
    const w = world
    fill(w)
    const before = JSON.stringify(w.sandbox.state.integrations)
    const r = await cli(w, ['--json', 'setup', '--customer', w.profile.name, '--yes'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.out)
    expect(json).toMatchObject({ ok: false, writes: 0 })
    const planStep = json.steps.find((s: { id: string }) => s.id === 'plan')
    expect(planStep.message).toMatch(/already has 10 webhooks, Zendesk's limit/)
    expect(planStep.webhookLimit.holders[0]).toMatchObject({ displayName: 'Legacy bots', type: 'custom', webhooks: 10 })
    expect(JSON.stringify(w.sandbox.state.integrations)).toBe(before)
    const human = await cli(w, ['setup', '--customer', w.profile.name, '--plan'])
    expect(human.code).toBe(1)
    expect(human.out).toContain("The app already has 10 webhooks, Zendesk's limit")
    expect(human.out).toContain('Legacy bots (custom): 10 webhooks')
  })
})

describe('a v1 webhook', () => {
  it('is drift the plan recreates (delete + create) only with its own confirmation, keeping the new secret', async () => {
    world = await startWorld()
    const w = world
    const old = seedOurs(w, { version: 'v1' }).webhooks![0]
    const p = await plan(w)
    expect(p.plan.map((x) => [x.kind, x.confirm, x.reason])).toEqual([['recreate-webhook', 'recreateWebhook', 'version']])
    expect(step(p, 'apply').status).toBe('waiting')
    // Confirming the changes is not confirming the recreate: it still waits, nothing written.
    const unconfirmed = await apply(w)
    expect(step(unconfirmed, 'apply').status).toBe('waiting')
    expect(unconfirmed.writes).toBe(0)
    const r = await apply(w, { recreateWebhook: true })
    expect(r).toMatchObject({ ok: true, configured: true, writes: 2 })
    const hooks = w.ours()[0].webhooks!
    expect(hooks).toHaveLength(1)
    expect(hooks[0]).toMatchObject({ version: 'v2', target: w.sandbox.gatewayUrl })
    expect(hooks[0].id).not.toBe(old.id)
    expect(hooks[0].secret).not.toBe(old.secret)
    expect(await w.services.vault.getSecret(w.profile.id, 'webhookSecret')).toBe(hooks[0].secret)
    expect((await w.services.vault.getProfile(w.profile.id)).webhookId).toBe(hooks[0].id)
  })

  it('setup --yes refuses without --recreate-webhook (exit 2, nothing written), and recreates with it', async () => {
    world = await startWorld()
    const w = world
    seedOurs(w, { version: 'v1.1' })
    const refused = await cli(w, ['setup', '--customer', w.profile.name, '--yes'])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/--recreate-webhook/)
    expect(w.ours()[0].webhooks![0].version).toBe('v1.1')
    const plan3 = await cli(w, ['setup', '--customer', w.profile.name, '--plan'])
    expect(plan3.code).toBe(3)
    expect(plan3.out).toContain('[needs --recreate-webhook]')
    const done = await cli(w, ['setup', '--customer', w.profile.name, '--yes', '--recreate-webhook'])
    expect(done.code).toBe(0)
    expect(w.ours()[0].webhooks![0].version).toBe('v2')
  })
})

describe('a * trigger, Aissist on standby, a channel\'s own responder', () => {
  it('repairs `*` to the guide\'s two triggers in one PATCH', async () => {
    world = await startWorld()
    const w = world
    const hook = seedOurs(w, { triggers: ['*'] }).webhooks![0]
    const p = await plan(w)
    expect(p.plan).toMatchObject([{ kind: 'update-webhook', field: 'triggers', before: '*', after: 'Conversation created, Conversation message' }])
    const r = await apply(w)
    expect(r).toMatchObject({ ok: true, configured: true, writes: 1 })
    expect(w.ours()[0].webhooks![0]).toMatchObject({ id: hook.id, triggers: ['conversation:create', 'conversation:message'] })
  })

  it('turns on standby events for Aissist on standby without them', async () => {
    world = await startWorld()
    const w = world
    const ours = seedOurs(w, { switchboard: { deliverStandbyEvents: false } })
    const p = await plan(w)
    expect(p.plan).toMatchObject([{ kind: 'update-switchboard', confirm: 'apply' }])
    const r = await apply(w)
    expect(r).toMatchObject({ ok: true, configured: true, writes: 1 })
    expect(w.sandbox.state.switchboardIntegrations.find((s) => s.integrationId === ours.id)?.deliverStandbyEvents).toBe(true)
    expect((await plan(w)).plan).toEqual([])
  })

  it('names a channel that hands its conversations to another bot first, and warns', async () => {
    world = await startWorld()
    const w = world
    seedOurs(w)
    const bot = w.sandbox.seedIntegration({ displayName: 'Other bot', target: 'https://bot.example.com/hook', switchboard: { name: 'otherbot' } })
    const sbi = w.sandbox.state.switchboardIntegrations.find((s) => s.integrationId === bot.id)!
    w.sandbox.addChannel({ type: 'messenger', displayName: 'Acme on Messenger', defaultResponderId: sbi.id })
    const r = await apply(w)
    expect(step(r, 'channel-bot')).toMatchObject({ status: 'warn' })
    expect(step(r, 'channel-bot').message).toMatch(/Acme on Messenger \(messenger\) hands its new conversations to otherbot \(custom\)/)
    expect(r.configured).toBe(true)
  })
})

describe('the webhook secret\'s whole life', () => {
  it('setup repairs a stored secret that differs from Zendesk\'s; re-sync does the same without a setup', async () => {
    world = await startWorld()
    const w = world
    expect((await apply(w)).configured).toBe(true)
    const hook = w.ours()[0].webhooks![0]
    // Rotated elsewhere (in Admin Center, by another tool): Zendesk and the gateway hold a new one.
    w.sandbox.setWebhook(hook.id, { secret: 'rotated-elsewhere-secret-1' })
    const r = await apply(w)
    expect(r).toMatchObject({ configured: true, writes: 0 })
    expect(step(r, 'keep').message).toMatch(/replaced the stored webhook secret, which differed from Zendesk's/i)
    expect(await w.services.vault.getSecret(w.profile.id, 'webhookSecret')).toBe('rotated-elsewhere-secret-1')
    expect(JSON.stringify(r)).not.toContain('rotated-elsewhere-secret-1')

    w.sandbox.setWebhook(hook.id, { secret: 'rotated-elsewhere-secret-2' })
    const synced = await resyncWebhookSecret(w.services, w.profile.id)
    expect(synced).toMatchObject({ changed: true, webhookId: hook.id })
    expect(synced.message).toMatch(/differed from Zendesk's/)
    expect(await w.services.vault.getSecret(w.profile.id, 'webhookSecret')).toBe('rotated-elsewhere-secret-2')
    expect((await resyncWebhookSecret(w.services, w.profile.id)).changed).toBe(false)
    const viaCli = await cli(w, ['setup', '--customer', w.profile.name, '--resync-secret'])
    expect(viaCli.code).toBe(0)
    expect(viaCli.out).toMatch(/already is Zendesk's/)
    expect(viaCli.out + viaCli.err).not.toContain('rotated-elsewhere-secret-2')
  })

  it('rotates: a new webhook and secret, stored, proven with test events signed with it', async () => {
    world = await startWorld()
    const w = world
    expect((await apply(w)).configured).toBe(true)
    const old = { ...w.ours()[0].webhooks![0] }
    const r = await rotateWebhookSecret(w.services, w.profile.id)
    expect(r).toMatchObject({ ok: true, configured: true, writes: 2 })
    expect(step(r, 'test-events').status).toBe('pass')
    const now = w.ours()[0].webhooks![0]
    expect(now.id).not.toBe(old.id)
    expect(now.secret).not.toBe(old.secret)
    const stored = await w.services.vault.getSecret(w.profile.id, 'webhookSecret')
    expect(stored).toBe(now.secret)
    const sent = await sendTestEvent(w.services, { profileRef: w.profile.id, type: 'conversation:message' })
    expect(sent.response.zendeskView.verdict).toBe('accepted')
    expect(w.sandbox.state.gatewayReceived.at(-1)).toMatchObject({ webhookId: now.id, status: 200 })
    const viaCli = await cli(w, ['setup', '--customer', w.profile.name, '--rotate-secret', '--yes'])
    expect(viaCli.code).toBe(0)
    expect(w.ours()[0].webhooks![0].id).not.toBe(now.id)
    expect(viaCli.out + viaCli.err).not.toContain(w.ours()[0].webhooks![0].secret)
    const unconfirmed = await cli(w, ['setup', '--customer', w.profile.name, '--rotate-secret'])
    expect(unconfirmed.code).toBe(2)
  })

  it('setup --plan on a configured account exits 0, and says in --help what it stores and sends', async () => {
    world = await startWorld()
    const w = world
    expect((await apply(w)).configured).toBe(true)
    expect((await cli(w, ['setup', '--customer', w.profile.name, '--plan'])).code).toBe(0)
    const help = await cli(w, ['setup', '--help'])
    expect(help.out.replace(/\s+/g, ' ')).toMatch(/write nothing to Zendesk.*stores the integration ID, webhook ID and webhook secret on this computer and sends two test events/)
    expect(help.out.replace(/\s+/g, ' ')).toMatch(/3 with --plan, changes are pending/)
  })
})
