import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { accountFor, createKeytarSecretStore, type SecretStore } from '../../electron/core/vault/secret-store'

/**
 * The secret store against the real Secret Service (gnome-keyring in the private D-Bus session
 * `npm test` starts), plus a child process without any D-Bus: the error real Linux users see.
 */
const ROOT = resolve(__dirname, '../..')
let service: string
let store: SecretStore
let dir: string

beforeEach(() => {
  service = `aissist-test-secrets-${randomUUID()}`
  store = createKeytarSecretStore({ service })
  dir = mkdtempSync(join(tmpdir(), 'vault-secrets-'))
})

afterEach(async () => {
  for (const a of await store.listAccounts().catch(() => [])) await store.delete(a)
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
    const win = createKeytarSecretStore({ service, platform: 'win32' })
    await expect(win.set('p:keySecret', 'x'.repeat(1281))).rejects.toMatchObject({ code: 'keychain-secret-too-large' })
    expect(await store.get('p:keySecret')).toBeNull()
  })

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

/** Runs a script in a child Node process with the given environment and returns its JSON line. */
const runChild = (code: string, env: NodeJS.ProcessEnv): Record<string, unknown> => {
  const file = join(dir, 'child.mts')
  writeFileSync(file, code)
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env, encoding: 'utf8', timeout: 25_000 })
  const line = r.stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    throw new Error(`child printed no JSON: ${r.stdout}\n${r.stderr}`)
  }
}

describe('keychain unavailable (no D-Bus session, no $DISPLAY)', () => {
  const childCode = (service: string): string => `
import { createKeytarSecretStore } from ${JSON.stringify(join(ROOT, 'electron/core/vault/secret-store.ts'))}
const store = createKeytarSecretStore({ service: ${JSON.stringify(service)} })
const out: Record<string, unknown> = {}
try { await store.set('p:keySecret', 'never-stored-secret') } catch (e) { out.set = { code: e.code, message: e.message, fix: e.fix } }
try { await store.get('p:keySecret') } catch (e) { out.get = { code: e.code } }
out.status = await store.status()
console.log(JSON.stringify(out))
`

  it('fails closed with the no-D-Bus code, message and fix', () => {
    const env = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    const out = runChild(childCode(service), env) as { set: { code: string; message: string; fix: string }; get: { code: string }; status: { available: boolean; backend: string; error: { code: string } } }
    expect(out.set.code).toBe('keychain-no-dbus')
    expect(out.set.message).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY')
    expect(out.set.fix).toMatch(/gnome-keyring-daemon --unlock/)
    expect(out.set.fix).toMatch(/dbus-run-session/)
    expect(out.get.code).toBe('keychain-no-dbus')
    expect(out.status).toMatchObject({ available: false, backend: 'Secret Service', error: { code: 'keychain-no-dbus' } })
  })

  it('fails closed with an invalid bus address too', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}` }
    delete env.DISPLAY
    const out = runChild(childCode(service), env) as { set: { code: string } }
    expect(out.set.code).toBe('keychain-no-dbus')
  })
})
