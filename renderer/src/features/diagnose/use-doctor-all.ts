import { useCallback, useEffect, useRef, useState } from 'react'
import type { DoctorAllProgress, DoctorAllResult } from '../../../../shared/contract/doctor'
import type { AppError } from '../../../../shared/result'
import { useTaskRun } from '../../app/use-task-run'
import { call } from '../../lib/api'

/** Each customer's live state as the finished run left it, whatever payloads were still on the way. */
const settleLive = (live: ReadonlyMap<string, DoctorAllProgress>, result: DoctorAllResult): ReadonlyMap<string, DoctorAllProgress> => {
  const next = new Map(live)
  for (const e of result.profiles) {
    const before = next.get(e.id)
    next.set(e.id, {
      profileId: e.id,
      profileName: e.name,
      status: e.status,
      checksDone: before?.checksTotal ?? before?.checksDone ?? 0,
      checksTotal: before?.checksTotal ?? 0,
      firstFailure: e.firstFailure,
      durationMs: e.durationMs
    })
  }
  return next
}

/**
 * "Diagnose all" from the screen's side: every customer's live state from this run's progress
 * (`doctor-all` payloads, latest per customer), the finished result, and cancel (which stops
 * every running diagnose).
 */
export const useDoctorAll = (onFinished?: () => void) => {
  const { start, cancel, progress, running } = useTaskRun('doctor-all')
  const [result, setResult] = useState<DoctorAllResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)

  // The latest state per customer, folded in as payloads arrive: the task's own list keeps only
  // its last 200 payloads, and twenty customers send more than that.
  const [live, setLive] = useState<ReadonlyMap<string, DoctorAllProgress>>(new Map())
  const seen = useRef<DoctorAllProgress | null>(null)
  useEffect(() => {
    if (progress.length === 0) return
    const from = seen.current ? progress.lastIndexOf(seen.current) + 1 : 0
    const fresh = progress.slice(from)
    seen.current = progress[progress.length - 1]
    if (fresh.length === 0) return
    setLive((prev) => {
      const next = new Map(prev)
      for (const p of fresh) next.set(p.profileId, p)
      return next
    })
  }, [progress])

  const run = useCallback(
    async (concurrency: number): Promise<void> => {
      setResult(null)
      setError(null)
      setLive(new Map())
      seen.current = null
      const r = await start((taskId) => call('runDoctorAll', { taskId, concurrency }))
      if (!r) return
      if (r.ok) {
        setResult(r.value)
        // The answer can overtake a customer's last progress payload (they travel apart): its
        // final state comes from the result, so no row stays "Checking…" after the run ended.
        setLive((prev) => settleLive(prev, r.value))
      } else setError(r.error)
      onFinished?.()
    },
    [start, onFinished]
  )

  const done = [...live.values()].filter((p) => p.status !== 'pending' && p.status !== 'running').length
  return { run, cancel, running, live, done, total: live.size, result, error }
}
