import { isAppFailure } from '../../errors'
import type { KeychainErrorCode } from '../keychain-errors'
import { createKeytarSecretStore, type SecretStore } from '../secret-store'
import { canShowPrompt, probeSecretServiceLock, type LockState } from './locked-probe'
import { isKeychainRequest, type KeychainMessage, type KeychainRequest, type WorkerFailure } from './protocol'

/**
 * Test-only switches, read by the worker alone and named as such: a stand-in for a keychain that
 * never answers (requests for this account stall; `*` for all), and a way to skip the lock probe
 * so a test can watch keytar really crash on a locked keyring.
 */
export const TEST_STALL_ENV = 'AISSIST_TEST_KEYCHAIN_WORKER_STALL'
export const TEST_NO_PROBE_ENV = 'AISSIST_TEST_KEYCHAIN_NO_LOCK_PROBE'

/**
 * How long the probe's answer is trusted (a few secret calls in a row ask once): "unlocked" a
 * little longer; "locked" or "unknown" briefly, so "Check again" after an unlock sees it.
 */
const UNLOCKED_TRUST_MS = 2000
const OTHER_TRUST_MS = 1000

export interface WorkerDeps {
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  /** Reads the Secret Service's `Locked` property (a stand-in in unit tests). */
  probe?: () => Promise<LockState>
  /** The in-process keytar store for a service (a stand-in in unit tests). */
  storeFor?: (service: string) => SecretStore
}

const LOCKED_RAW = 'the Secret Service reports the default keyring ("Login") as locked'

/** A failure the worker names itself (a locked keyring), carried to the answer as is. */
class WorkerFailed extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.raw)
  }
}

const failureOf = (e: unknown): WorkerFailure => {
  if (e instanceof WorkerFailed) return e.failure
  if (isAppFailure(e)) {
    const raw = typeof e.details?.keychainMessage === 'string' ? e.details.keychainMessage : e.message
    return { code: e.code as KeychainErrorCode, raw }
  }
  return { code: 'keychain-error', raw: e instanceof Error ? e.message : String(e) }
}

/**
 * What the worker does with one request: ask the Secret Service whether the keyring is locked
 * (without keytar, without a prompt) before any call that could prompt, then call keytar. A locked
 * keyring with no screen for its prompt is answered `keychain-locked` at once: that is the call
 * that used to end in a segfault. With a screen, the prompt may show, so the app is told to wait.
 */
export const createWorkerHandler = (deps: WorkerDeps = {}) => {
  const env = deps.env ?? process.env
  const platform = deps.platform ?? process.platform
  const probe = deps.probe ?? (() => probeSecretServiceLock({ env }))
  const stores = new Map<string, SecretStore>()
  // The app times every call itself; inside the worker a call may wait for a person at a prompt.
  const storeFor = deps.storeFor ?? ((service: string) => createKeytarSecretStore({ service, timeoutMs: 5 * 60_000 }))
  let known: { state: LockState; until: number } | null = null

  const store = (service: string): SecretStore => {
    let s = stores.get(service)
    if (!s) stores.set(service, (s = storeFor(service)))
    return s
  }

  let probing: Promise<LockState> | null = null
  const lockState = (): Promise<LockState> => {
    if (platform !== 'linux' || env[TEST_NO_PROBE_ENV] === '1') return Promise.resolve('unknown')
    if (known && Date.now() < known.until) return Promise.resolve(known.state)
    // Calls that arrive together share one probe.
    probing ??= probe()
      .then((state) => {
        known = { state, until: Date.now() + (state === 'unlocked' ? UNLOCKED_TRUST_MS : OTHER_TRUST_MS) }
        return state
      })
      .finally(() => {
        probing = null
      })
    return probing
  }

  const stalls = (req: KeychainRequest): boolean => {
    const stall = env[TEST_STALL_ENV]
    return Boolean(stall) && (stall === '*' || ('account' in req && req.account === stall))
  }

  const run = async (req: KeychainRequest, notify: (m: KeychainMessage) => void): Promise<unknown> => {
    const state = await lockState()
    if (state === 'locked') {
      // Status never prompts; anything else prompts only where a prompt can be seen.
      if (req.op === 'status' || !canShowPrompt(env)) throw new WorkerFailed({ code: 'keychain-locked', raw: LOCKED_RAW })
      notify({ type: 'waiting-for-user', id: req.id })
    }
    const s = store(req.service)
    switch (req.op) {
      case 'get':
        return s.get(req.account)
      case 'set':
        await s.set(req.account, req.value)
        return null
      case 'delete':
        return s.delete(req.account)
      case 'list':
        return s.listAccounts()
      case 'status': {
        const st = await s.status()
        if (st.error) throw new WorkerFailed({ code: st.error.code as KeychainErrorCode, raw: String(st.error.details?.keychainMessage ?? st.error.message) })
        return null
      }
    }
  }

  /** Answers one message (anything malformed gets an error answer when it has an id, else nothing). */
  return async (message: unknown, notify: (m: KeychainMessage) => void): Promise<void> => {
    if (!isKeychainRequest(message)) {
      const id = (message as { id?: unknown } | null)?.id
      if (typeof id === 'number') notify({ type: 'result', id, ok: false, failure: { code: 'keychain-error', raw: 'the keychain worker got a request it does not understand' } })
      return
    }
    if (stalls(message)) return
    try {
      const value = await run(message, notify)
      notify({ type: 'result', id: message.id, ok: true, value: value as null })
    } catch (e) {
      notify({ type: 'result', id: message.id, ok: false, failure: failureOf(e) })
    }
  }
}
