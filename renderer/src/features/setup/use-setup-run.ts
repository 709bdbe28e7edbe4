import { useCallback, useEffect, useMemo, useState } from 'react'
import type { SetupResult, SetupStep } from '../../../../shared/contract/setup'
import type { AppError } from '../../../../shared/result'
import { SETUP_STEPS } from '../../../../shared/setup/steps'
import { useTaskRun } from '../../app/use-task-run'
import { call } from '../../lib/api'

/** The whole road before the core has answered, from the one declaration of the steps. */
const initialSteps = (): SetupStep[] => SETUP_STEPS.map((d) => ({ id: d.id, title: d.title, status: 'pending', message: '', durationMs: 0 }))

/** The stepper as progress has moved it: each step's latest state over the initial road. */
const foldSteps = (progress: readonly SetupStep[]): SetupStep[] => {
  const latest = new Map(progress.map((s) => [s.id, s]))
  return initialSteps().map((s) => latest.get(s.id) ?? s)
}

/** What a run does: read and plan, apply what was confirmed, or rotate the webhook secret. */
export type SetupMode = 'plan' | 'apply' | 'rotate'

/** What the admin confirmed besides the changes: deleting duplicates, recreating the webhook (each its own). */
export interface SetupConfirmations {
  deleteDuplicates?: boolean
  recreateWebhook?: boolean
}

/**
 * One setup run at a time: plan (writes nothing to Zendesk; with nothing to change it goes on to
 * prove delivery), apply, or rotate, with the stepper live from the run's progress and cancel.
 */
export const useSetupRun = (profileId: string | null) => {
  const { start: startTask, reset, cancel, progress, running } = useTaskRun('setup')
  const [result, setResult] = useState<SetupResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [mode, setMode] = useState<SetupMode | null>(null)

  useEffect(() => {
    reset()
    setResult(null)
    setError(null)
  }, [profileId, reset])

  const start = useCallback(
    async (next: SetupMode, confirmed: SetupConfirmations = {}): Promise<void> => {
      if (!profileId) return
      setMode(next)
      setResult(null)
      setError(null)
      const r = await startTask((taskId) =>
        next === 'plan'
          ? call('planSetup', { profileRef: profileId, taskId })
          : next === 'rotate'
            ? call('rotateWebhookSecret', { profileRef: profileId, taskId, confirmRotate: true })
            : call('applySetup', { profileRef: profileId, taskId, confirmApply: true, deleteDuplicates: confirmed.deleteDuplicates ?? false, recreateWebhook: confirmed.recreateWebhook ?? false })
      )
      if (!r) return
      if (r.ok) setResult(r.value)
      else setError(r.error)
    },
    [profileId, startTask]
  )

  const steps = useMemo(() => result?.steps ?? foldSteps(progress), [result, progress])
  return { steps, result, error, running: running ? mode : null, start, cancel }
}
