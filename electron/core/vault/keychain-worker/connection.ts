import type { KeychainErrorCode } from '../keychain-errors'
import {
  isKeychainMessage,
  type KeychainMessage,
  type KeychainOp,
  type KeychainOpName,
  type KeychainRequest,
  type KeychainResults,
  type SpawnKeychainWorker,
  type WorkerHandle
} from './protocol'

/** Why a call failed, before it is put into words: the cause and the evidence. */
export class KeychainCallFailed extends Error {
  constructor(
    readonly code: KeychainErrorCode,
    readonly raw: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(raw || code)
    this.name = 'KeychainCallFailed'
  }
}

/** How long one call may take. */
export interface CallTimeouts {
  /** Until the worker answers (a locked keyring can hang forever). */
  timeoutMs: number
  /** Once the worker says an unlock prompt is on screen, waiting for a person. */
  promptTimeoutMs: number
}

/** One worker process at a time, started on the first call and again after it died or hung. */
export interface KeychainConnection {
  call<K extends KeychainOpName>(op: Extract<KeychainOp, { op: K }>, timeouts: CallTimeouts): Promise<KeychainResults[K]>
  /** The running worker's process id, if one runs (diagnostics and tests). */
  pid(): number | undefined
  /** Ends the worker (shutdown); calls still waiting fail, a later call starts a new one. */
  stop(): Promise<void>
}

interface Pending {
  request: KeychainRequest
  timeouts: CallTimeouts
  /** Already sent again to a fresh worker once (see `keychain-no-provider` below). */
  retried: boolean
  resolve(value: unknown): void
  reject(error: KeychainCallFailed): void
  timer?: NodeJS.Timeout
}

interface Worker {
  handle: WorkerHandle
  ready: boolean
  pending: Map<number, Pending>
  startTimer?: NodeJS.Timeout
  /** Why the app ended it (a hung call, shutdown), so its waiting calls get that error. */
  endedBecause?: KeychainCallFailed
  /** Takes no new calls, and ends once its last one is answered. */
  retiring?: boolean
  exited: Promise<void>
}

/** Exit codes of a process killed by a signal, as a utilityProcess reports them (128 + n). */
const SIGNAL_BY_CODE: Record<number, string> = { 134: 'SIGABRT', 135: 'SIGBUS', 137: 'SIGKILL', 139: 'SIGSEGV' }

/** The worker's end in words: "it crashed with a segmentation fault (SIGSEGV)…". */
export const describeExit = (exit: { code: number | null; signal: string | null }): string => {
  const signal = exit.signal ?? (exit.code !== null ? SIGNAL_BY_CODE[exit.code] : undefined)
  if (signal === 'SIGSEGV') return 'it crashed with a segmentation fault (SIGSEGV) in the OS keychain library'
  if (signal) return `it was ended by ${signal}`
  return `it exited with code ${exit.code ?? 'unknown'}`
}

const unrefTimer = (t: NodeJS.Timeout): NodeJS.Timeout => {
  t.unref?.()
  return t
}

/**
 * The app's side of the worker protocol: ids, one timeout per call, and restarts. When the worker
 * dies (a segfault on a locked keyring) every waiting call fails with `keychain-crashed`; when a
 * call hangs past its timeout the worker is ended and every waiting call fails with
 * `keychain-timeout`. Either way the next call starts a fresh worker and the app goes on.
 */
class WorkerConnection implements KeychainConnection {
  private current: Worker | null = null
  private nextId = 1

  constructor(
    private readonly spawn: SpawnKeychainWorker,
    private readonly startTimeoutMs: number
  ) {}

  call<K extends KeychainOpName>(op: Extract<KeychainOp, { op: K }>, timeouts: CallTimeouts): Promise<KeychainResults[K]> {
    return new Promise<KeychainResults[K]>((resolve, reject) => this.enqueue(op, timeouts, resolve as (v: unknown) => void, reject, false))
  }

  pid(): number | undefined {
    return this.current?.handle.pid
  }

  async stop(): Promise<void> {
    const w = this.current
    if (!w) return
    this.end(w, new KeychainCallFailed('keychain-error', 'the app is shutting down'))
    // Hold the process until the worker is gone (bounded), so a CLI run never leaves it behind.
    w.handle.setBusy?.(true)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([w.exited, new Promise((r) => (timer = setTimeout(r, 1000)))])
    clearTimeout(timer)
  }

  private enqueue(op: KeychainOp, timeouts: CallTimeouts, resolve: (v: unknown) => void, reject: (e: KeychainCallFailed) => void, retried: boolean): void {
    let w: Worker
    try {
      w = this.current ?? (this.current = this.start())
    } catch (e) {
      return reject(e instanceof KeychainCallFailed ? e : new KeychainCallFailed('keychain-helper-missing', String(e)))
    }
    const { id: _old, ...plain } = op as KeychainOp & { id?: number }
    const request = { ...plain, id: this.nextId++ } as KeychainRequest
    const p: Pending = { request, timeouts, resolve, reject, retried }
    w.pending.set(request.id, p)
    w.handle.setBusy?.(true)
    if (w.ready) this.dispatch(w, p)
  }

  private start(): Worker {
    let handle: WorkerHandle
    try {
      handle = this.spawn()
    } catch (e) {
      throw new KeychainCallFailed('keychain-helper-missing', e instanceof Error ? e.message : String(e))
    }
    let exitedResolve: () => void = () => undefined
    const w: Worker = { handle, ready: false, pending: new Map(), exited: new Promise((r) => (exitedResolve = r)) }
    const startFailed = new KeychainCallFailed('keychain-timeout', 'the keychain helper did not start', { timeoutMs: this.startTimeoutMs })
    w.startTimer = unrefTimer(setTimeout(() => this.end(w, startFailed), this.startTimeoutMs))
    handle.onMessage((m) => {
      if (isKeychainMessage(m)) this.onMessage(w, m)
    })
    handle.onExit((exit) => {
      clearTimeout(w.startTimer)
      if (this.current === w) this.current = null
      const crashed = new KeychainCallFailed('keychain-crashed', describeExit(exit), { exitCode: exit.code, signal: exit.signal })
      for (const id of [...w.pending.keys()]) this.settle(w, id)?.reject(w.endedBecause ?? crashed)
      exitedResolve()
    })
    return w
  }

  private onMessage(w: Worker, m: KeychainMessage): void {
    if (m.type === 'ready') {
      w.ready = true
      clearTimeout(w.startTimer)
      for (const p of w.pending.values()) this.dispatch(w, p)
      return
    }
    const p = w.pending.get(m.id)
    if (!p) return
    if (m.type === 'waiting-for-user') return this.arm(w, p, p.timeouts.promptTimeoutMs)
    if (!m.ok && m.failure.code === 'keychain-no-provider' && !p.retried) {
      // libsecret keeps talking to the keyring daemon it first met: when that daemon was replaced
      // (unlocked again from a terminal, restarted after a crash) only a fresh worker finds the new
      // one. This worker retires; the call goes once more to a new worker.
      w.retiring = true
      if (this.current === w) this.current = null
      this.settle(w, m.id)
      return this.enqueue(p.request, p.timeouts, p.resolve, p.reject, true)
    }
    this.settle(w, m.id)
    if (m.ok) p.resolve(m.value)
    else p.reject(new KeychainCallFailed(m.failure.code, m.failure.raw))
  }

  private dispatch(w: Worker, p: Pending): void {
    try {
      w.handle.send(p.request)
    } catch (e) {
      this.settle(w, p.request.id)?.reject(new KeychainCallFailed('keychain-crashed', `it could not be reached: ${e instanceof Error ? e.message : String(e)}`))
      return
    }
    this.arm(w, p, p.timeouts.timeoutMs)
  }

  private arm(w: Worker, p: Pending, ms: number): void {
    clearTimeout(p.timer)
    p.timer = unrefTimer(setTimeout(() => this.end(w, new KeychainCallFailed('keychain-timeout', '', { timeoutMs: ms })), ms))
  }

  private settle(w: Worker, id: number): Pending | undefined {
    const p = w.pending.get(id)
    if (!p) return undefined
    clearTimeout(p.timer)
    w.pending.delete(id)
    if (w.pending.size === 0) {
      w.handle.setBusy?.(false)
      if (w.retiring) w.handle.kill()
    }
    return p
  }

  /** Ends a worker the app gave up on: every waiting call gets `why`. */
  private end(w: Worker, why: KeychainCallFailed): void {
    w.endedBecause = why
    clearTimeout(w.startTimer)
    if (this.current === w) this.current = null
    for (const id of [...w.pending.keys()]) this.settle(w, id)?.reject(why)
    w.handle.kill()
  }
}

/** A connection to keychain workers started by `spawn` (one at a time, started on the first call). */
export const createKeychainConnection = (spawn: SpawnKeychainWorker, options: { startTimeoutMs?: number } = {}): KeychainConnection =>
  new WorkerConnection(spawn, options.startTimeoutMs ?? 15_000)
