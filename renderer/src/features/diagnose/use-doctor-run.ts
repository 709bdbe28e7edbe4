import { useCallback, useEffect, useRef, useState } from 'react'
import type { DoctorCheck, DoctorResult } from '../../../../shared/contract/doctor'
import { CHAIN, type CheckId } from '../../../../shared/doctor/chain'
import type { AppError } from '../../../../shared/result'
import { call, newTaskId, onTaskProgress } from '../../lib/api'

/** A link as the screen shows it: waiting, running, or finished with its check. */
export interface LinkView {
  id: CheckId
  title: string
  state: 'pending' | 'running' | DoctorCheck['status']
  message: string
  check: DoctorCheck | null
}

const initialLinks = (): LinkView[] => CHAIN.map((c) => ({ id: c.id, title: c.title, state: 'pending', message: '', check: null }))

const fromResult = (r: DoctorResult): LinkView[] => r.checks.map((c) => ({ id: c.id, title: c.title, state: c.status, message: c.message, check: c }))

const STATE_OF: Record<string, LinkView['state'] | undefined> = { running: 'running', passed: 'pass', warn: 'warn', failed: 'fail', skipped: 'skipped' }

/**
 * One diagnose run of the active profile: the chain updated live from progress events for this
 * run's task id, the final result, cancel, and the last run of the session when the page opens.
 */
export const useDoctorRun = (profileId: string | null) => {
  const [links, setLinks] = useState<LinkView[]>(initialLinks)
  const [result, setResult] = useState<DoctorResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [taskId, setTaskId] = useState<string | null>(null)
  const current = useRef<string | null>(null)

  useEffect(() => {
    setLinks(initialLinks())
    setResult(null)
    setError(null)
    if (!profileId) return
    let live = true
    void call('getLastDoctorResult', { profileRef: profileId }).then((r) => {
      if (live && r.ok && r.value.result && !current.current) {
        setResult(r.value.result)
        setLinks(fromResult(r.value.result))
      }
    })
    return () => {
      live = false
    }
  }, [profileId])

  useEffect(() => {
    if (!taskId) return
    return onTaskProgress((p) => {
      if (p.taskId !== taskId || p.source !== 'doctor') return
      const state = STATE_OF[p.status]
      if (!state) return
      setLinks((prev) =>
        prev.map((l) => (l.id === p.stepId ? { ...l, state, message: p.message, check: (p.data as DoctorCheck | undefined) ?? l.check } : l))
      )
    })
  }, [taskId])

  const run = useCallback(
    async (offline = false): Promise<void> => {
      if (!profileId) return
      const id = newTaskId()
      current.current = id
      setTaskId(id)
      setLinks(initialLinks())
      setResult(null)
      setError(null)
      const r = await call('runDoctor', { profileRef: profileId, taskId: id, ...(offline ? { offline: true } : {}) })
      if (current.current !== id) return
      current.current = null
      setTaskId(null)
      if (r.ok) {
        setResult(r.value)
        setLinks(fromResult(r.value))
      } else {
        setError(r.error)
        setLinks((prev) => prev.map((l) => (l.state === 'running' || l.state === 'pending' ? { ...l, state: 'pending' } : l)))
      }
    },
    [profileId]
  )

  const cancel = useCallback(async (): Promise<void> => {
    if (taskId) await call('cancelTask', { taskId })
  }, [taskId])

  return { links, result, error, running: taskId !== null, run, cancel }
}
