import type { FetchHop } from '../../../shared/avatar/assess'
import type { DecodableFormat, DecodeAnswer, DecodeLimits, DecoderMessage, DecoderRequest, FetchedFacts, FetchFailedFacts, FetchSettings } from './decode-protocol'
import { CheckerPool, type Slot } from './checker-pool'
import { defaultLauncher, findDecoderEntry, type DecoderEntry, type DecoderLauncher } from './decoder-process'

/**
 * Runs the avatar check's untrusted work — the download and the decode — in checker processes,
 * bounded in wall time and memory and cancellable: past a bound, or on cancel, the process is
 * killed (the only way to stop a libvips operation already running) and replaced on the next job.
 * A few warm processes are kept between checks, so a check costs two messages, not a process start.
 */

/** The bounds of one decode. */
export interface DecodeBounds {
  maxPixels: number
  maxDimension: number
  /** Hard wall time of the decode (header and pixels), from the moment it starts. */
  timeoutMs: number
  /** Hard bound on the process's resident memory, for the whole job. */
  maxMemoryBytes: number
  previewSize: number
  signal?: AbortSignal
}

export interface DecodeOptions extends DecodeBounds {
  format: DecodableFormat
}

export interface FetchAndDecodeOptions extends DecodeBounds {
  fetch: FetchSettings
  /** Called as each hop is answered. */
  onHop?: (hop: FetchHop) => void
}

/** Why a job was stopped from outside. */
export type StopReason = 'time' | 'memory' | 'cancelled' | 'crashed' | 'unavailable'

interface Cost {
  /** The process's peak resident memory during this job, in bytes (0 when none ran). */
  peakRss: number
  /** Wall time of the job. */
  ms: number
}

export type Stopped = { kind: 'stopped'; reason: StopReason; message: string }

export type DecodeOutcome = (DecodeAnswer | Stopped) & Cost

/** A check's outcome: the fetch failed, or what it fetched and what the decode made of it. */
export type CheckOutcome = Cost &
  (
    | { kind: 'fetch-failed'; facts: FetchFailedFacts }
    /** Stopped before the download finished: the hops seen so far. */
    | { kind: 'stopped-fetching'; stop: Stopped; hops: FetchHop[] }
    | { kind: 'fetched'; facts: FetchedFacts; decode: DecodeAnswer | Stopped | null }
  )

export interface DecoderStats {
  /** Processes started since the decoder was made. */
  started: number
  /** Jobs stopped, by reason. */
  stopped: Record<StopReason, number>
  /** Highest resident memory any process reported, in bytes. */
  peakRss: number
  /** Processes alive now. */
  alive: number[]
}

export interface ImageDecoder {
  /** Decodes bytes already in hand. */
  decode(bytes: Uint8Array, options: DecodeOptions): Promise<DecodeOutcome>
  /** Fetches a URL and decodes it, both in the checker process. */
  fetchAndDecode(url: string, options: FetchAndDecodeOptions): Promise<CheckOutcome>
  /**
   * Starts a process ahead of the first job, so its start overlaps whatever the caller does
   * meanwhile (a command line can call it before loading the rest of what a check needs).
   */
  warm(): void
  stats(): DecoderStats
  /** Kills every process; later jobs start new ones. */
  close(): void
}

export interface ImageDecoderOptions {
  /** How processes are started (default: a Node fork; the Electron app passes its own). */
  launch?: DecoderLauncher | null
  /** The script to start (default: found beside this module or the bundle). */
  entry?: DecoderEntry | null
  /** Most processes at once; further jobs wait (default 2). */
  maxProcesses?: number
  /** An idle process is ended after this long (default 30 s). */
  idleMs?: number
  /** A process that is not ready after this long is given up (default 20 s). */
  startTimeoutMs?: number
}

/** A job's messages as they come, and how it ends. */
interface JobHandlers {
  /** Called for every message of the job; returns true when the job is done. */
  onMessage(m: DecoderMessage): boolean
  /** The outcome when stopped from outside (at the moment of stopping). */
  stopped(stop: Stopped, cost: Cost): unknown
  /** The outcome once done. */
  done(cost: Cost): unknown
}

/** The download's own total timeout, plus this, before the process is given up on. */
const FETCH_GRACE_MS = 5_000
const DEFAULT_FETCH_TOTAL_MS = 30_000

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`
const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`)
const limitsOf = (o: DecodeBounds): DecodeLimits => ({ maxPixels: o.maxPixels, maxDimension: o.maxDimension, timeoutSeconds: Math.max(1, Math.ceil(o.timeoutMs / 1000)) })

/** A copy when the bytes are a view into a larger buffer (a clone would carry all of it). */
const ownBytes = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes))

type Stats = Omit<DecoderStats, 'started' | 'alive'>

/**
 * Runs one job on a process of the pool: sends the request, watches memory, enforces the time
 * bound the job sets (and may move, as a check does once its download is done), and kills the
 * process on any bound, on cancel, or when it dies.
 */
const runJob = async <T>(pool: CheckerPool, stats: Stats, request: DecoderRequest, o: DecodeBounds, firstTimeoutMs: number, job: (ctl: { setTimeout(ms: number, message: string): void }) => JobHandlers): Promise<T> => {
  const started = performance.now()
  let peak = 0
  const cost = (): Cost => ({ peakRss: peak, ms: performance.now() - started })
  let slot: Slot
  try {
    slot = await pool.acquire()
  } catch (e) {
    stats.stopped.unavailable++
    return job({ setTimeout: () => undefined }).stopped({ kind: 'stopped', reason: 'unavailable', message: `The image checker could not start (${(e as Error).message}).` }, cost()) as T
  }
  slot.proc.hold(true)
  const stop = (reason: StopReason, message: string): Stopped => {
    stats.stopped[reason]++
    pool.discard(slot)
    return { kind: 'stopped', reason, message }
  }
  let timer: NodeJS.Timeout | null = null
  return new Promise<T>((resolve) => {
    let settled = false
    const finish = (outcome: () => unknown): void => {
      if (settled) return
      settled = true
      if (timer) clearTimeout(timer)
      o.signal?.removeEventListener('abort', onAbort)
      slot.listener = null
      slot.exitListener = null
      resolve(outcome() as T)
    }
    const ctl = {
      setTimeout: (ms: number, message: string): void => {
        if (timer) clearTimeout(timer)
        timer = setTimeout(() => finish(() => handlers.stopped(stop('time', message), cost())), ms)
      }
    }
    const handlers = job(ctl)
    const onAbort = (): void => finish(() => handlers.stopped(stop('cancelled', 'The check was cancelled.'), cost()))
    if (o.signal?.aborted) return onAbort()
    o.signal?.addEventListener('abort', onAbort, { once: true })
    ctl.setTimeout(firstTimeoutMs, `The image checker did not answer within ${duration(firstTimeoutMs)}.`)
    slot.exitListener = (how) => finish(() => handlers.stopped(stop('crashed', `The image checker stopped on this file (${how}).`), cost()))
    slot.listener = (m) => {
      if ('rss' in m) {
        peak = Math.max(peak, m.rss)
        stats.peakRss = Math.max(stats.peakRss, m.rss)
      }
      if (peak > o.maxMemoryBytes) {
        finish(() => handlers.stopped(stop('memory', `Decoding the image needed more than ${mb(o.maxMemoryBytes)} of memory (${mb(peak)} when it was stopped).`), cost()))
      } else if ('id' in m && m.id === request.id && handlers.onMessage(m)) {
        finish(() => {
          pool.release(slot)
          return handlers.done(cost())
        })
      }
    }
    void slot.ready.then((ok) => {
      if (!ok) finish(() => handlers.stopped(stop('unavailable', 'The image checker did not start.'), cost()))
      else if (!settled) slot.proc.send(request)
    })
  })
}

/** A check's job: progress hops, the decode's bound from the end of the download, the outcome. */
const checkJob = (o: FetchAndDecodeOptions) => (ctl: { setTimeout(ms: number, message: string): void }): JobHandlers => {
  const hops: FetchHop[] = []
  let fetched: FetchedFacts | null = null
  let failed: FetchFailedFacts | null = null
  let answer: DecodeAnswer | null = null
  return {
    onMessage: (m) => {
      if (m.type === 'hop') {
        hops.push(m.hop)
        o.onHop?.(m.hop)
      } else if (m.type === 'fetched') {
        fetched = m.facts
        // The decode's own bound starts with the decode.
        if (m.facts.decoding) ctl.setTimeout(o.timeoutMs, `Decoding the image took longer than ${duration(o.timeoutMs)}.`)
      } else if (m.type === 'fetch-failed') {
        failed = m.facts
        return true
      } else if (m.type === 'result') {
        answer = m.answer
        return true
      }
      return false
    },
    stopped: (stop, cost): CheckOutcome => (fetched ? { kind: 'fetched', facts: fetched, decode: stop, ...cost } : { kind: 'stopped-fetching', stop, hops, ...cost }),
    done: (cost): CheckOutcome => (failed ? { kind: 'fetch-failed', facts: failed, ...cost } : { kind: 'fetched', facts: fetched!, decode: answer, ...cost })
  }
}

/** A decode's job: one answer. */
const decodeJob = (): JobHandlers => {
  let answer: DecodeAnswer | null = null
  return {
    onMessage: (m) => {
      if (m.type !== 'result') return false
      answer = m.answer
      return true
    },
    stopped: (stop, cost): DecodeOutcome => ({ ...stop, ...cost }),
    done: (cost): DecodeOutcome => ({ ...(answer ?? { kind: 'refused', reason: 'unreadable', header: null, message: 'no answer' }), ...cost })
  }
}

/** Makes a decoder with its own processes. */
export const createImageDecoder = (options: ImageDecoderOptions = {}): ImageDecoder => {
  const pool = new CheckerPool({
    launch: options.launch === undefined ? defaultLauncher() : options.launch,
    entry: options.entry === undefined ? findDecoderEntry() : options.entry,
    maxProcesses: options.maxProcesses ?? 2,
    idleMs: options.idleMs ?? 30_000,
    startTimeoutMs: options.startTimeoutMs ?? 20_000
  })
  const stats: Stats = { stopped: { time: 0, memory: 0, cancelled: 0, crashed: 0, unavailable: 0 }, peakRss: 0 }
  let nextId = 1
  return {
    decode(bytes, o) {
      const request: DecoderRequest = { type: 'decode', id: nextId++, bytes: ownBytes(bytes), format: o.format, limits: limitsOf(o), previewSize: o.previewSize }
      return runJob<DecodeOutcome>(pool, stats, request, o, o.timeoutMs, decodeJob)
    },
    fetchAndDecode(url, o) {
      const request: DecoderRequest = { type: 'check', id: nextId++, url, fetch: o.fetch, limits: limitsOf(o), previewSize: o.previewSize }
      return runJob<CheckOutcome>(pool, stats, request, o, (o.fetch.totalTimeoutMs ?? DEFAULT_FETCH_TOTAL_MS) + FETCH_GRACE_MS, checkJob(o))
    },
    warm: () => {
      try {
        pool.warm()
      } catch {
        /* the first job reports it */
      }
    },
    stats: () => ({ ...stats, stopped: { ...stats.stopped }, started: pool.started, alive: pool.alive() }),
    close: () => pool.close()
  }
}

let configured: ImageDecoderOptions = {}
let shared: ImageDecoder | null = null

/**
 * Sets how the app's checker starts its processes (Electron main passes a utility-process
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
