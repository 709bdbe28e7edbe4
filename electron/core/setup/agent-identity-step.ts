import { checkAgentName } from '../../../shared/avatar/agent-name'
import type { AvatarProblem } from '../../../shared/avatar/problems'
import { AppFailure } from '../errors'
import { checkAvatar } from '../avatar/check-avatar'
import type { SetupHook, SetupHookResult } from './hooks'

type PartStatus = 'passed' | 'skipped' | 'warn' | 'failed'
const RANK: Record<PartStatus, number> = { passed: 0, skipped: 1, warn: 2, failed: 3 }

const sentence = (problems: readonly AvatarProblem[]): string =>
  problems.map((p) => `${p.message.replace(/\.+$/, '')} (${p.fix.replace(/\.+$/, '')})`).join('; ')

/**
 * Step 9: what customers see above every AI reply — a name and an avatar that loads for them. The
 * avatar goes through the same checker as the Agent & avatar screen, fetched anonymously as the
 * public would. Reads the profile and the image host only: it is not a Zendesk write.
 */
export const agentIdentityStep: SetupHook = {
  async run({ profile, signal }): Promise<SetupHookResult> {
    const nameProblems = checkAgentName(profile.agentName)
    const empty = nameProblems.some((p) => p.code === 'agent-name-empty' || p.code === 'agent-name-whitespace')
    const name: { status: PartStatus; message: string } = nameProblems.length === 0
      ? { status: 'passed', message: `Chat shows "${profile.agentName.trim()}" above the AI replies.` }
      : empty
        ? { status: 'warn', message: 'The agent name is empty, so chat shows no name above the AI replies: set the agent name on the profile.' }
        : { status: 'warn', message: `The agent name needs attention: ${sentence(nameProblems)}.` }

    const url = profile.avatarUrl.trim()
    let avatar: { status: PartStatus; message: string; verdict?: string; problems?: AvatarProblem[]; checkedUrl?: string }
    if (!url) {
      avatar = { status: 'skipped', message: 'No avatar URL is set, so the avatar check was skipped (chat shows a default picture); add a public image URL to the profile.' }
    } else {
      const r = await checkAvatar(url, { allowPrivate: profile.allowPrivate, signal })
      const base = { verdict: r.verdict, problems: r.problems, checkedUrl: r.checkedUrl }
      if (r.verdict === 'ok' && r.problems.length === 0) {
        avatar = { ...base, status: 'passed', message: `The avatar is a public ${r.image?.format ?? 'image'}${r.image ? ` (${r.image.width}×${r.image.height})` : ''}.` }
      } else if (r.verdict === 'ok' || r.verdict === 'needs-attention') {
        avatar = { ...base, status: 'warn', message: `The avatar loads but needs attention: ${sentence(r.problems)}.` }
      } else {
        avatar = { ...base, status: 'failed', message: `The avatar is ${r.verdict.replace(/-/g, ' ')}: ${sentence(r.problems) || 'the checker found no usable image'}.` }
      }
    }

    const data = {
      agentName: profile.agentName,
      name: { status: name.status, problems: nameProblems.map((p) => p.code) },
      avatar: { status: avatar.status, verdict: avatar.verdict ?? null, checkedUrl: avatar.checkedUrl ?? null, problems: (avatar.problems ?? []).map((p) => p.code) }
    }
    const message = `${name.message} ${avatar.message}`
    if (avatar.status === 'failed') {
      throw new AppFailure({
        code: `avatar-${avatar.verdict}`,
        message,
        fix: avatar.problems?.[0]?.fix ?? 'Use a public, direct link to a jpg or png image, at least 128 px square.',
        details: data
      })
    }
    const status = RANK[name.status] >= RANK[avatar.status] ? name.status : avatar.status
    return { status, message, data }
  }
}
