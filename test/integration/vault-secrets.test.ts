import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { accountFor, createKeytarSecretStore } from '../../electron/core/vault/secret-store'
import { createWorkerSecretStore, type WorkerSecretStore } from '../../electron/core/vault/keychain-worker/client'
import { nodeKeychainWorkerSpawner } from '../../electron/core/vault/keychain-worker/node-worker'
import type { FixAudience } from '../../electron/core/vault/keychain-errors'

/**
 * The app's secret store — keytar in its worker process — against the real Secret Service
 * (gnome-keyring in the private D-Bus session `npm test` starts), plus a worker with no D-Bus at
 * all: the error real Linux users see, worded for the screen or for a terminal.
 */
let service: string
let store: WorkerSecretStore
let dir: string
const extra: WorkerSecretStore[] = []

const workerStore = (options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; audience?: FixAudience } = {}): WorkerSecretStore => {
  const s = createWorkerSecretStore({ service, spawn: nodeKeychainWorkerSpawner({ env: options.env }), platform: options.platform, audience: options.audience })
  extra.push(s)
  return s
}

beforeEach(() => {
  service = `aissist-test-secrets-${randomUUID()}`
  store = workerStore()
  dir = mkdtempSync(join(tmpdir(), 'vault-secrets-'))
})

afterEach(async () => {
  for (const a of await store.listAccounts().catch(() => [])) await store.delete(a)
  for (const s of extra.splice(0)) await s.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('secret store on the real Secret Service', () => {
  it.each([
    ['ascii', 'sk_live_abcdefghijklmnop'],
    ['unicode', 'pässwörd-密码-пароль'],
    ['emoji', '🔑🦄 secret with spaces 🧪'],
    ['long', 'x'.repeat(4000)]
  ])('round-trips a %s secret', async (_label, secret) => {
    const account = accountFor(randomUUID(), 'keySecret')
    await store.set(account, secret)
    expect(await store.get(account)).toBe(secret)
    expect(await store.listAccounts()).toEqual([account])
  })

  it('answers null for a missing entry and false when deleting it', async () => {
    expect(await store.get('nope:keySecret')).toBeNull()
    expect(await store.delete('nope:keySecret')).toBe(false)
  })

  it('deletes an entry', async () => {
    await store.set('p:webhookSecret', 'whsec-1234')
    expect(await store.delete('p:webhookSecret')).toBe(true)
    expect(await store.get('p:webhookSecret')).toBeNull()
  })

  it('replaces an entry in place', async () => {
    await store.set('p:keySecret', 'first-secret')
    await store.set('p:keySecret', 'second-secret')
    expect(await store.get('p:keySecret')).toBe('second-secret')
    expect(await store.listAccounts()).toEqual(['p:keySecret'])
  })

  it('reports the keychain available', async () => {
    expect(await store.status()).toEqual({ available: true, backend: 'Secret Service' })
  })

  it('checks the Windows size limit before writing', async () => {
    const win = workerStore({ platform: 'win32' })
    await expect(win.set('p:keySecret', 'x'.repeat(1281))).rejects.toMatchObject({ code: 'keychain-secret-too-large' })
    expect(await store.get('p:keySecret')).toBeNull()
  })

  it('never returns a password from the listing (only account names leave the worker)', async () => {
    await store.set('p:keySecret', 'listed-but-never-returned')
    const listed = await store.listAccounts()
    expect(JSON.stringify(listed)).not.toContain('listed-but-never-returned')
  })

  // The worker's own keytar store, in this process: the stand-ins below cannot be sent to a worker.
  it('reports a keytar module that fails to load (stand-in loader: a broken install cannot be made here)', async () => {
    const broken = createKeytarSecretStore({ service, loadKeytar: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) })
    await expect(broken.get('p:keySecret')).rejects.toMatchObject({ code: 'keychain-module-missing' })
    expect((await broken.status()).error?.code).toBe('keychain-module-missing')
  })

  it('times out a keychain call that never answers (stand-in keytar that hangs, as a locked keyring does)', async () => {
    const hanging = createKeytarSecretStore({
      service,
      timeoutMs: 50,
      loadKeytar: async () => ({
        getPassword: () => new Promise(() => undefined),
        setPassword: () => new Promise(() => undefined),
        deletePassword: () => new Promise(() => undefined),
        findCredentials: () => new Promise(() => undefined)
      })
    })
    await expect(hanging.get('p:keySecret')).rejects.toMatchObject({ code: 'keychain-timeout' })
  })
})

describe('keychain unavailable (no D-Bus session, no $DISPLAY)', () => {
  const noDbus = (address?: string): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    if (address) env.DBUS_SESSION_BUS_ADDRESS = address
    return env
  }

  it('fails closed with the no-D-Bus code and message, and a desktop fix with no shell command', async () => {
    const s = workerStore({ env: noDbus() })
    const set = await s.set('p:keySecret', 'never-stored-secret').then(() => null, (e: unknown) => e as { code: string; message: string; fix: string })
    expect(set?.code).toBe('keychain-no-dbus')
    expect(set?.message).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY')
    expect(set?.fix).toContain('Secret Service')
    expect(set?.fix).toContain('The built-in sandbox works without it')
    expect(set?.fix).not.toMatch(/`|dbus-run-session|gnome-keyring-daemon/)
    await expect(s.get('p:keySecret')).rejects.toMatchObject({ code: 'keychain-no-dbus' })
    expect(await s.status()).toMatchObject({ available: false, backend: 'Secret Service', error: { code: 'keychain-no-dbus' } })
  })

  it('gives a terminal the headless recipe', async () => {
    const s = workerStore({ env: noDbus(), audience: 'terminal' })
    const e = await s.get('p:keySecret').then(() => null, (x: unknown) => x as { code: string; fix: string })
    expect(e?.code).toBe('keychain-no-dbus')
    expect(e?.fix).toMatch(/gnome-keyring-daemon --unlock/)
    expect(e?.fix).toMatch(/dbus-run-session/)
    expect(e?.fix).toMatch(/libsecret-1-0/)
  })

  it('fails closed with an invalid bus address too', async () => {
    const s = workerStore({ env: noDbus(`unix:path=${join(dir, 'no-such-bus')}`) })
    await expect(s.set('p:keySecret', 'never-stored-secret')).rejects.toMatchObject({ code: 'keychain-no-dbus' })
  })
})
