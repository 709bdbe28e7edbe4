import type { DecoderMessage } from './decode-protocol'
import type { DecoderEntry, DecoderLauncher, DecoderProcess } from './decoder-process'

/**
 * The checker processes of one decoder: at most `maxProcesses` alive, each running one job at a
 * time; an idle one is kept for the next job and ended after a while; a job that must be stopped
 * discards its process (killed), and a waiting job gets the freed place.
 */

/** One process and the job listening to it. */
export interface Slot {
  readonly proc: DecoderProcess
  /** True once the process said it is ready; false if it died or never did. */
  readonly ready: Promise<boolean>
  busy: boolean
  dead: boolean
  idleTimer: NodeJS.Timeout | null
  /** The current job's message listener. */
  listener: ((m: DecoderMessage) => void) | null
  /** The current job's listener for the process dying under it. */
  exitListener: ((how: string) => void) | null
}

export interface CheckerPoolOptions {
  launch: DecoderLauncher | null
  entry: DecoderEntry | null
  maxProcesses: number
  idleMs: number
  startTimeoutMs: number
}

export class CheckerPool {
  private readonly slots: Slot[] = []
  private readonly waiting: Array<(slot: Slot) => void> = []
  /** Processes started since the pool was made. */
  started = 0

  constructor(private readonly options: CheckerPoolOptions) {}

  /** A process for one job: an idle one, a new one, or the next one freed. Throws if none can start. */
  acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy && !s.dead)
    if (free) {
      free.busy = true
      if (free.idleTimer) clearTimeout(free.idleTimer)
      free.idleTimer = null
      return Promise.resolve(free)
    }
    if (this.slots.length < this.options.maxProcesses) return Promise.resolve(this.spawn())
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /** The job is done and the process healthy: the next job may have it. */
  release(slot: Slot): void {
    slot.busy = false
    slot.proc.hold(false)
    const next = this.waiting.shift()
    if (next) {
      slot.busy = true
      next(slot)
      return
    }
    slot.idleTimer = setTimeout(() => this.discard(slot), this.options.idleMs)
    slot.idleTimer.unref()
  }

  /** Kills the process (whatever it is doing) and frees its place. */
  discard(slot: Slot): void {
    if (slot.dead) return
    slot.dead = true
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    const i = this.slots.indexOf(slot)
    if (i >= 0) this.slots.splice(i, 1)
    slot.proc.kill()
    const next = this.waiting.shift()
    if (next) next(this.spawn())
  }

  /** Starts an idle process ahead of the first job, if none is alive. */
  warm(): void {
    if (this.slots.length > 0 || !this.options.launch || !this.options.entry) return
    this.release(this.spawn())
  }

  alive(): number[] {
    return this.slots.map((s) => s.proc.pid ?? 0)
  }

  close(): void {
    for (const s of [...this.slots]) this.discard(s)
  }

  private spawn(): Slot {
    const { launch, entry, startTimeoutMs } = this.options
    if (!launch || !entry) throw new Error(!entry ? 'the checker script is missing from this installation' : 'no way to start a checker process here')
    const proc = launch(entry)
    this.started++
    let readyResolve: (ok: boolean) => void = () => undefined
    const slot: Slot = { proc, ready: new Promise<boolean>((r) => (readyResolve = r)), busy: true, dead: false, idleTimer: null, listener: null, exitListener: null }
    const startTimer = setTimeout(() => readyResolve(false), startTimeoutMs)
    startTimer.unref()
    proc.onMessage((m) => {
      if (m.type === 'ready') {
        clearTimeout(startTimer)
        readyResolve(true)
      } else slot.listener?.(m)
    })
    proc.onExit((code, signal) => {
      clearTimeout(startTimer)
      readyResolve(false)
      slot.exitListener?.(signal ? `signal ${signal}` : `exit code ${code}`)
      this.discard(slot)
    })
    this.slots.push(slot)
    return slot
  }
}
