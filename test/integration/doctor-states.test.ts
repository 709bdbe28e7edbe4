import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { runDoctor } from '../../electron/core/doctor/run-doctor'
import { runSetup } from '../../electron/core/setup/run-setup'
import { resyncWebhookSecret } from '../../electron/core/setup/webhook-secret'
import type { CheckId } from '../../shared/doctor/chain'
import type { DoctorResult } from '../../shared/contract/doctor'
import { renderMarkdown } from '../../shared/doctor/render'
import { INTEGRATION_NAME } from '../../shared/setup/guide'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * Diagnose names each state a real account gets into, with the fix the app can carry out beside
 * it: a v1 webhook, a `*` trigger, Aissist on standby without standby events, a channel's own
 * responder, a stored secret that differs from Zendesk's (re-sync makes it green), a full app.
 */
let world: SetupWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

/** The account configured by the guided setup, with a name and a warm avatar. */
const configured = async (): Promise<SetupWorld> => {
  world = await startWorld()
  const w = world
  expect((await runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })).configured).toBe(true)
  await fetch(`${w.sandbox.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  return w
}

const doctor = (w: SetupWorld): Promise<DoctorResult> => runDoctor(w.services, w.profile.id, { gatewayTimeoutMs: 5000, connectTimeoutMs: 3000 })
const check = (r: DoctorResult, id: CheckId) => r.checks.find((c) => c.id === id)!
const kinds = (r: DoctorResult, id: CheckId) => (check(r, id).actions ?? []).map((a) => (a.kind === 'run-setup' ? `run-setup:${a.repair}` : a.kind))
const ourHook = (w: SetupWorld) => w.ours()[0].webhooks![0]

describe('diagnose names what real accounts hold', () => {
  it('a customer never set up: the first broken link says so, with the guided setup beside it (not "a secret is missing")', async () => {
    world = await startWorld()
    const w = world
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('credentials-present')
    expect(check(r, 'credentials-present').message).toMatch(/has not been set up yet: the guided setup creates the Aissist webhook/)
    expect(kinds(r, 'credentials-present')).toEqual(['run-setup:apply'])
    expect(check(r, 'credentials-present').actions?.[0].label).toBe('Run the guided setup')
  })

  it('a v1 webhook: the webhook link fails naming the version, with recreate beside it', async () => {
    const w = await configured()
    w.sandbox.setWebhook(ourHook(w).id, { version: 'v1' })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('webhook-settings')
    expect(check(r, 'webhook-settings')).toMatchObject({ status: 'fail', code: 'webhook-version' })
    expect(check(r, 'webhook-settings').message).toMatch(/version v1 payloads/)
    expect(kinds(r, 'webhook-settings')).toEqual(['recreate-webhook', 'run-setup:recreate-webhook'])
  })

  it('a `*` trigger is not the guide\'s subscription', async () => {
    const w = await configured()
    ourHook(w).triggers = ['*']
    const r = await doctor(w)
    expect(check(r, 'webhook-settings')).toMatchObject({ status: 'fail', code: 'webhook-drift' })
    expect(check(r, 'webhook-settings').message).toContain('every event (*)')
    expect(kinds(r, 'webhook-settings')).toEqual(['run-setup:apply'])
  })

  it('Aissist on standby without standby events gets no message: named, and setup fixes it', async () => {
    world = await startWorld()
    const w = world
    w.sandbox.seedIntegration({ displayName: INTEGRATION_NAME, target: w.sandbox.gatewayUrl, switchboard: { deliverStandbyEvents: false } })
    // Store the IDs and secret without touching the switchboard: a setup that only plans.
    await runSetup(w.services, { profileRef: w.profile.id, mode: 'plan', confirm: { apply: false, deleteDuplicates: false } })
    await resyncWebhookSecret(w.services, w.profile.id)
    const r = await doctor(w)
    expect(check(r, 'standby-events')).toMatchObject({ status: 'fail', code: 'standby-events-off' })
    expect(r.firstFailure?.sentence).toMatch(/^Aissist does not get the messages: /)
    expect(kinds(r, 'standby-events')).toEqual(['run-setup:apply'])
    await runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })
    expect(check(await doctor(w), 'standby-events').status).toBe('pass')
  })

  it('a channel\'s own default responder handing conversations to another bot: a warning naming both', async () => {
    const w = await configured()
    const bot = w.sandbox.seedIntegration({ displayName: 'Other bot', target: 'https://bot.example.com/hook', switchboard: { name: 'otherbot' } })
    const sbi = w.sandbox.state.switchboardIntegrations.find((s) => s.integrationId === bot.id)!
    w.sandbox.addChannel({ type: 'telegram', displayName: 'Acme on Telegram', defaultResponderId: sbi.id })
    const r = await doctor(w)
    expect(check(r, 'channel-bot')).toMatchObject({ status: 'warn', code: 'channel-default-responder' })
    expect(check(r, 'channel-bot').message).toContain('Acme on Telegram (telegram) hands its new conversations to otherbot')
    expect(check(r, 'channel-bot').evidence.channelResponders).toMatchObject([{ displayName: 'Acme on Telegram', aissist: false }])
  })

  it('a stored secret that differs from Zendesk\'s: named first (neither printed), re-sync turns Diagnose green', async () => {
    const w = await configured()
    w.sandbox.setWebhook(ourHook(w).id, { secret: 'changed-in-admin-center-secret' })
    const stored = await w.services.vault.getSecret(w.profile.id, 'webhookSecret')
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('webhook-secret')
    expect(check(r, 'webhook-secret')).toMatchObject({ status: 'fail', code: 'webhook-secret-mismatch', evidence: { comparison: 'differs' } })
    expect(kinds(r, 'webhook-secret')).toEqual(['resync-webhook-secret', 'run-setup:webhook-secret'])
    const md = renderMarkdown({
      format: 'aissist-zendesk-doctor-report',
      version: 2,
      generatedAt: '',
      app: { name: 'a', version: '1', host: 'cli', platform: 'linux', arch: 'x64', osRelease: '', node: '' },
      profile: { id: 'p', name: 'x', apiBase: '', appId: '', keyId: '', gatewayUrl: '', agentName: '', avatarUrl: '', allowPrivate: false, integrationId: null, webhookId: null, keySecretStored: '', webhookSecretStored: '' },
      result: { ...r, sinceLastPass: r.sinceLastPass ?? null }
    })
    expect(md).toContain("**The app can do it:** Store Zendesk's webhook secret; Run the guided setup to store the secret.")
    for (const text of [JSON.stringify(r), md]) {
      expect(text).not.toContain('changed-in-admin-center-secret')
      expect(text).not.toContain(stored)
    }
    await resyncWebhookSecret(w.services, w.profile.id)
    const after = await doctor(w)
    expect(after.verdict).toBe('pass')
  })

  it('the CLI prints each fix as words with the command that does it', async () => {
    const w = await configured()
    w.sandbox.setWebhook(ourHook(w).id, { secret: 'changed-again-secret' })
    const stdout = new PassThrough()
    let out = ''
    stdout.on('data', (d) => (out += d))
    const code = await runCli(['doctor', '--customer', w.profile.name], { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: { ...process.env, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService } })
    expect(code).toBe(2)
    expect(out).toContain(`⇒ Store Zendesk's webhook secret: aissist-zd setup --customer '${w.profile.name}' --resync-secret`)
    expect(out).not.toContain('changed-again-secret')
  })

  it('a full app without our integration: the missing integration names the limit and who holds the webhooks', async () => {
    world = await startWorld()
    const w = world
    w.sandbox.seedIntegration({ displayName: 'Legacy bots', switchboard: false, webhooks: Array.from({ length: 10 }, (_, i) => ({ target: `https://bots.example.com/h${i}` })) })
    await w.services.vault.setSecret(w.profile.id, 'webhookSecret', 'some-stored-secret')
    const r = await doctor(w)
    expect(check(r, 'integration-present')).toMatchObject({ status: 'fail', code: 'webhook-limit', evidence: { webhooks: 10, webhookLimit: 10 } })
    expect(check(r, 'integration-present').message).toMatch(/already has 10 webhooks, Zendesk's limit.*Legacy bots \(custom, 10 webhooks\)/)
  })
})
