import { useCallback, useEffect, useRef, useState } from 'react'
import type { StepStatus } from '../../../../shared/contract/events'
import type { SetupResultView, SetupStepView } from '../../../../shared/contract/setup'
import type { AppError } from '../../../../shared/result'
import { call, newTaskId, onTaskProgress } from '../../lib/api'

/** The step titles before the core has answered, so the stepper shows the whole road at once. */
export const INITIAL_STEPS: SetupStepView[] = [
  ['credentials', 'Credentials in the keychain'],
  ['connect', 'Zendesk reachable and credentials work'],
  ['inspect', 'Find what exists'],
  ['plan', 'Plan the changes'],
  ['apply', 'Apply the changes'],
  ['keep', 'Keep the webhook ID and secret'],
  ['verify', 'Verify by reading back'],
  ['test-events', 'Send test events'],
  ['agent-identity', 'Agent identity'],
  ['channel-bot', 'Channel bot']
].map(([id, title]) => ({ id, title, status: 'pending' as StepStatus, message: '', durationMs: 0 }))

type ProgressData = { title?: string; error?: AppError; manual?: SetupStepView['manual']; detail?: unknown }

/**
 * One setup run at a time: starts plan or apply with a fresh task id, folds the task's progress
 * events into the stepper as they arrive, and cancels through `cancelTask`.
 */
export const useSetupRun = (profileId: string | null) => {
  const [steps, setSteps] = useState<SetupStepView[]>(INITIAL_STEPS)
  const [result, setResult] = useState<SetupResultView | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [running, setRunning] = useState<'plan' | 'apply' | null>(null)
  const taskRef = useRef<string | null>(null)

  useEffect(
    () =>
      onTaskProgress((p) => {
        if (p.taskId !== taskRef.current || p.source !== 'setup') return
        const d = (p.data ?? {}) as ProgressData
        setSteps((prev) =>
          prev.map((s) =>
            s.id === p.stepId
              ? { ...s, status: p.status, message: p.message, durationMs: p.durationMs ?? 0, error: d.error, manual: d.manual, data: d.detail }
              : s
          )
        )
      }),
    []
  )

  useEffect(() => {
    setSteps(INITIAL_STEPS)
    setResult(null)
    setError(null)
  }, [profileId])

  const start = useCallback(
    async (mode: 'plan' | 'apply', deleteDuplicates = false) => {
      if (!profileId) return
      const taskId = newTaskId()
      taskRef.current = taskId
      setRunning(mode)
      setError(null)
      setSteps(INITIAL_STEPS)
      const r =
        mode === 'plan'
          ? await call('planSetup', { profileRef: profileId, taskId })
          : await call('applySetup', { profileRef: profileId, taskId, confirmApply: true, deleteDuplicates })
      if (taskRef.current !== taskId) return
      taskRef.current = null
      setRunning(null)
      if (r.ok) {
        setResult(r.value)
        setSteps(r.value.steps)
      } else setError(r.error)
    },
    [profileId]
  )

  const cancel = useCallback(async () => {
    if (taskRef.current) await call('cancelTask', { taskId: taskRef.current })
  }, [])

  return { steps, result, error, running, start, cancel }
}
