import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../errors'
import type { SecretStore } from '../secret-store'
import type { LockState } from './locked-probe'
import { isKeychainMessage, isKeychainRequest, type KeychainMessage } from './protocol'
import { createWorkerHandler, TEST_STALL_ENV } from './worker'

/**
 * The worker's decisions, with stand-ins for the two things a unit test cannot have: the Secret
 * Service's lock state (a stand-in probe) and keytar (a stand-in store that records its calls).
 * The real ones are exercised in test/integration/keychain-worker.test.ts.
 */
const standInStore = (calls: string[], fail?: Error): SecretStore => ({
  get: async (a) => {
    calls.push(`get ${a}`)
    if (fail) throw fail
    return a === 'p:keySecret' ? 'the-secret' : null
  },
  set: async (a) => {
    calls.push(`set ${a}`)
  },
  delete: async (a) => {
    calls.push(`delete ${a}`)
    return true
  },
  listAccounts: async () => {
    calls.push('list')
    return ['p:keySecret']
  },
  status: async () => ({ available: true, backend: 'Secret Service' })
})

const run = async (message: unknown, options: { lock?: LockState; env?: NodeJS.ProcessEnv; fail?: Error } = {}) => {
  const calls: string[] = []
  const sent: KeychainMessage[] = []
  const handle = createWorkerHandler({ platform: 'linux', env: options.env ?? {}, probe: async () => options.lock ?? 'unlocked', storeFor: () => standInStore(calls, options.fail) })
  await handle(message, (m) => sent.push(m))
  return { calls, sent }
}

describe('the keychain worker', () => {
  it('answers a request by id', async () => {
    const { sent } = await run({ id: 7, op: 'get', service: 's', account: 'p:keySecret' })
    expect(sent).toEqual([{ type: 'result', id: 7, ok: true, value: 'the-secret' }])
  })

  it('answers a locked keyring with no display at once, without calling keytar', async () => {
    for (const op of ['get', 'set', 'delete', 'list', 'status']) {
      const { calls, sent } = await run({ id: 1, op, service: 's', account: 'p:keySecret', value: 'v' }, { lock: 'locked' })
      expect(calls).toEqual([])
      expect(sent).toEqual([{ type: 'result', id: 1, ok: false, failure: { code: 'keychain-locked', raw: expect.stringContaining('locked') as unknown } }])
    }
  })

  it('lets a prompt show where there is a display, and says it waits for a person', async () => {
    const { calls, sent } = await run({ id: 2, op: 'get', service: 's', account: 'p:keySecret' }, { lock: 'locked', env: { DISPLAY: ':0' } })
    expect(calls).toEqual(['get p:keySecret'])
    expect(sent.map((m) => m.type)).toEqual(['waiting-for-user', 'result'])
  })

  it('never prompts for a status check, even with a display', async () => {
    const { calls, sent } = await run({ id: 3, op: 'status', service: 's' }, { lock: 'locked', env: { WAYLAND_DISPLAY: 'wayland-0' } })
    expect(calls).toEqual([])
    expect(sent[0]).toMatchObject({ ok: false, failure: { code: 'keychain-locked' } })
  })

  it('calls keytar when the lock state is unknown (no D-Bus client on this machine)', async () => {
    const { calls } = await run({ id: 4, op: 'list', service: 's' }, { lock: 'unknown' })
    expect(calls).toEqual(['list'])
  })

  it('passes a classified keytar failure on with the keychain’s words', async () => {
    const fail = new AppFailure({ code: 'keychain-no-dbus', message: 'x', fix: 'y', details: { keychainMessage: 'Cannot autolaunch D-Bus without X11 $DISPLAY' } })
    const { sent } = await run({ id: 5, op: 'get', service: 's', account: 'a' }, { fail })
    expect(sent).toEqual([{ type: 'result', id: 5, ok: false, failure: { code: 'keychain-no-dbus', raw: 'Cannot autolaunch D-Bus without X11 $DISPLAY' } }])
  })

  it('answers a malformed request with an error, and ignores one without an id', async () => {
    expect((await run({ id: 6, op: 'format-disk', service: 's' })).sent[0]).toMatchObject({ id: 6, ok: false, failure: { code: 'keychain-error' } })
    expect((await run('nonsense')).sent).toEqual([])
  })

  it('stalls the requests the test-only switch names, and only those', async () => {
    const env = { [TEST_STALL_ENV]: 'stalls:keySecret' }
    expect((await run({ id: 8, op: 'get', service: 's', account: 'stalls:keySecret' }, { env })).sent).toEqual([])
    expect((await run({ id: 9, op: 'get', service: 's', account: 'p:keySecret' }, { env })).sent).toHaveLength(1)
  })
})

describe('the protocol guards', () => {
  it('accepts only well-formed requests', () => {
    expect(isKeychainRequest({ id: 1, op: 'set', service: 's', account: 'a', value: 'v' })).toBe(true)
    expect(isKeychainRequest({ id: 1, op: 'set', service: 's', account: 'a' })).toBe(false)
    expect(isKeychainRequest({ id: '1', op: 'list', service: 's' })).toBe(false)
    expect(isKeychainRequest({ id: 1, op: 'constructor', service: 's' })).toBe(false)
  })

  it('accepts only well-formed messages', () => {
    expect(isKeychainMessage({ type: 'ready', pid: 1 })).toBe(true)
    expect(isKeychainMessage({ type: 'result', id: 1, ok: true, value: null })).toBe(true)
    expect(isKeychainMessage({ type: 'result', id: 1, ok: false, failure: { code: 'keychain-locked', raw: '' } })).toBe(true)
    expect(isKeychainMessage({ type: 'result', id: 1, ok: false })).toBe(false)
    expect(isKeychainMessage(null)).toBe(false)
  })
})
