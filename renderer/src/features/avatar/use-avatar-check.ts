import { useCallback, useEffect, useState } from 'react'
import type { z } from 'zod'
import type { AvatarCheckResult, AvatarRewriteSchema } from '../../../../shared/contract/avatar'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call, newTaskId, onTaskProgress } from '../../lib/api'

/**
 * Links that are not an image whatever the network says (a folder, a document, no file id): the
 * offline rewrite already knows, so the page says so at once and fetches nothing.
 */
const NOT_AN_IMAGE_LINK = new Set(['drive-folder', 'drive-no-file-id', 'dropbox-folder', 'google-doc', 'invalid-url', 'unsupported-scheme'])

/** What the last check found, and for exactly which URL. */
export type CheckOutcome =
  | { kind: 'checked'; url: string; result: AvatarCheckResult }
  | { kind: 'not-an-image-link'; url: string; rewrite: z.infer<typeof AvatarRewriteSchema> }

/**
 * True when `outcome` answers for `url`: the URL it checked, or the direct link it checked in its
 * place (after "Use this URL" the field holds that one).
 */
export const outcomeIsFor = (outcome: CheckOutcome, url: string): boolean =>
  outcome.url === url || (outcome.kind === 'checked' && outcome.result.checkedUrl === url)

/**
 * One avatar check at a time: rewrite the link offline, fetch and judge it in main, the hops as
 * they come, cancel. The outcome remembers the URL it was for, so the page can tell a result for
 * the URL in the field from one for an earlier link.
 */
export const useAvatarCheck = (profile: ProfileView | null) => {
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null)
  const [checking, setChecking] = useState<string | null>(null)
  const [hops, setHops] = useState<string[]>([])
  const [error, setError] = useState<AppError | null>(null)

  useEffect(() => {
    if (!checking) return
    return onTaskProgress((e) => {
      if (e.taskId === checking && e.kind === 'avatar') setHops((h) => [...h, `${e.payload.status ?? '…'} ${e.payload.url}${e.payload.location ? ` → ${e.payload.location}` : ''}`])
    })
  }, [checking])

  const check = useCallback(
    async (raw: string): Promise<void> => {
      if (!profile) return
      const url = raw.trim()
      const taskId = newTaskId()
      setHops([])
      setError(null)
      setOutcome(null)
      const rewrite = await call('rewriteAvatarUrl', { url })
      if (rewrite.ok && rewrite.value.problems.some((p) => NOT_AN_IMAGE_LINK.has(p.code))) {
        setOutcome({ kind: 'not-an-image-link', url, rewrite: rewrite.value })
        return
      }
      setChecking(taskId)
      const r = await call('checkAvatar', { url, allowPrivate: profile.allowPrivate, profileId: profile.id, taskId })
      setChecking(null)
      if (r.ok) setOutcome({ kind: 'checked', url, result: r.value })
      else setError(r.error)
    },
    [profile]
  )

  const cancel = useCallback(() => {
    if (checking) void call('cancelTask', { taskId: checking })
  }, [checking])

  const clear = useCallback(() => {
    setOutcome(null)
    setError(null)
  }, [])

  return { outcome, checking: checking !== null, hops, error, setError, check, cancel, clear }
}
