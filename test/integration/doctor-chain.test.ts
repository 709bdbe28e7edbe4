import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runDoctor } from '../../electron/core/doctor/run-doctor'
import { runSetup } from '../../electron/core/setup/run-setup'
import { clientForProfile } from '../../electron/core/setup/client-for-profile'
import { CHECK_IDS, SKIPPED_OFFLINE, type CheckId } from '../../shared/doctor/chain'
import type { DoctorResult } from '../../shared/contract/doctor'
import { INTEGRATION_NAME } from '../../shared/setup/guide'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * Diagnose against the sandbox (real HTTP, real keychain, real sharp): a correctly configured
 * account passes every link; then each link is broken in turn and must be the one named first.
 */
let world: SetupWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

/** A sandbox account set up by the guided setup, with an agent name and a public avatar. */
const configured = async (): Promise<SetupWorld> => {
  world = await startWorld()
  const w = world
  const r = await runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })
  expect(r.ok).toBe(true)
  w.profile = await w.services.vault.updateProfile(w.profile.id, { agentName: 'Aissist', avatarUrl: `${w.sandbox.imagesUrl}/avatar.png` })
  // The sandbox's image host renders its pictures on first request; warm it so a loaded machine does not report a slow avatar.
  await fetch(`${w.sandbox.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  return w
}

const doctor = (w: SetupWorld, offline?: boolean): Promise<DoctorResult> =>
  runDoctor(w.services, w.profile.id, { offline, gatewayTimeoutMs: 5000, connectTimeoutMs: 3000 })

const statusOf = (r: DoctorResult, id: CheckId): string => r.checks.find((c) => c.id === id)!.status
const check = (r: DoctorResult, id: CheckId) => r.checks.find((c) => c.id === id)!

const closedPort = async (): Promise<number> => {
  const srv = createServer()
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res))
  const port = (srv.address() as { port: number }).port
  await new Promise<void>((res) => srv.close(() => res()))
  return port
}

const webhookOf = (w: SetupWorld) => {
  const i = w.ours()[0]
  return { integrationId: i.id, webhookId: (i.webhooks ?? [])[0].id }
}

describe('doctor against the sandbox', () => {
  it('passes every link of a correctly configured account, in chain order, with progress per check', async () => {
    const w = await configured()
    const events: string[] = []
    const r = await runDoctor(w.services, w.profile.name, { gatewayTimeoutMs: 5000, onProgress: (e) => events.push(`${e.id}:${e.status}`) })
    expect(r.checks.map((c) => [c.id, c.status, c.message])).toEqual(CHECK_IDS.map((id) => [id, 'pass', expect.any(String)]))
    expect(r.ok).toBe(true)
    expect(r.verdict).toBe('pass')
    expect(r.firstFailure).toBeNull()
    expect(r.offline).toBe(false)
    for (const id of CHECK_IDS) {
      expect(events).toContain(`${id}:running`)
      expect(events).toContain(`${id}:pass`)
    }
    // independent links started before the Zendesk chain finished
    expect(events.indexOf('gateway-head:running')).toBeLessThan(events.indexOf('credentials-valid:pass'))
    expect(check(r, 'zendesk-reachable').evidence.addresses).toEqual(['127.0.0.1'])
    expect(check(r, 'webhook-settings').evidence.webhook).toMatchObject({ includeFullUser: true, includeFullSource: true })
    expect(w.sandbox.state.gatewayReceived.length).toBeGreaterThanOrEqual(2)
  })

  it('names a missing key secret first, and skips what needs it', async () => {
    const w = await configured()
    await w.services.vault.deleteSecret(w.profile.id, 'keySecret')
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('credentials-present')
    expect(r.firstFailure?.sentence).toMatch(/^A secret is missing from the keychain: The key secret/)
    expect(check(r, 'credentials-valid').message).toBe('skipped: needs stored credentials and a reachable Zendesk')
    expect(check(r, 'integration-present').message).toBe('skipped: needs valid credentials')
    expect(statusOf(r, 'gateway-head')).toBe('pass')
  })

  it('names an unreachable Zendesk (closed port) first', async () => {
    const w = await configured()
    await w.services.vault.updateProfile(w.profile.id, { apiBaseUrl: `http://127.0.0.1:${await closedPort()}/zendesk` })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('zendesk-reachable')
    expect(check(r, 'zendesk-reachable').code).toBe('zendesk-unreachable')
    expect(r.firstFailure?.sentence).toContain('ECONNREFUSED')
    expect(statusOf(r, 'credentials-valid')).toBe('skipped')
  })

  it('names a wrong key secret (HTTP 401) first with Zendesk\'s message verbatim', async () => {
    const w = await configured()
    await w.services.vault.setSecret(w.profile.id, 'keySecret', 'wrong-key-secret-value')
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('credentials-valid')
    const c = check(r, 'credentials-valid')
    expect(c.code).toBe('zendesk-unauthorized')
    expect(c.evidence.status).toBe(401)
    expect(c.zendeskMessage).toBeTruthy()
    expect(c.message).toContain(c.zendeskMessage!.split(': ').pop()!)
    expect(r.firstFailure?.sentence).toMatch(/^Zendesk refuses the API key: /)
  })

  it('names a missing integration first', async () => {
    world = await startWorld()
    const w = world
    await w.services.vault.setSecret(w.profile.id, 'webhookSecret', 'some-webhook-secret')
    w.profile = await w.services.vault.updateProfile(w.profile.id, { agentName: 'Aissist', avatarUrl: `${w.sandbox.imagesUrl}/avatar.png` })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('integration-present')
    expect(check(r, 'webhook-settings').message).toBe('skipped: needs the integration')
  })

  it.each([
    ['target', { target: 'http://127.0.0.1:9/elsewhere' }, /target|gateway/i],
    ['trigger', { triggers: ['conversation:message'] }, /Conversation created/],
    ['includeFullUser', { includeFullUser: false }, /full user/i]
  ])('names a wrong webhook %s first', async (_name, patch, pattern) => {
    const w = await configured()
    const { client } = await clientForProfile(w.services, w.profile.id)
    const { integrationId, webhookId } = webhookOf(w)
    await client.updateWebhook(integrationId, webhookId, patch)
    await client.close()
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('webhook-settings')
    expect(check(r, 'webhook-settings').message).toMatch(pattern)
  })

  it('names a duplicate integration first', async () => {
    const w = await configured()
    const { client } = await clientForProfile(w.services, w.profile.id)
    await client.createCustomIntegration({ type: 'custom', displayName: INTEGRATION_NAME, webhooks: [{ target: w.sandbox.gatewayUrl, triggers: ['conversation:message'], includeFullUser: true, includeFullSource: true }] } as never)
    await client.close()
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('no-duplicates')
    expect((check(r, 'no-duplicates').evidence.duplicates as unknown[]).length).toBe(1)
  })

  it('names a gateway that fails HEAD first', async () => {
    const w = await configured()
    w.sandbox.faults.add({ target: 'gateway', method: 'HEAD', kind: 'status', status: 503 })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('gateway-head')
    expect(r.firstFailure?.sentence).toMatch(/^The Aissist gateway does not answer: .*503/)
    expect(check(r, 'test-events').message).toBe('skipped: needs the webhook secret and a gateway that answers')
  })

  it('says the gateway rejects the webhook secret (unauthorized fault), and names a stored secret that differs from Zendesk\'s first', async () => {
    const w = await configured()
    w.sandbox.faults.add({ target: 'gateway', method: 'POST', kind: 'unauthorized' })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('test-events')
    expect(r.firstFailure?.sentence).toMatch(/^The gateway rejects the webhook secret: /)
    expect(check(r, 'test-events').gatewayMessage).toContain('invalid X-API-Key')
    // This computer holds Zendesk's secret, so the gateway holds another: the values for it, or rotate.
    expect(check(r, 'webhook-secret').status).toBe('pass')
    expect(check(r, 'test-events').actions?.map((a) => a.kind)).toEqual(['gateway-values', 'recreate-webhook'])
    w.sandbox.faults.clear()
    await w.services.vault.setSecret(w.profile.id, 'webhookSecret', 'not-the-right-webhook-secret')
    const r2 = await doctor(w)
    expect(r2.firstFailure?.checkId).toBe('webhook-secret')
    expect(r2.firstFailure?.sentence).toMatch(/^The stored webhook secret differs from Zendesk's: /)
    expect(check(r2, 'webhook-secret').actions?.map((a) => a.kind)).toEqual(['resync-webhook-secret', 'run-setup'])
    expect(check(r2, 'test-events')).toMatchObject({ status: 'fail', code: 'gateway-unauthorized', actions: [{ kind: 'resync-webhook-secret' }] })
    expect(JSON.stringify(r2)).not.toContain('not-the-right-webhook-secret')
  })

  it('names an empty agent name first', async () => {
    const w = await configured()
    await w.services.vault.updateProfile(w.profile.id, { agentName: '' })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('agent-name')
    expect(check(r, 'agent-name').code).toBe('agent-name-empty')
  })

  it('names an avatar behind a login first, and a Drive folder link even offline', async () => {
    const w = await configured()
    await w.services.vault.updateProfile(w.profile.id, { avatarUrl: `${w.sandbox.imagesUrl}/private/avatar.png` })
    const r = await doctor(w)
    expect(r.firstFailure?.checkId).toBe('avatar')
    expect(check(r, 'avatar').evidence.verdict).toBe('not-public')
    await w.services.vault.updateProfile(w.profile.id, { avatarUrl: 'https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp' })
    const off = await doctor(w, true)
    expect(off.firstFailure?.checkId).toBe('avatar')
    expect(check(off, 'avatar').code).toBe('drive-folder')
  })

  it('warns (does not fail) when Aissist is the default responder', async () => {
    const w = await configured()
    w.sandbox.setDefaultResponder(webhookOf(w).integrationId)
    const r = await doctor(w)
    expect(r.verdict).toBe('warn')
    expect(r.ok).toBe(true)
    expect(r.firstFailure).toBeNull()
    expect(check(r, 'channel-bot').status).toBe('warn')
    expect(check(r, 'channel-bot').code).toBe('aissist-default-responder')
  })

  it('offline: runs what needs no network, skips the rest as offline (not failed)', async () => {
    const w = await configured()
    const before = w.sandbox.state.gatewayReceived.length
    const r = await doctor(w, true)
    expect(r.offline).toBe(true)
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([])
    for (const id of ['keychain', 'credentials-present', 'agent-name'] as const) expect(statusOf(r, id)).toBe('pass')
    for (const id of ['zendesk-reachable', 'credentials-valid', 'integration-present', 'webhook-settings', 'no-duplicates', 'gateway-head', 'test-events', 'channel-bot'] as const) {
      expect(check(r, id)).toMatchObject({ status: 'skipped', message: SKIPPED_OFFLINE })
    }
    expect(check(r, 'avatar').status).toBe('skipped')
    expect(check(r, 'avatar').message).toMatch(/offline/)
    expect(w.sandbox.state.gatewayReceived.length).toBe(before)
  })

  it('names an unavailable keychain first: the real keytar error of a process without D-Bus', async () => {
    const w = await configured()
    const root = join(__dirname, '..', '..')
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/dbus-socket' }
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), 'doctor', '--profile', w.profile.name, '--json'], { cwd: root, env })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', () => undefined)
    const code = await new Promise<number | null>((res) => child.on('close', res))
    const json = JSON.parse(out) as { firstFailure: { checkId: string; sentence: string }; checks: { id: string; status: string; message: string }[] }
    expect(code).toBe(2)
    expect(json.firstFailure.checkId).toBe('keychain')
    expect(json.firstFailure.sentence).toMatch(/^The OS keychain cannot be used: /)
    expect(json.checks.find((c) => c.id === 'credentials-present')!.message).toBe('skipped: needs a working keychain')
    expect(json.checks.find((c) => c.id === 'gateway-head')!.status).toBe('pass')
  }, 30_000)
})
