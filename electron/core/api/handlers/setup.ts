import type { SetupResult } from '../../../../shared/contract/setup'
import { runSetup, type RunSetupOptions } from '../../setup/run-setup'
import { resyncWebhookSecret } from '../../setup/webhook-secret'
import type { HandlerContext, HandlerGroup } from '../context'
import { runTask } from '../run-task'

/** Runs one setup as a cancellable task, pushing every step change to the renderer. */
const setupTask = (ctx: HandlerContext, taskId: string, options: Omit<RunSetupOptions, 'signal' | 'onStep'>): Promise<SetupResult> =>
  runTask(ctx, { id: taskId, kind: 'setup' }, async ({ signal, progress }) => {
    const result = await runSetup(ctx.services, { ...options, signal, onStep: progress })
    ctx.services.logger.info('setup run', { mode: options.mode, rotate: options.rotate ?? false, ok: result.ok, configured: result.configured, writes: result.writes, appId: result.target.appId })
    return result
  })

/**
 * The guided setup's calls: plan writes nothing to Zendesk; apply writes only with its
 * confirmation, and deletes duplicates or recreates the webhook only with their own. Rotating the
 * secret is a setup that recreates the webhook; re-syncing only reads Zendesk and stores its secret.
 */
export const setupHandlers: HandlerGroup<'planSetup' | 'applySetup' | 'rotateWebhookSecret' | 'resyncWebhookSecret'> = {
  planSetup: ({ profileRef, taskId }, ctx) => setupTask(ctx, taskId, { profileRef, mode: 'plan', confirm: { apply: false, deleteDuplicates: false } }),
  applySetup: ({ profileRef, taskId, confirmApply, deleteDuplicates, recreateWebhook }, ctx) =>
    setupTask(ctx, taskId, { profileRef, mode: 'apply', confirm: { apply: confirmApply, deleteDuplicates, recreateWebhook } }),
  rotateWebhookSecret: ({ profileRef, taskId, confirmRotate }, ctx) =>
    setupTask(ctx, taskId, { profileRef, mode: 'apply', rotate: true, confirm: { apply: confirmRotate, deleteDuplicates: false, recreateWebhook: confirmRotate } }),
  resyncWebhookSecret: ({ profileRef }, { services }) => resyncWebhookSecret(services, profileRef)
}
