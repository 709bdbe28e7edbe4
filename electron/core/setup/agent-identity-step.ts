import { checkAgentName } from '../../../shared/avatar/agent-name'
import type { AvatarProblem } from '../../../shared/avatar/problems'
import type { AgentIdentityDetail } from '../../../shared/contract/setup'
import type { Profile } from '../../../shared/schemas/profile'
import type { FinalStatus } from '../../../shared/task/status'
import { AppFailure } from '../errors'
import { checkAvatar } from '../avatar/check-avatar'
import { connected, type SetupStepImpl } from './state'

const RANK: Record<FinalStatus, number> = { pass: 0, skipped: 1, warn: 2, fail: 3 }

interface Part {
  status: FinalStatus
  message: string
}

interface AvatarPart extends Part {
  verdict?: string
  problems?: AvatarProblem[]
  checkedUrl?: string
}

const sentence = (problems: readonly AvatarProblem[]): string =>
  problems.map((p) => `${p.message.replace(/\.+$/, '')} (${p.fix.replace(/\.+$/, '')})`).join('; ')

const namePart = (agentName: string, problems: readonly AvatarProblem[]): Part => {
  if (problems.length === 0) return { status: 'pass', message: `Chat shows "${agentName.trim()}" above the AI replies.` }
  const empty = problems.some((p) => p.code === 'agent-name-empty' || p.code === 'agent-name-whitespace')
  return empty
    ? { status: 'warn', message: 'The agent name is empty, so chat shows no name above the AI replies: set the agent name on the Customers screen.' }
    : { status: 'warn', message: `The agent name needs attention: ${sentence(problems)}.` }
}

/** The avatar through the same checker as the Agent & avatar screen, fetched anonymously as the public would. */
const avatarPart = async (profile: Profile, signal?: AbortSignal): Promise<AvatarPart> => {
  const url = profile.avatarUrl.trim()
  if (!url) {
    return { status: 'skipped', message: 'No avatar URL is set, so the avatar check was skipped (chat shows a default picture); add a public image URL on the Customers screen.' }
  }
  const r = await checkAvatar(url, { allowPrivate: profile.allowPrivate, signal })
  const base = { verdict: r.verdict, problems: r.problems, checkedUrl: r.checkedUrl }
  if (r.verdict === 'ok' && r.problems.length === 0) {
    return { ...base, status: 'pass', message: `The avatar is a public ${r.image?.format ?? 'image'}${r.image ? ` (${r.image.width}×${r.image.height})` : ''}.` }
  }
  if (r.verdict === 'ok' || r.verdict === 'needs-attention') {
    return { ...base, status: 'warn', message: `The avatar loads but needs attention: ${sentence(r.problems)}.` }
  }
  return { ...base, status: 'fail', message: `The avatar is ${r.verdict.replace(/-/g, ' ')}: ${sentence(r.problems) || 'the checker found no usable image'}.` }
}

/**
 * Step 9: what customers see above every AI reply — a name and an avatar that loads for them.
 * Reads the customer's record and the image host only: it is not a Zendesk write.
 */
export const agentIdentityStep: SetupStepImpl = {
  async run(s) {
    const { profile } = connected(s)
    const nameProblems = checkAgentName(profile.agentName)
    const name = namePart(profile.agentName, nameProblems)
    const avatar = await avatarPart(profile, s.signal)
    const data: AgentIdentityDetail = {
      agentName: profile.agentName,
      name: { status: name.status, problems: nameProblems.map((p) => p.code) },
      avatar: { status: avatar.status, verdict: avatar.verdict ?? null, checkedUrl: avatar.checkedUrl ?? null, problems: (avatar.problems ?? []).map((p) => p.code) }
    }
    const message = `${name.message} ${avatar.message}`
    if (avatar.status === 'fail') {
      throw new AppFailure({
        code: `avatar-${avatar.verdict}`,
        message,
        fix: avatar.problems?.[0]?.fix ?? 'Use a public, direct link to a jpg or png image, at least 128 px square.',
        details: data
      })
    }
    const worst = RANK[name.status] >= RANK[avatar.status] ? name.status : avatar.status
    return { status: worst === 'fail' ? 'warn' : worst, message, data }
  }
}
