import { isAppFailure } from '../../errors'
import { backendFor, keychainFailure, tooLarge, WINDOWS_MAX_SECRET_BYTES, type FixAudience } from '../keychain-errors'
import type { SecretStore } from '../secret-store'
import { createKeychainConnection, KeychainCallFailed, type KeychainConnection } from './connection'
import { OP_LABEL, type KeychainOp, type KeychainOpName, type KeychainResults, type SpawnKeychainWorker } from './protocol'

export interface WorkerSecretStoreOptions {
  service: string
  /** The worker connection; or `spawn` to make one of its own. */
  connection?: KeychainConnection
  /** Starts a worker: a Node child process, or Electron's utilityProcess (injected by main). */
  spawn?: SpawnKeychainWorker
  /** Every call gives up after this long (default 10 s): a locked keyring can hang forever. */
  timeoutMs?: number
  /** How long a call may wait while an unlock prompt is on screen (default 2 min). */
  promptTimeoutMs?: number
  /** The platform whose words the errors use (tests ask for Windows' size limit on Linux). */
  platform?: NodeJS.Platform
  /** Who reads the fixes: the app's screens, or a terminal. */
  audience?: FixAudience
  /** Called with every secret that passes through, so it is redacted everywhere. */
  onSecret?: (secret: string) => void
}

/** The app's secret store: keytar in a worker process, behind the same operations as ever. */
export interface WorkerSecretStore extends SecretStore {
  /** The running worker's process id, if one runs (diagnostics and tests). */
  workerPid(): number | undefined
  /** Stops the worker (on shutdown); a later call would start a new one. */
  stop(): Promise<void>
}

const utf16Bytes = (s: string): number => s.length * 2

/**
 * keytar out of the app's process: every call goes to the keychain worker, with a timeout, and a
 * failure comes back as the keychain error for that cause, worded for the reader (`audience`).
 * When the worker crashes or hangs the call says so, with the fix, and the next call starts a new
 * worker; the app goes on. The worker starts on the first call, never before (`--help` never
 * starts it).
 */
export const createWorkerSecretStore = (options: WorkerSecretStoreOptions): WorkerSecretStore => {
  const { service, timeoutMs = 10_000, promptTimeoutMs = 120_000, platform = process.platform, audience = 'desktop' } = options
  const onSecret = options.onSecret ?? (() => undefined)
  const connection = options.connection ?? (options.spawn ? createKeychainConnection(options.spawn) : null)
  if (!connection) throw new Error('createWorkerSecretStore needs a connection or a spawn function')

  const call = async <K extends KeychainOpName>(op: Extract<KeychainOp, { op: K }>): Promise<KeychainResults[K]> => {
    try {
      return await connection.call(op, { timeoutMs, promptTimeoutMs })
    } catch (e) {
      if (!(e instanceof KeychainCallFailed)) throw e
      throw keychainFailure(e.code, { op: OP_LABEL[op.op], raw: e.raw, platform, audience, details: e.details, cause: e })
    }
  }

  return {
    get: async (account) => {
      const v = await call({ op: 'get', service, account })
      if (v) onSecret(v)
      return v
    },
    set: async (account, value) => {
      onSecret(value)
      if (platform === 'win32' && utf16Bytes(value) > WINDOWS_MAX_SECRET_BYTES) throw tooLarge(utf16Bytes(value))
      await call({ op: 'set', service, account, value })
    },
    delete: (account) => call({ op: 'delete', service, account }),
    listAccounts: () => call({ op: 'list', service }),
    status: async () => {
      const backend = backendFor(platform)
      try {
        await call({ op: 'status', service })
        return { available: true, backend }
      } catch (e) {
        const f = isAppFailure(e) ? e : keychainFailure('keychain-error', { op: OP_LABEL.status, raw: String(e), platform, audience })
        return { available: false, backend, error: f.toData() }
      }
    },
    workerPid: () => connection.pid(),
    stop: () => connection.stop()
  }
}

let shared: { connection: KeychainConnection; users: number } | null = null

/**
 * The process's one keychain worker for the default spawner: every Services of a process (tests
 * make many) shares it, and it stops when the last one releases it.
 */
export const acquireSharedConnection = (spawn: SpawnKeychainWorker): { connection: KeychainConnection; release(): Promise<void> } => {
  if (!shared) shared = { connection: createKeychainConnection(spawn), users: 0 }
  const mine = shared
  mine.users++
  let released = false
  return {
    connection: mine.connection,
    release: async () => {
      if (released) return
      released = true
      mine.users--
      if (mine.users === 0 && shared === mine) {
        shared = null
        await mine.connection.stop()
      }
    }
  }
}
