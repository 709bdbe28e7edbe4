import { rewriteAvatarUrl } from '../../../../shared/avatar/rewrite'
import { checkAvatar } from '../../avatar/check-avatar'
import type { HandlerGroup } from '../context'

/**
 * The avatar calls: the full check (network, sharp) and the offline rewrite. Applying a rewritten
 * URL is the vault's `updateProfile`, so the profile has one writer.
 */
export const avatarHandlers: HandlerGroup<'checkAvatar' | 'rewriteAvatarUrl'> = {
  checkAvatar: async ({ url, allowPrivate, profileId, taskId }, ctx) => {
    const task = taskId ? ctx.tasks.start(taskId) : null
    try {
      const result = await checkAvatar(url, {
        allowPrivate,
        signal: task?.signal,
        onHop: (hop) => {
          if (taskId) {
            ctx.emit('taskProgress', {
              taskId,
              source: 'avatar',
              stepId: 'fetch',
              status: 'running',
              message: `${hop.status ?? '…'} ${hop.url}${hop.location ? ` → ${hop.location}` : ''}`,
              data: hop
            })
          }
        }
      })
      ctx.services.logger.info('avatar checked', { profileId: profileId ?? null, verdict: result.verdict, codes: result.problems.map((p) => p.code) })
      return { ...result, profileId: profileId ?? null }
    } finally {
      task?.end()
    }
  },
  rewriteAvatarUrl: async ({ url }) => rewriteAvatarUrl(url)
}
