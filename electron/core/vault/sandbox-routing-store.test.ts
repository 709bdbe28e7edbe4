import { describe, expect, it } from 'vitest'
import { keychainFailure } from './keychain-errors'
import { createSandboxRoutingStore } from './sandbox-routing-store'
import type { SecretStore } from './secret-store'

/**
 * The routing rule alone, over a stand-in keychain (a Map that can be switched to "no Secret
 * Service"); the real keychain and worker are in test/integration.
 */
const standInKeychain = () => {
  const entries = new Map<string, string>()
  let down = false
  const guard = (): void => {
    if (down) throw keychainFailure('keychain-no-dbus', { op: 'read a secret', raw: 'Cannot autolaunch D-Bus without X11 $DISPLAY', platform: 'linux' })
  }
  const store: SecretStore = {
    get: async (a) => (guard(), entries.get(a) ?? null),
    set: async (a, v) => {
      guard()
      entries.set(a, v)
    },
    delete: async (a) => (guard(), entries.delete(a)),
    listAccounts: async () => (guard(), [...entries.keys()]),
    status: async () => (down ? { available: false, backend: 'Secret Service', error: keychainFailure('keychain-no-dbus', { op: 'check the keychain', platform: 'linux' }).toData() } : { available: true, backend: 'Secret Service' })
  }
  return { store, entries, setDown: (d: boolean) => (down = d) }
}

const setup = () => {
  const k = standInKeychain()
  const seen: string[] = []
  const store = createSandboxRoutingStore({ keychain: k.store, isSandboxAccount: async (a) => a.startsWith('sandbox:'), onSecret: (s) => seen.push(s) })
  return { k, store, seen }
}

describe('the sandbox routing store', () => {
  it('uses the keychain for everything while it works', async () => {
    const { k, store } = setup()
    await store.set('sandbox:keySecret', 'made-up')
    await store.set('acme:keySecret', 'real')
    expect([...k.entries.keys()]).toEqual(['sandbox:keySecret', 'acme:keySecret'])
    expect(await store.status()).toEqual({ available: true, backend: 'Secret Service' })
  })

  it('keeps only the sandbox’s secrets in memory when the keychain is unavailable; a real customer’s fails closed', async () => {
    const { k, store, seen } = setup()
    k.setDown(true)
    await store.set('sandbox:keySecret', 'made-up')
    expect(await store.get('sandbox:keySecret')).toBe('made-up')
    expect(seen).toContain('made-up')
    await expect(store.set('acme:keySecret', 'real')).rejects.toMatchObject({ code: 'keychain-no-dbus' })
    await expect(store.get('acme:keySecret')).rejects.toMatchObject({ code: 'keychain-no-dbus' })
    // A listing cannot vouch for real customers' secrets: it stays an error, never "missing".
    await expect(store.listAccounts()).rejects.toMatchObject({ code: 'keychain-no-dbus' })
    expect(await store.status()).toMatchObject({ available: false, sandboxInMemory: true, error: { code: 'keychain-no-dbus' } })
    expect(k.entries.size).toBe(0)
  })

  it('answers "not stored" for a sandbox secret it never kept, and deletes what it kept', async () => {
    const { k, store } = setup()
    k.setDown(true)
    expect(await store.get('sandbox:webhookSecret')).toBeNull()
    await store.set('sandbox:webhookSecret', 'made-up-hook')
    expect(await store.delete('sandbox:webhookSecret')).toBe(true)
    expect(await store.get('sandbox:webhookSecret')).toBeNull()
  })

  it('moves a kept secret to the keychain once it works again, and lists both while they coexist', async () => {
    const { k, store } = setup()
    k.setDown(true)
    await store.set('sandbox:keySecret', 'made-up')
    k.setDown(false)
    expect(await store.get('sandbox:keySecret')).toBe('made-up')
    expect(await store.listAccounts()).toEqual(['sandbox:keySecret'])
    expect((await store.status()).sandboxInMemory).toBe(true)
    await store.set('sandbox:keySecret', 'made-up-2')
    expect(k.entries.get('sandbox:keySecret')).toBe('made-up-2')
    expect(await store.status()).toEqual({ available: true, backend: 'Secret Service' })
  })
})
