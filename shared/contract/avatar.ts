import { z } from 'zod'
import { TaskId } from './task'
import { defineCall } from './define'

/**
 * The avatar checker's calls. The result carries everything the screen shows — the rewrite and
 * why, each redirect hop, the verdict, problems with fixes, the image facts, the centre crop and a
 * preview made in main — so the renderer never loads the remote URL itself.
 */

export const AvatarProblemSchema = z.object({ code: z.string(), message: z.string(), fix: z.string() })

export const AvatarVerdictSchema = z.enum(['ok', 'needs-attention', 'not-public', 'not-an-image', 'unreachable'])

export const AlternativeUrlSchema = z.object({ url: z.string(), reason: z.string() })

export const AvatarRewriteSchema = z.object({
  from: z.string(),
  to: z.string(),
  host: z.enum(['google-drive', 'google-docs', 'dropbox', 'github', 'onedrive', 'imgur', 'box', 'gravatar', 'other']),
  changed: z.boolean(),
  reason: z.string(),
  problems: z.array(AvatarProblemSchema),
  alternatives: z.array(AlternativeUrlSchema)
})

export const FetchHopSchema = z.object({
  url: z.string(),
  status: z.number().int().nullable(),
  location: z.string().nullable(),
  address: z.string().nullable()
})

export const AvatarCheckResultSchema = z.object({
  verdict: AvatarVerdictSchema,
  inputUrl: z.string(),
  /** The URL actually fetched (the rewrite's `to`). */
  checkedUrl: z.string(),
  rewrite: AvatarRewriteSchema,
  /** Every request made, in order; all but the last have a `location`. */
  redirects: z.array(FetchHopSchema),
  status: z.number().int().nullable(),
  contentType: z.string().nullable(),
  bytes: z.number().int().nullable(),
  image: z.object({ format: z.string(), width: z.number().int(), height: z.number().int(), animated: z.boolean() }).nullable(),
  problems: z.array(AvatarProblemSchema),
  finalUrl: z.string().nullable(),
  /** The address the last hop connected to. */
  address: z.string().nullable(),
  timeMs: z.number(),
  /** The centred square chat shows, in source pixels; null for a square image. */
  crop: z.object({ left: z.number().int(), top: z.number().int(), width: z.number().int(), height: z.number().int() }).nullable(),
  /** Other direct forms to offer (Drive's lh3 and thumbnail links). */
  alternatives: z.array(AlternativeUrlSchema),
  /** A 96 × 96 PNG of the chat crop as `data:image/png;base64,…` (under 64 kB), or null. */
  preview: z.string().max(65_536).regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/).nullable()
})
export type AvatarCheckResult = z.infer<typeof AvatarCheckResultSchema>

const AvatarUrlInput = z.string().min(1, 'Paste the avatar URL.').max(4096)

export const avatarCalls = {
  checkAvatar: defineCall(
    z
      .object({
        url: AvatarUrlInput,
        /** Allow loopback/private hosts (the sandbox, intranet testing). */
        allowPrivate: z.boolean().optional(),
        /** The profile the avatar belongs to, for the log; nothing is saved. */
        profileId: z.string().max(128).optional(),
        /** Optional, to cancel a slow fetch with cancelTask. */
        taskId: TaskId.optional()
      })
      .strict(),
    AvatarCheckResultSchema.extend({ profileId: z.string().nullable() }),
    'Rewrite, fetch anonymously, decode and judge an avatar URL; returns the verdict, problems with fixes and a preview.'
  ),
  rewriteAvatarUrl: defineCall(
    z.object({ url: z.string().max(4096) }).strict(),
    AvatarRewriteSchema,
    'Rewrite a share-page link (Drive, Dropbox, GitHub, Imgur…) to its direct image link, offline.'
  )
} as const
