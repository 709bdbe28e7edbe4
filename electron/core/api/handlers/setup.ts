import type { SetupResultView } from '../../../../shared/contract/setup'
import { runSetup, type RunSetupOptions } from '../../setup/run-setup'
import type { HandlerContext, HandlerGroup } from '../context'

/** Runs one setup as a cancellable task, pushing every step change to the renderer. */
const runAsTask = async (ctx: HandlerContext, taskId: string, options: Omit<RunSetupOptions, 'signal' | 'onStep'>): Promise<SetupResultView> => {
  const task = ctx.tasks.start(taskId)
  try {
    const result = await runSetup(ctx.services, {
      ...options,
      signal: task.signal,
      onStep: (step) =>
        ctx.emit('taskProgress', {
          taskId,
          source: 'setup',
          stepId: step.id,
          status: step.status,
          message: step.message,
          durationMs: step.durationMs,
          data: { title: step.title, error: step.error, manual: step.manual, detail: step.data }
        })
    })
    ctx.services.logger.info('setup run', { mode: options.mode, ok: result.ok, writes: result.writes, appId: result.target.appId })
    return result
  } finally {
    task.end()
  }
}

/**
 * The guided setup's calls: plan reads only; apply writes only with its confirmation, and deletes
 * duplicates only with their own.
 */
export const setupHandlers: HandlerGroup<'planSetup' | 'applySetup'> = {
  planSetup: ({ profileRef, taskId }, ctx) =>
    runAsTask(ctx, taskId, { profileRef, mode: 'plan', confirm: { apply: false, deleteDuplicates: false } }),
  applySetup: ({ profileRef, taskId, confirmApply, deleteDuplicates }, ctx) =>
    runAsTask(ctx, taskId, { profileRef, mode: 'apply', confirm: { apply: confirmApply, deleteDuplicates } })
}
