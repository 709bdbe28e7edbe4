import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import keytar from 'keytar'
import { dispatch } from '../../electron/core/api/dispatch'
import { createHandlers } from '../../electron/core/api/handlers'
import type { HandlerContext } from '../../electron/core/api/context'
import { createMemoryClipboard } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import { createServices, type Services } from '../../electron/core/services'
import { ZendeskClient } from '../../electron/core/zendesk/client'
import { ensureSandboxProfile, findSandboxProfile, startEmbeddedSandboxAtLaunch, stopEmbeddedSandbox } from '../../electron/core/sandbox/embedded'
import { nodeKeychainWorkerSpawner } from '../../electron/core/vault/keychain-worker/node-worker'
import { runDoctor } from '../../electron/core/doctor/run-doctor'

/**
 * The embedded sandbox against the real Secret Service: a first run creates the "Sandbox" profile
 * with its key in the keychain; a relaunch (a new Services on the same data folder) restarts the
 * sandbox with the same credentials, so the stored key keeps working.
 */
let dataDir: string
let service: string
const started: Services[] = []

const freshServices = (): Services => {
  const s = createServices({ dataDir, keychainService: service })
  started.push(s)
  return s
}

/** A process with no D-Bus session at all (a headless box): its keychain worker finds no Secret Service. */
const noKeychainServices = (): Services => {
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dataDir, 'no-such-bus')}` }
  delete env.DISPLAY
  const s = createServices({ dataDir, keychainService: service, spawnKeychainWorker: nodeKeychainWorkerSpawner({ env }) })
  started.push(s)
  return s
}

/** A port that was free a moment ago, so tests never depend on 4780. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })

const getAppWith = async (services: Services, profileId: string): Promise<string> => {
  const p = await services.vault.getProfile(profileId)
  const client = new ZendeskClient({ baseUrl: p.apiBaseUrl, appId: p.appId, keyId: p.keyId, keySecret: await services.vault.getSecret(p.id, 'keySecret'), retry: { maxAttempts: 1 } })
  try {
    return (await client.getApp()).id
  } finally {
    await client.close()
  }
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'embedded-sandbox-'))
  service = `aissist-test-sandbox-${randomUUID()}`
})

afterEach(async () => {
  for (const s of started.splice(0)) {
    await stopEmbeddedSandbox(s)
    await s.shutdown()
  }
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the embedded sandbox profile', () => {
  it('is created on the first call with its key in the keychain, and reused by a relaunch', async () => {
    const port = await freePort()
    const first = freshServices()
    const { profile, urls } = await ensureSandboxProfile(first, { port })
    expect(profile.name).toBe('Sandbox')
    expect(profile.apiBaseUrl).toBe(urls.zendeskUrl)
    expect(urls.zendeskUrl).toBe(`http://127.0.0.1:${port}/zendesk`)
    expect(profile.gatewayUrl).toBe(urls.gatewayUrl)
    expect(profile.avatarUrl).toBe(`${urls.imagesUrl}/avatar.png`)
    expect(profile.agentName).toBe('Aissist Agent')
    expect(profile.allowPrivate).toBe(true)
    const secret = await first.vault.getSecret(profile.id, 'keySecret')
    expect(secret.length).toBeGreaterThan(10)
    expect(await getAppWith(first, profile.id)).toBe(profile.appId)

    // A second call in the same process reuses the running sandbox and the same profile.
    const again = await ensureSandboxProfile(first, { port })
    expect(again.profile.id).toBe(profile.id)
    expect((await first.vault.listProfiles()).profiles).toHaveLength(1)

    // Relaunch: the old process is gone, a new one starts the sandbox with the stored credentials.
    await stopEmbeddedSandbox(first)
    const second = freshServices()
    const relaunched = await ensureSandboxProfile(second, { port })
    expect(relaunched.profile.id).toBe(profile.id)
    expect(relaunched.profile.appId).toBe(profile.appId)
    expect(relaunched.profile.keyId).toBe(profile.keyId)
    expect(await second.vault.getSecret(profile.id, 'keySecret')).toBe(secret)
    expect(await getAppWith(second, profile.id)).toBe(profile.appId)

    // Nothing secret on disk.
    for (const f of filesUnder(dataDir)) expect(readFileSync(f, 'utf8')).not.toContain(secret)
  })

  it('moves to another port when its own is taken, and updates the profile URLs', async () => {
    const port = await freePort()
    const first = freshServices()
    const { profile } = await ensureSandboxProfile(first, { port })
    // Something else keeps the sandbox's port while the app is closed.
    await stopEmbeddedSandbox(first)
    const squatter = createServer()
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()))
    try {
      const second = freshServices()
      const { profile: moved, urls } = await ensureSandboxProfile(second, { port })
      expect(moved.id).toBe(profile.id)
      expect(urls.zendeskUrl).not.toContain(`:${port}/`)
      expect(moved.apiBaseUrl).toBe(urls.zendeskUrl)
      expect(moved.gatewayUrl).toBe(urls.gatewayUrl)
      expect(moved.avatarUrl).toBe(`${urls.imagesUrl}/avatar.png`)
      expect(await getAppWith(second, moved.id)).toBe(profile.appId)
    } finally {
      await new Promise<void>((r) => squatter.close(() => r()))
    }
  })

  it('at launch: created and made active only with autoCreate and no profile; restarted whenever it exists', async () => {
    const port = await freePort()
    const s1 = freshServices()
    expect(await startEmbeddedSandboxAtLaunch(s1, { autoCreate: false, port })).toEqual({ started: false, created: false })
    expect(await findSandboxProfile(s1)).toBeNull()
    expect(await startEmbeddedSandboxAtLaunch(s1, { autoCreate: true, port })).toEqual({ started: true, created: true })
    const sandboxProfile = await findSandboxProfile(s1)
    expect((await s1.vault.getActiveProfile())?.id).toBe(sandboxProfile?.id)
    await stopEmbeddedSandbox(s1)

    const s2 = freshServices()
    expect(await startEmbeddedSandboxAtLaunch(s2, { autoCreate: false, port })).toEqual({ started: true, created: false })
    expect(await getAppWith(s2, sandboxProfile!.id)).toBe(sandboxProfile!.appId)
  })

  it('regenerates the key when it was removed from the keychain outside the app', async () => {
    const port = await freePort()
    const first = freshServices()
    const { profile } = await ensureSandboxProfile(first, { port })
    await stopEmbeddedSandbox(first)
    await first.vault.deleteSecret(profile.id, 'keySecret')
    const second = freshServices()
    await ensureSandboxProfile(second, { port })
    expect(await second.vault.hasSecret(profile.id, 'keySecret')).toBe('present')
    expect(await getAppWith(second, profile.id)).toBe(profile.appId)
  })

  it('through the contract: startSandboxProfile answers URLs and the view, never the key secret', async () => {
    const services = freshServices()
    const ctx: HandlerContext = {
      services,
      host: { kind: 'harness', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null },
      tasks: new TaskRegistry(),
      emit: () => undefined
    }
    const handlers = createHandlers()
    expect(await dispatch(handlers, 'getSandboxStatus', {}, ctx)).toEqual({ ok: true, value: { running: false, urls: null, profileId: null } })
    const r = await dispatch(handlers, 'startSandboxProfile', {}, ctx)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const v = r.value as { profile: { id: string; keySecretStatus: string }; zendeskUrl: string }
    expect(v.profile.keySecretStatus).toBe('present')
    const secret = await services.vault.getSecret(v.profile.id, 'keySecret')
    expect(JSON.stringify(r)).not.toContain(secret)
    const status = await dispatch(handlers, 'getSandboxStatus', {}, ctx)
    expect(status).toMatchObject({ ok: true, value: { running: true, profileId: v.profile.id, urls: { zendeskUrl: v.zendeskUrl } } })
  })
})

describe('the embedded sandbox with no Secret Service', () => {
  it('keeps its made-up key in memory for the session, so every flow works; a real customer still needs the keychain', async () => {
    const port = await freePort()
    const services = noKeychainServices()
    const { profile } = await ensureSandboxProfile(services, { port })
    const secret = await services.vault.getSecret(profile.id, 'keySecret')
    expect(await getAppWith(services, profile.id)).toBe(profile.appId)
    expect(await services.vault.keychainStatus()).toMatchObject({ available: false, sandboxInMemory: true, error: { code: 'keychain-no-dbus' } })
    const [view] = await services.vault.views([profile])
    expect(view.keySecretStatus).toBe('present')

    // Diagnose (after setup kept a webhook secret): the keychain link passes, saying it is not
    // used for the sandbox, and the credentials are there, in memory.
    await services.vault.setSecret(profile.id, 'webhookSecret', 'made-up-webhook-secret')
    const result = await runDoctor(services, profile.id, { only: ['keychain', 'credentials-present'] })
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]))
    expect(byId.keychain).toMatchObject({ status: 'pass', message: expect.stringContaining('Not used for the sandbox') as unknown })
    expect(byId.keychain.evidence).toMatchObject({ keychainAvailable: false, keychainError: 'keychain-no-dbus' })
    expect(byId['credentials-present'].message).toContain('kept in memory for this session')

    // A real customer: fails closed, nothing half-made, no plaintext anywhere.
    await expect(
      services.vault.createProfile({ name: 'Acme', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34', keySecret: 'real-customer-secret-4242' })
    ).rejects.toMatchObject({ code: 'keychain-no-dbus' })
    expect((await services.vault.listProfiles()).profiles.map((p) => p.name)).toEqual(['Sandbox'])
    for (const f of filesUnder(dataDir)) {
      const text = readFileSync(f, 'utf8')
      expect(text).not.toContain(secret)
      expect(text).not.toContain('real-customer-secret-4242')
    }
  })

  it('a profile edited to point at a real Zendesk no longer gets memory: its secret needs the keychain', async () => {
    const port = await freePort()
    const services = noKeychainServices()
    const { profile } = await ensureSandboxProfile(services, { port })
    await services.vault.updateProfile(profile.id, { subdomain: 'acme', apiBaseUrl: null })
    await expect(services.vault.setSecret(profile.id, 'webhookSecret', 'not-for-memory-4242')).rejects.toMatchObject({ code: 'keychain-no-dbus' })
  })
})
