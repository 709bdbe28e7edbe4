import type { KeychainErrorCode } from '../keychain-errors'

/**
 * The one protocol between the app and its keychain worker (a Node child process for the CLI and
 * the harness, Electron's utilityProcess in the app): requests carry an id, the worker answers each
 * id once. Plain JSON-able data, so both transports (`process.send`, `parentPort`) carry it as is.
 */

/** What the app may ask of the keychain. */
export type KeychainOp =
  | { op: 'get'; service: string; account: string }
  | { op: 'set'; service: string; account: string; value: string }
  | { op: 'delete'; service: string; account: string }
  | { op: 'list'; service: string }
  | { op: 'status'; service: string }

/** The value each op answers with (`list`: account names only — passwords never leave the worker). */
export interface KeychainResults {
  get: string | null
  set: null
  delete: boolean
  list: string[]
  status: null
}

export type KeychainOpName = KeychainOp['op']

/** A request on the wire. */
export type KeychainRequest = KeychainOp & { id: number }

/** Why a request failed: the cause (classified in the worker) and the keychain's own words. */
export interface WorkerFailure {
  code: KeychainErrorCode
  raw: string
}

/** Everything the worker sends. */
export type KeychainMessage =
  /** Sent once, when the worker is listening. */
  | { type: 'ready'; pid: number }
  /** The answer to request `id`. */
  | { type: 'result'; id: number; ok: true; value: KeychainResults[KeychainOpName] }
  | { type: 'result'; id: number; ok: false; failure: WorkerFailure }
  /** Request `id` now waits for a person (an unlock prompt is on screen): give it longer. */
  | { type: 'waiting-for-user'; id: number }

/** The operation as the error texts name it ("read a secret"). */
export const OP_LABEL: Record<KeychainOpName, string> = {
  get: 'read a secret',
  set: 'store a secret',
  delete: 'delete a secret',
  list: 'list secrets',
  status: 'check the keychain'
}

const OPS = new Set<string>(Object.keys(OP_LABEL))

/** Checks a message from the worker before it is trusted (a worker can be out of step or broken). */
export const isKeychainMessage = (m: unknown): m is KeychainMessage => {
  if (typeof m !== 'object' || m === null) return false
  const o = m as Record<string, unknown>
  if (o.type === 'ready') return typeof o.pid === 'number'
  if (o.type === 'waiting-for-user') return typeof o.id === 'number'
  if (o.type !== 'result' || typeof o.id !== 'number') return false
  if (o.ok === true) return 'value' in o
  return o.ok === false && typeof o.failure === 'object' && o.failure !== null && typeof (o.failure as WorkerFailure).code === 'string'
}

/** Checks a request from the app (the worker answers anything else with an error, never a crash). */
export const isKeychainRequest = (m: unknown): m is KeychainRequest => {
  if (typeof m !== 'object' || m === null) return false
  const o = m as Record<string, unknown>
  if (typeof o.id !== 'number' || typeof o.op !== 'string' || !OPS.has(o.op) || typeof o.service !== 'string') return false
  if (o.op === 'list' || o.op === 'status') return true
  if (typeof o.account !== 'string') return false
  return o.op !== 'set' || typeof o.value === 'string'
}

/**
 * The transport-neutral handle of one running worker, as a host spawns it: core never imports
 * `electron`, so Electron's main injects a utilityProcess-backed one and plain Node uses `fork`.
 */
export interface WorkerHandle {
  send(request: KeychainRequest): void
  onMessage(listener: (message: unknown) => void): void
  /** Called once when the process ends: its exit code and/or the signal that ended it. */
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void
  /** Ends the worker now (a hung call, or shutdown). */
  kill(): void
  /** Lets the host process exit while the worker idles (plain Node); optional elsewhere. */
  setBusy?(busy: boolean): void
  readonly pid?: number
}

/** Starts a keychain worker (a fresh one after a crash). Throws when the helper cannot start. */
export type SpawnKeychainWorker = () => WorkerHandle
