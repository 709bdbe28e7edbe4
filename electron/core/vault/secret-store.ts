import { createRequire } from 'node:module'
import type { AppError } from '../../../shared/result'
import type { SecretKind } from '../../../shared/schemas/profile'
import { AppFailure } from '../errors'
import {
  backendFor,
  classifyKeychainError,
  moduleMissing,
  timedOut,
  tooLarge,
  WINDOWS_MAX_SECRET_BYTES,
  type KeychainBackend
} from './keychain-errors'

/** keytar's surface we use; typed here so the module can be loaded lazily and fail softly. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<{ account: string; password: string }[]>
}

/** What the status badge needs: reachable or not, and why not with the fix. */
export interface KeychainStatusValue {
  available: boolean
  backend: KeychainBackend
  error?: AppError
  /**
   * True when the built-in sandbox's made-up secrets are kept in memory for this session instead
   * (the keychain is unavailable, or was when the sandbox started). Never a real customer's.
   */
  sandboxInMemory?: boolean
}

/**
 * The secure store behind the vault (as GitHub Desktop's token store): four operations on one
 * keychain service. Everything else in the app goes through the vault, never through this.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, value: string): Promise<void>
  delete(account: string): Promise<boolean>
  /** Account names under our service (the secrets are read by keytar but never returned). */
  listAccounts(): Promise<string[]>
  status(): Promise<KeychainStatusValue>
}

export interface SecretStoreOptions {
  service: string
  /** Every keychain call gives up after this long (a locked keyring can hang forever). */
  timeoutMs?: number
  platform?: NodeJS.Platform
  /** Called with every secret the store reads, so it is redacted everywhere. */
  onSecret?: (secret: string) => void
  /** Loads keytar; tests pass a failing loader to see the missing-module message. */
  loadKeytar?: () => Promise<KeytarLike>
}

/**
 * The keychain account of a profile's secret: `<storeId>/<profileId>:<kind>`. Every data folder
 * shares the one keychain service, so the account carries the folder's store ID and each folder
 * only ever sees, or cleans up, its own entries. Without a store ID: the name secrets had before
 * version 2 of the profiles file (`<profileId>:<kind>`), read only to move them.
 */
export const accountFor = (profileId: string, kind: SecretKind, storeId?: string): string =>
  storeId ? `${storeId}/${profileId}:${kind}` : `${profileId}:${kind}`

const ACCOUNT = /^(?:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/)?([^/]+):(keySecret|webhookSecret)$/

/**
 * Reads an account name back into its store (null for a pre-version-2 name), profile and kind, or
 * null for an entry that is not ours to interpret.
 */
export const parseAccount = (account: string): { storeId: string | null; profileId: string; kind: SecretKind } | null => {
  const m = ACCOUNT.exec(account)
  return m ? { storeId: m[1]?.toLowerCase() ?? null, profileId: m[2], kind: m[3] as SecretKind } : null
}

/**
 * Loads keytar with `require`, not a static import: a native module that fails to load must
 * become a clear keychain error, not a crash of everything that imports the vault.
 */
const defaultLoader = async (): Promise<KeytarLike> => {
  const load: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url)
  const mod = load('keytar') as { default?: KeytarLike } & KeytarLike
  const kt = mod.default ?? mod
  if (typeof kt.getPassword !== 'function') throw new Error('keytar exports no getPassword')
  return kt
}

/** Size of a string as Windows stores it (UTF-16). */
const utf16Bytes = (s: string): number => s.length * 2

/**
 * keytar in this process, with a timeout and a classified error on every call. Never a fallback.
 * Only the keychain worker runs it (`keychain-worker/worker.ts`): keytar can crash its process
 * (a locked keyring whose prompt cannot show ends in a segfault), so the app reaches the keychain
 * through `createWorkerSecretStore`, which Services builds.
 */
export const createKeytarSecretStore = (options: SecretStoreOptions): SecretStore => {
  const { service, timeoutMs = 10_000, platform = process.platform, onSecret = () => undefined } = options
  const load = options.loadKeytar ?? defaultLoader
  let keytar: Promise<KeytarLike> | null = null

  const getKeytar = (): Promise<KeytarLike> => {
    if (!keytar) {
      keytar = load().catch((e: unknown) => {
        keytar = null
        throw moduleMissing(e)
      })
    }
    return keytar
  }

  const call = async <T>(op: string, fn: (kt: KeytarLike) => Promise<T>): Promise<T> => {
    const kt = await getKeytar()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_r, reject) => {
      timer = setTimeout(() => reject(timedOut(op, timeoutMs, platform)), timeoutMs)
      timer.unref?.()
    })
    try {
      return await Promise.race([fn(kt), timeout])
    } catch (e) {
      throw classifyKeychainError(e, op, platform)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    get: async (account) => {
      const v = await call('read a secret', (kt) => kt.getPassword(service, account))
      if (v) onSecret(v)
      return v
    },
    set: async (account, value) => {
      onSecret(value)
      if (platform === 'win32' && utf16Bytes(value) > WINDOWS_MAX_SECRET_BYTES) throw tooLarge(utf16Bytes(value))
      await call('store a secret', (kt) => kt.setPassword(service, account, value))
    },
    delete: (account) => call('delete a secret', (kt) => kt.deletePassword(service, account)),
    listAccounts: async () => {
      const creds = await call('list secrets', (kt) => kt.findCredentials(service))
      for (const c of creds) onSecret(c.password)
      return creds.map((c) => c.account)
    },
    status: async () => {
      const backend = backendFor(platform)
      try {
        // A harmless probe: look up an account that never exists. It needs the whole chain
        // (module, D-Bus, provider) but reads no secret and never triggers an unlock prompt.
        await call('check the keychain', (kt) => kt.getPassword(service, '__aissist_probe__'))
        return { available: true, backend }
      } catch (e) {
        const f = e instanceof AppFailure ? e : classifyKeychainError(e, 'check the keychain', platform)
        return { available: false, backend, error: f.toData() }
      }
    }
  }
}
