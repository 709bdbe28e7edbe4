import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkerSecretStore, type WorkerSecretStore } from '../../electron/core/vault/keychain-worker/client'
import { nodeKeychainWorkerSpawner } from '../../electron/core/vault/keychain-worker/node-worker'
import { TEST_NO_PROBE_ENV, TEST_STALL_ENV } from '../../electron/core/vault/keychain-worker/worker'
import { startKeyringSession, type KeyringSession } from '../support/keyring-session'

/**
 * The keychain worker as a real process on the real Secret Service: a worker killed in the middle
 * of a call, one that hangs (the test-only stall switch), and a really locked gnome-keyring with
 * no display — detected without a prompt, and, with the probe switched off, the real segfault
 * keytar has there, contained in the worker while this process goes on.
 */
const stores: WorkerSecretStore[] = []
const sessions: KeyringSession[] = []

let service = ''
beforeEach(() => {
  service = `aissist-test-worker-${randomUUID()}`
})

const store = (env: NodeJS.ProcessEnv, timeoutMs = 10_000): WorkerSecretStore => {
  const s = createWorkerSecretStore({ service, spawn: nodeKeychainWorkerSpawner({ env }), timeoutMs })
  stores.push(s)
  return s
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

afterEach(async () => {
  for (const s of stores.splice(0)) {
    for (const a of await s.listAccounts().catch(() => [])) await s.delete(a).catch(() => undefined)
    await s.stop()
  }
  for (const k of sessions.splice(0)) k.stop()
})

describe('the keychain worker process', () => {
  it('answers a call killed mid-way (SIGKILL) with keychain-crashed, then starts a new worker', async () => {
    const s = store({ ...process.env, [TEST_STALL_ENV]: 'stalls:keySecret' })
    await s.set('p:keySecret', 'before-the-kill')
    const pid = s.workerPid() as number
    const pending = s.get('stalls:keySecret')
    await new Promise((r) => setTimeout(r, 100))
    process.kill(pid, 'SIGKILL')
    await expect(pending).rejects.toMatchObject({ code: 'keychain-crashed', message: expect.stringContaining('SIGKILL') as unknown })
    expect(await s.get('p:keySecret')).toBe('before-the-kill')
    expect(s.workerPid()).not.toBe(pid)
  })

  it('times out a worker that hangs (test-only stall switch), ends it, and the next call works', async () => {
    const s = store({ ...process.env, [TEST_STALL_ENV]: 'stalls:keySecret' }, 1500)
    await s.set('p:keySecret', 'still-here')
    const pid = s.workerPid() as number
    const started = Date.now()
    await expect(s.get('stalls:keySecret')).rejects.toMatchObject({ code: 'keychain-timeout', fix: expect.stringContaining('Passwords and Keys') as unknown })
    expect(Date.now() - started).toBeLessThan(10_000)
    await expect.poll(() => alive(pid)).toBe(false)
    expect(await s.get('p:keySecret')).toBe('still-here')
    expect(s.workerPid()).not.toBe(pid)
  })
})

describe('a keyring daemon replaced under a live worker', () => {
  it('is found again on the next call (libsecret keeps the old daemon; a fresh worker takes the call)', async () => {
    const k = await startKeyringSession('right')
    sessions.push(k)
    const s = store(k.env)
    await s.set('p:keySecret', 'before-the-restart')
    const pid = s.workerPid()
    const restart = spawnSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], { env: k.env, input: 'right', timeout: 30_000, encoding: 'utf8' })
    expect(restart.status, restart.stderr).toBe(0)
    expect(await s.get('p:keySecret')).toBe('before-the-restart')
    expect(s.workerPid()).not.toBe(pid)
    expect(await s.status()).toMatchObject({ available: true })
  })
})

describe('a locked gnome-keyring with no display (the issue’s repro)', () => {
  const lockedSession = async (): Promise<KeyringSession> => {
    const k = await startKeyringSession('right')
    sessions.push(k)
    // A secret stored while unlocked, as in the repro (`profile add`), then the keyring locks.
    const before = store(k.env)
    await before.set('p:keySecret', 'stored-while-unlocked')
    await before.stop()
    await k.lock()
    return k
  }

  it('is found locked without a prompt: every call answers keychain-locked at once, and the worker lives', async () => {
    const k = await lockedSession()
    const s = store(k.env)
    for (const call of [() => s.get('p:keySecret'), () => s.set('p:keySecret', 'x'), () => s.delete('p:keySecret'), () => s.listAccounts()]) {
      await expect(call()).rejects.toMatchObject({ code: 'keychain-locked', message: expect.stringContaining('locked') as unknown })
    }
    const status = await s.status()
    expect(status).toMatchObject({ available: false, error: { code: 'keychain-locked' } })
    expect(status.error?.fix).toContain('"Login"')
    expect(alive(s.workerPid() as number)).toBe(true)
  })

  it('contains keytar’s real segfault when the probe is off: keychain-crashed with the fix, and the next call starts a new worker', async () => {
    const k = await lockedSession()
    const s = store({ ...k.env, [TEST_NO_PROBE_ENV]: '1' })
    const error = await s.listAccounts().then(
      () => null,
      (e: unknown) => e as { code: string; message: string; fix: string }
    )
    expect(error?.code).toBe('keychain-crashed')
    expect(error?.message).toContain('SIGSEGV')
    expect(error?.fix).toContain('unlock prompt cannot be shown')
    // This process goes on; a new worker takes the next call (keytar's lookup answers, its listing
    // crashes again, contained again).
    expect(await s.get('p:keySecret')).toBeNull()
    await expect(s.listAccounts()).rejects.toMatchObject({ code: 'keychain-crashed' })
  })

  it('works again once the keyring is unlocked', async () => {
    const k = await lockedSession()
    const s = store(k.env)
    await expect(s.get('p:keySecret')).rejects.toMatchObject({ code: 'keychain-locked' })
    const unlock = spawnSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], { env: k.env, input: 'right', timeout: 30_000, encoding: 'utf8' })
    expect(unlock.status, unlock.stderr).toBe(0)
    // The same worker sees the unlock (a loaded machine may take a while to replace the daemon).
    let status = await s.status()
    for (const deadline = Date.now() + 30_000; !status.available && Date.now() < deadline; status = await s.status()) await new Promise((r) => setTimeout(r, 250))
    expect(status, JSON.stringify(status.error)).toMatchObject({ available: true })
    expect(await s.get('p:keySecret')).toBe('stored-while-unlocked')
  })
})
