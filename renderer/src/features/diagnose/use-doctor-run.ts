import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DoctorCheck, DoctorProgress, DoctorResult } from '../../../../shared/contract/doctor'
import { CHAIN, type CheckId } from '../../../../shared/doctor/chain'
import type { AppError } from '../../../../shared/result'
import type { TaskStatus } from '../../../../shared/task/status'
import { useTaskRun } from '../../app/use-task-run'
import { call } from '../../lib/api'

/** A link as the screen shows it: not started, running, or finished with its check. */
export interface LinkView {
  id: CheckId
  title: string
  status: TaskStatus
  message: string
  check: DoctorCheck | null
}

const initialLinks = (): LinkView[] => CHAIN.map((c) => ({ id: c.id, title: c.title, status: 'pending', message: '', check: null }))

const fromResult = (r: DoctorResult): LinkView[] => r.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, message: c.message, check: c }))

/** The chain as this run's progress has moved it. */
const foldLinks = (progress: readonly DoctorProgress[]): LinkView[] => {
  const latest = new Map(progress.map((p) => [p.id, p]))
  return initialLinks().map((l) => {
    const p = latest.get(l.id)
    return p ? { ...l, status: p.status, message: p.message, check: p.check } : l
  })
}

/**
 * One diagnose run of the active customer: the chain updated live from this run's progress, the
 * final result, cancel, and the last run of the session when the page opens.
 */
export const useDoctorRun = (profileId: string | null) => {
  const { start, cancel, reset, progress, running } = useTaskRun('doctor')
  const [result, setResult] = useState<DoctorResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  // The session's last result fills the page only until a run of this page starts.
  const ran = useRef(false)

  useEffect(() => {
    ran.current = false
    reset()
    setResult(null)
    setError(null)
    if (!profileId) return
    let live = true
    void call('getLastDoctorResult', { profileRef: profileId }).then((r) => {
      if (live && r.ok && r.value.result && !ran.current) setResult(r.value.result)
    })
    return () => {
      live = false
    }
  }, [profileId, reset])

  const run = useCallback(
    async (offline = false): Promise<void> => {
      if (!profileId) return
      ran.current = true
      setResult(null)
      setError(null)
      const r = await start((taskId) => call('runDoctor', { profileRef: profileId, taskId, ...(offline ? { offline: true } : {}) }))
      if (!r) return
      if (r.ok) setResult(r.value)
      else setError(r.error)
    },
    [profileId, start]
  )

  const links = useMemo((): LinkView[] => {
    if (result) return fromResult(result)
    const live = foldLinks(progress)
    // A run that could not finish leaves nothing half-checked on screen.
    return error ? live.map((l) => (l.status === 'running' ? { ...l, status: 'pending' } : l)) : live
  }, [result, progress, error])

  return { links, result, error, running, run, cancel }
}
