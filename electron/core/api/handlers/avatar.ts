import { rewriteAvatarUrl } from '../../../../shared/avatar/rewrite'
import { checkAvatar } from '../../avatar/check-avatar'
import type { FetchHop } from '../../../../shared/avatar/assess'
import type { HandlerGroup } from '../context'
import { runTask } from '../run-task'

/**
 * The avatar calls: the full check (network, sharp) and the offline rewrite. Applying a rewritten
 * URL is the vault's `updateProfile`, so the profile has one writer.
 */
export const avatarHandlers: HandlerGroup<'checkAvatar' | 'rewriteAvatarUrl'> = {
  checkAvatar: async ({ url, allowPrivate, profileId, taskId }, ctx) => {
    const check = async (signal?: AbortSignal, onHop?: (hop: FetchHop) => void) => {
      const result = await checkAvatar(url, { allowPrivate, signal, onHop })
      ctx.services.logger.info('avatar checked', { profileId: profileId ?? null, verdict: result.verdict, codes: result.problems.map((p) => p.code) })
      return { ...result, profileId: profileId ?? null }
    }
    // A task id is optional here: only a check the screen may cancel (and show hops of) is a task.
    return taskId ? runTask(ctx, { id: taskId, kind: 'avatar' }, ({ signal, progress }) => check(signal, progress)) : check()
  },
  rewriteAvatarUrl: async ({ url }) => rewriteAvatarUrl(url)
}
