import { useCallback, useEffect, useState } from 'react'
import type { DoctorResult, HistoryRunSummary } from '../../../../shared/contract/doctor'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'

/**
 * A customer's kept runs for the timeline (re-read whenever `refreshKey` changes: a run just
 * finished), and one run, whole, when the user opens it.
 */
export const useDoctorHistory = (profileId: string | null, refreshKey: string) => {
  const [runs, setRuns] = useState<HistoryRunSummary[]>([])
  const [error, setError] = useState<AppError | null>(null)
  const [loading, setLoading] = useState(true)

  useEffect(() => {
    setRuns([])
    setLoading(true)
    if (!profileId) return
    let live = true
    void call('listDoctorHistory', { profileRef: profileId }).then((r) => {
      if (!live) return
      setLoading(false)
      if (r.ok) {
        setRuns(r.value.runs)
        setError(null)
      } else setError(r.error)
    })
    return () => {
      live = false
    }
  }, [profileId, refreshKey])

  const openRun = useCallback(
    async (runId: string): Promise<{ result: DoctorResult } | { error: AppError }> => {
      if (!profileId) return { error: { code: 'no-customer', message: 'Choose a customer first.', fix: '' } }
      const r = await call('getDoctorHistoryRun', { profileRef: profileId, runId })
      return r.ok ? { result: r.value.result } : { error: r.error }
    },
    [profileId]
  )

  return { runs, error, loading, openRun }
}
