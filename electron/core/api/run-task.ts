import type { ProgressPayload, TaskKind, TaskProgress } from '../../../shared/contract/push'
import { toAppError } from '../errors'
import type { HandlerContext } from './context'

/** What the work of a task gets: the cancel signal and a typed way to report progress. */
export interface TaskRun<K extends TaskKind> {
  signal: AbortSignal
  /** Pushes one progress payload of this task's kind to the renderer. */
  progress(payload: ProgressPayload<K>): void
}

/**
 * Runs one long task as every handler does: registers it under the renderer's task id (so
 * `cancelTask` aborts its signal), gives `fn` a typed `progress`, ends it however `fn` ends, and
 * logs how it went (the kind and its outcome, never a payload).
 */
export const runTask = async <K extends TaskKind, T>(
  ctx: HandlerContext,
  task: { id: string; kind: K },
  fn: (run: TaskRun<K>) => Promise<T>
): Promise<T> => {
  const handle = ctx.tasks.start(task.id)
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  // TypeScript cannot see that {kind: K, payload: ProgressPayload<K>} is a member of the union for
  // a generic K; every caller's payload is checked against its kind at the call site.
  const progress = (payload: ProgressPayload<K>): void => ctx.emit('taskProgress', { taskId: task.id, kind: task.kind, payload } as TaskProgress)
  try {
    const value = await fn({ signal: handle.signal, progress })
    ctx.services.logger.info('task finished', { kind: task.kind, taskId: task.id, cancelled: handle.signal.aborted, durationMs: elapsed() })
    return value
  } catch (e) {
    const err = toAppError(e, ctx.services.secrets.redact)
    ctx.services.logger.warn('task failed', { kind: task.kind, taskId: task.id, code: err.code, durationMs: elapsed() })
    throw e
  } finally {
    handle.end()
  }
}
