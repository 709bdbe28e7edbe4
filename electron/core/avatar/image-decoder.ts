import type { DecodableFormat, DecodeAnswer, DecoderMessage } from './decode-protocol'
import { defaultLauncher, findDecoderEntry, type DecoderEntry, type DecoderLauncher, type DecoderProcess } from './decoder-process'

/**
 * Decodes untrusted image bytes in decoder processes, bounded in wall time and memory and
 * cancellable: past a bound, or on cancel, the process is killed — which is the only way to stop a
 * libvips operation already running — and replaced on the next decode. A few warm processes are
 * kept between checks, so a decode costs a message, not a process start.
 */

export interface DecodeOptions {
  format: DecodableFormat
  maxPixels: number
  maxDimension: number
  /** Hard wall time of the decode (header and pixels), from the moment the process has it. */
  timeoutMs: number
  /** Hard bound on the decoder process's resident memory. */
  maxMemoryBytes: number
  previewSize: number
  signal?: AbortSignal
}

/** Why a decode was stopped from outside. */
export type StopReason = 'time' | 'memory' | 'cancelled' | 'crashed' | 'unavailable'

export type DecodeOutcome = (DecodeAnswer | { kind: 'stopped'; reason: StopReason; message: string }) & {
  /** The decoder process's peak resident memory during this decode, in bytes (0 when none ran). */
  peakRss: number
  /** Wall time from sending the bytes to the answer. */
  ms: number
}

export interface DecoderStats {
  /** Processes started since the decoder was made. */
  started: number
  /** Decodes stopped, by reason. */
  stopped: Record<StopReason, number>
  /** Highest resident memory any decoder process reported, in bytes. */
  peakRss: number
  /** Processes alive now. */
  alive: number[]
}

export interface ImageDecoder {
  decode(bytes: Uint8Array, options: DecodeOptions): Promise<DecodeOutcome>
  /** Starts a process ahead of a decode (the avatar check calls it before fetching). */
  warm(): void
  stats(): DecoderStats
  /** Kills every process; later decodes start new ones. */
  close(): void
}

export interface ImageDecoderOptions {
  /** How processes are started (default: a Node fork; the Electron app passes its own). */
  launch?: DecoderLauncher | null
  /** The script to start (default: found beside this module or the bundle). */
  entry?: DecoderEntry | null
  /** Most processes at once; further decodes wait (default 2). */
  maxProcesses?: number
  /** An idle process is ended after this long (default 30 s). */
  idleMs?: number
  /** A process that is not ready after this long is given up (default 20 s). */
  startTimeoutMs?: number
}

interface Slot {
  proc: DecoderProcess
  ready: Promise<boolean>
  busy: boolean
  dead: boolean
  idleTimer: NodeJS.Timeout | null
  listener: ((m: DecoderMessage) => void) | null
  exitListener: ((reason: string) => void) | null
}

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`
const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`)

/** A copy when the bytes are a view into a larger buffer (a clone would carry all of it). */
const ownBytes = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes))

/** Makes a decoder with its own processes. */
export const createImageDecoder = (options: ImageDecoderOptions = {}): ImageDecoder => {
  const launch = options.launch === undefined ? defaultLauncher() : options.launch
  const entry = options.entry === undefined ? findDecoderEntry() : options.entry
  const maxProcesses = options.maxProcesses ?? 2
  const idleMs = options.idleMs ?? 30_000
  const startTimeoutMs = options.startTimeoutMs ?? 20_000
  const slots: Slot[] = []
  const waiting: Array<(slot: Slot) => void> = []
  const stats: DecoderStats = { started: 0, stopped: { time: 0, memory: 0, cancelled: 0, crashed: 0, unavailable: 0 }, peakRss: 0, alive: [] }
  let nextId = 1

  const remove = (slot: Slot): void => {
    if (slot.dead) return
    slot.dead = true
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    const i = slots.indexOf(slot)
    if (i >= 0) slots.splice(i, 1)
    slot.proc.kill()
    // A waiting decode can have the freed place.
    const next = waiting.shift()
    if (next) next(spawn(true))
  }

  const spawn = (busy: boolean): Slot => {
    if (!launch || !entry) throw new Error(!entry ? 'the decoder script is missing from this installation' : 'no way to start a decoder process here')
    const proc = launch(entry)
    stats.started++
    let readyResolve: (ok: boolean) => void = () => undefined
    const slot: Slot = { proc, ready: new Promise<boolean>((r) => (readyResolve = r)), busy, dead: false, idleTimer: null, listener: null, exitListener: null }
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
      remove(slot)
    })
    slots.push(slot)
    if (!busy) idle(slot)
    return slot
  }

  const idle = (slot: Slot): void => {
    slot.busy = false
    slot.proc.hold(false)
    const next = waiting.shift()
    if (next) {
      slot.busy = true
      next(slot)
      return
    }
    slot.idleTimer = setTimeout(() => remove(slot), idleMs)
    slot.idleTimer.unref()
  }

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.busy && !s.dead)
    if (free) {
      free.busy = true
      if (free.idleTimer) clearTimeout(free.idleTimer)
      free.idleTimer = null
      return Promise.resolve(free)
    }
    if (slots.length < maxProcesses) return Promise.resolve(spawn(true))
    return new Promise((resolve) => waiting.push(resolve))
  }

  const run = async (slot: Slot, bytes: Uint8Array, o: DecodeOptions, started: number): Promise<DecodeOutcome> => {
    slot.proc.hold(true)
    let peak = 0
    const stop = (reason: StopReason, message: string): DecodeOutcome => {
      stats.stopped[reason]++
      remove(slot)
      return { kind: 'stopped', reason, message, peakRss: peak, ms: performance.now() - started }
    }
    if (o.signal?.aborted) return stop('cancelled', 'The check was cancelled.')
    if (!(await slot.ready)) return stop('unavailable', 'The image decoder did not start.')
    const id = nextId++
    const sent = performance.now()
    return new Promise<DecodeOutcome>((resolve) => {
      let settled = false
      const finish = (outcome: () => DecodeOutcome): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        o.signal?.removeEventListener('abort', onAbort)
        slot.listener = null
        slot.exitListener = null
        resolve(outcome())
      }
      const onAbort = (): void => finish(() => stop('cancelled', 'The check was cancelled.'))
      const timer = setTimeout(() => finish(() => stop('time', `Decoding the image took longer than ${duration(o.timeoutMs)}.`)), o.timeoutMs)
      o.signal?.addEventListener('abort', onAbort, { once: true })
      slot.exitListener = (how) => finish(() => stop('crashed', `The image decoder stopped on this file (${how}).`))
      slot.listener = (m) => {
        if (m.type === 'memory' || m.type === 'result') {
          peak = Math.max(peak, m.rss)
          stats.peakRss = Math.max(stats.peakRss, m.rss)
        }
        if (peak > o.maxMemoryBytes) {
          finish(() => stop('memory', `Decoding the image needed more than ${mb(o.maxMemoryBytes)} of memory (${mb(peak)} when it was stopped).`))
        } else if (m.type === 'result' && m.id === id) {
          finish(() => {
            idle(slot)
            return { ...m.answer, peakRss: peak, ms: performance.now() - sent }
          })
        }
      }
      slot.proc.send({
        type: 'decode',
        id,
        bytes: ownBytes(bytes),
        format: o.format,
        limits: { maxPixels: o.maxPixels, maxDimension: o.maxDimension, timeoutSeconds: Math.max(1, Math.ceil(o.timeoutMs / 1000)) },
        previewSize: o.previewSize
      })
    })
  }

  return {
    async decode(bytes, o) {
      const started = performance.now()
      let slot: Slot
      try {
        slot = await acquire()
      } catch (e) {
        stats.stopped.unavailable++
        return { kind: 'stopped', reason: 'unavailable', message: `The image decoder could not start (${(e as Error).message}).`, peakRss: 0, ms: performance.now() - started }
      }
      return run(slot, bytes, o, started)
    },
    warm() {
      if (slots.length === 0 && launch && entry) spawn(false)
    },
    stats: () => ({ ...stats, stopped: { ...stats.stopped }, alive: slots.map((s) => s.proc.pid ?? 0) }),
    close() {
      for (const s of [...slots]) remove(s)
    }
  }
}

let configured: ImageDecoderOptions = {}
let shared: ImageDecoder | null = null

/**
 * Sets how the app's decoder starts its processes (Electron main passes a utility-process
 * launcher before the first check); replaces the shared decoder.
 */
export const configureImageDecoder = (options: ImageDecoderOptions): void => {
  configured = options
  shared?.close()
  shared = null
}

/** The process's shared decoder, made on first use (its idle processes never hold an exit). */
export const sharedImageDecoder = (): ImageDecoder => {
  shared ??= createImageDecoder(configured)
  return shared
}
