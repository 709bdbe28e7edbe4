import { setMaxListeners } from 'node:events'
import type { DoctorAllEntry, DoctorAllProgress, DoctorResult, RunSource } from '../../../shared/contract/doctor'
import { DOCTOR_ALL_CONCURRENCY } from '../../../shared/contract/doctor'
import { CHAIN } from '../../../shared/doctor/chain'
import type { AppError } from '../../../shared/result'
import type { Profile } from '../../../shared/schemas/profile'
import { toAppError } from '../errors'
import type { Services } from '../services'
import { doctorExitCode, runDoctor, type RunDoctorOptions } from './run-doctor'

export interface RunAllOptions {
  /** How many customers are diagnosed at once (default 4, at most 16). */
  concurrency?: number
  offline?: boolean
  /** Cancels every running diagnose; customers not started yet are skipped. */
  signal?: AbortSignal
  /** Each customer as it goes: pending, running (with its links done), finished. */
  onProgress?: (p: DoctorAllProgress) => void
  /** Kept in each run's history entry. */
  source?: RunSource
  /** Timeouts and check overrides passed to each customer's diagnose (tests, the bench). */
  doctor?: Pick<RunDoctorOptions, 'gatewayTimeoutMs' | 'connectTimeoutMs' | 'checks'>
}

/** One customer's outcome: its line, and its whole result when the diagnose ran. */
export interface RunAllItem {
  entry: DoctorAllEntry
  result: DoctorResult | null
}

export interface RunAllOutcome {
  ok: boolean
  exitCode: 0 | 1 | 2
  cancelled: boolean
  concurrency: number
  durationMs: number
  items: RunAllItem[]
}

/** A requested concurrency within its bounds. */
export const boundConcurrency = (n: number | undefined): number =>
  Math.min(DOCTOR_ALL_CONCURRENCY.max, Math.max(DOCTOR_ALL_CONCURRENCY.min, Math.floor(n ?? DOCTOR_ALL_CONCURRENCY.default)))

const round = (ms: number): number => Math.round(ms * 10) / 10

const entryOf = (p: Profile, r: DoctorResult): DoctorAllEntry => ({
  id: p.id,
  name: p.name,
  ok: r.ok,
  exitCode: doctorExitCode(r),
  status: r.cancelled ? 'skipped' : r.verdict,
  firstFailure: r.firstFailure,
  durationMs: r.durationMs,
  cancelled: r.cancelled,
  error: null
})

const failedEntry = (p: Profile, error: AppError, durationMs: number): DoctorAllEntry => ({
  id: p.id,
  name: p.name,
  ok: false,
  exitCode: 2,
  status: 'fail',
  firstFailure: { checkId: null, sentence: `Diagnose could not run: ${error.message.replace(/\.+$/, '')}.` },
  durationMs: round(durationMs),
  cancelled: false,
  error
})

const notStarted = (p: Profile): DoctorAllEntry => ({ id: p.id, name: p.name, ok: false, exitCode: 2, status: 'skipped', firstFailure: null, durationMs: 0, cancelled: true, error: null })

/**
 * Diagnoses every customer side by side, at most `concurrency` at once (each diagnose already runs
 * its own links in parallel, and the customers may share one Zendesk and one gateway). Every run
 * is kept in its customer's history as any other. Never throws for a customer: one that cannot be
 * diagnosed at all is a failed line naming why. The exit code is the worst customer's.
 */
export const runDoctorAll = async (services: Services, options: RunAllOptions = {}): Promise<RunAllOutcome> => {
  const started = performance.now()
  const concurrency = boundConcurrency(options.concurrency)
  const signal = options.signal ?? new AbortController().signal
  const { profiles } = await services.vault.listProfiles()
  const total = CHAIN.length
  const emit = options.onProgress ?? (() => undefined)
  const base = (p: Profile): Pick<DoctorAllProgress, 'profileId' | 'profileName' | 'checksTotal'> => ({ profileId: p.id, profileName: p.name, checksTotal: total })
  for (const p of profiles) emit({ ...base(p), status: 'pending', checksDone: 0, firstFailure: null, durationMs: null })

  const items: (RunAllItem | undefined)[] = new Array(profiles.length)
  // Each diagnose gets a signal of its own, cancelled with the run's: its checks' listeners go with
  // it when it ends, and the run's signal holds one listener per diagnose in flight.
  setMaxListeners(Math.max(10, concurrency + 5), signal)
  const diagnose = async (p: Profile): Promise<RunAllItem> => {
    const t0 = performance.now()
    let done = 0
    const own = new AbortController()
    const cancel = (): void => own.abort()
    signal.addEventListener('abort', cancel, { once: true })
    emit({ ...base(p), status: 'running', checksDone: 0, firstFailure: null, durationMs: null })
    try {
      const r = await runDoctor(services, p.id, {
        ...options.doctor,
        offline: options.offline,
        signal: own.signal,
        source: options.source ?? 'app-all',
        onProgress: (e) => {
          if (e.status === 'running') return
          done++
          emit({ ...base(p), status: 'running', checksDone: done, firstFailure: null, durationMs: null })
        }
      })
      const entry = entryOf(p, r)
      emit({ ...base(p), status: entry.status, checksDone: done, firstFailure: r.firstFailure, durationMs: r.durationMs })
      return { entry, result: r }
    } catch (e) {
      const entry = failedEntry(p, toAppError(e, services.secrets.redact), performance.now() - t0)
      services.logger.warn('doctor --all: a customer could not be diagnosed', { profileId: p.id, code: entry.error?.code })
      emit({ ...base(p), status: 'fail', checksDone: done, firstFailure: entry.firstFailure, durationMs: entry.durationMs })
      return { entry, result: null }
    } finally {
      signal.removeEventListener('abort', cancel)
    }
  }

  let next = 0
  const worker = async (): Promise<void> => {
    while (next < profiles.length && !signal.aborted) {
      const i = next++
      items[i] = await diagnose(profiles[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, profiles.length) }, worker))

  const all = profiles.map((p, i) => {
    const item = items[i]
    if (item) return item
    const entry = notStarted(p)
    emit({ ...base(p), status: 'skipped', checksDone: 0, firstFailure: null, durationMs: 0 })
    return { entry, result: null }
  })
  const exitCode = all.reduce<0 | 1 | 2>((worst, { entry }) => (entry.exitCode > worst ? entry.exitCode : worst), 0)
  const cancelled = signal.aborted
  services.logger.info('doctor --all finished', { customers: profiles.length, concurrency, exitCode, cancelled })
  return { ok: exitCode < 2 && !cancelled, exitCode: cancelled ? 2 : exitCode, cancelled, concurrency, durationMs: round(performance.now() - started), items: all }
}
