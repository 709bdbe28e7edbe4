import type { DoctorResult, HistoryRunSummary, LastResult, RunSource } from '../contract/doctor'

/**
 * A customer's kept diagnose runs, as pure data: what counts as "it worked", the summary a
 * timeline lists, and the last finished result. The store itself (files, locks) is in core.
 */

/** Runs kept per customer; the oldest go first. */
export const HISTORY_LIMIT = 50

/** One kept run: the whole result (already redacted), where it came from, and its id. */
export interface StoredRun {
  id: string
  source: RunSource
  result: DoctorResult
}

/**
 * True for a run that shows the customer's chain working: nothing failed (warnings allowed, they
 * do not stop messages), and it was neither cancelled nor offline (those left links unchecked).
 */
export const isPassingRun = (r: Pick<DoctorResult, 'verdict' | 'cancelled' | 'offline'>): boolean => r.verdict !== 'fail' && !r.cancelled && !r.offline

/** The newest passing run of a list kept newest first, or null. */
export const lastPassingRun = (runs: readonly StoredRun[]): StoredRun | null => runs.find((r) => isPassingRun(r.result)) ?? null

/** A run as the timeline and `doctor history` list it. */
export const summarizeRun = (run: StoredRun): HistoryRunSummary => ({
  id: run.id,
  at: run.result.startedAt,
  ok: run.result.ok,
  verdict: run.result.verdict,
  cancelled: run.result.cancelled,
  offline: run.result.offline,
  firstFailure: run.result.firstFailure,
  summary: run.result.summary,
  durationMs: run.result.durationMs,
  source: run.source
})

/** The customer's last finished run (a cancelled one says nothing about the customer), or null. */
export const lastResultOf = (profileId: string, runs: readonly StoredRun[]): LastResult | null => {
  const r = runs.find((x) => !x.result.cancelled)?.result
  return r ? { profileId, at: r.startedAt, ok: r.ok, verdict: r.verdict, firstFailure: r.firstFailure } : null
}

/** A new run's id: its start time (sortable, readable in a file) and a random tail. */
export const newRunId = (startedAt: string, random: string): string => `${startedAt.replace(/[^0-9]/g, '').slice(0, 17)}-${random}`
