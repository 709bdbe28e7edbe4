import { useCallback, useEffect, useRef, useState } from 'react'
import { payloadOf, type ProgressPayload, type TaskKind } from '../../../shared/contract/push'
import type { Result } from '../../../shared/result'
import { call, newTaskId, onTaskProgress } from '../lib/api'

/** How many progress payloads a run keeps (a long round trip ticks once a second). */
const KEEP = 200

export interface TaskRun<K extends TaskKind> {
  /** The id of the run in flight, or null. */
  taskId: string | null
  running: boolean
  /** This kind's payloads of the current (or last) run, in the order they came. */
  progress: ProgressPayload<K>[]
  /**
   * Starts a run: `send` makes the call with a fresh task id. Resolves with the call's answer, or
   * null when a newer run (or a reset) replaced this one meanwhile.
   */
  start<T>(send: (taskId: string) => Promise<Result<T>>): Promise<Result<T> | null>
  /** Asks main to cancel the run in flight. */
  cancel(): Promise<void>
  /** Forgets the current run's progress (another customer was chosen). */
  reset(): void
}

/**
 * One kind of long task from the screen's side, the same for setup, diagnose, bursts and the
 * round trip: subscribes to progress before starting, starts with a fresh task id, collects this
 * run's typed payloads, and cancels through `cancelTask`. No payload is cast: the push event is
 * narrowed by its kind.
 */
export const useTaskRun = <K extends TaskKind>(kind: K): TaskRun<K> => {
  const [taskId, setTaskId] = useState<string | null>(null)
  const [progress, setProgress] = useState<ProgressPayload<K>[]>([])
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      onTaskProgress((p) => {
        const payload = p.taskId === current.current ? payloadOf(p, kind) : null
        if (payload) setProgress((prev) => [...prev.slice(1 - KEEP), payload])
      }),
    [kind]
  )

  const start = useCallback(async <T>(send: (taskId: string) => Promise<Result<T>>): Promise<Result<T> | null> => {
    const id = newTaskId()
    current.current = id
    setTaskId(id)
    setProgress([])
    const r = await send(id)
    if (current.current !== id) return null
    current.current = null
    setTaskId(null)
    return r
  }, [])

  const cancel = useCallback(async (): Promise<void> => {
    if (current.current) await call('cancelTask', { taskId: current.current })
  }, [])

  const reset = useCallback((): void => {
    current.current = null
    setTaskId(null)
    setProgress([])
  }, [])

  return { taskId, running: taskId !== null, progress, start, cancel, reset }
}
