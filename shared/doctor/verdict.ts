import type { FinalStatus } from '../task/status'
import { CHAIN, type CheckId } from './chain'

/** A finished link as the verdict needs it. */
export interface CheckOutcome {
  id: CheckId
  status: FinalStatus
  message: string
}

/** The run as a whole: `fail` if any link failed, `warn` if any warned, `pass` otherwise. */
export type OverallVerdict = 'pass' | 'warn' | 'fail'

/** The worst status of the run (skipped links do not count: their cause is counted). */
export const overallVerdict = (checks: readonly { status: FinalStatus }[]): OverallVerdict =>
  checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'pass'

/** The CLI's exit code: 0 when all pass, 1 when only warnings, 2 when something failed. */
export const exitCodeFor = (v: OverallVerdict): 0 | 1 | 2 => (v === 'pass' ? 0 : v === 'warn' ? 1 : 2)

/** What the top of the screen and the report say about the first broken link. */
const LEADS: Record<CheckId, string> = {
  keychain: 'The OS keychain cannot be used',
  'credentials-present': 'A secret is missing from the keychain',
  'zendesk-reachable': 'Zendesk cannot be reached',
  'credentials-valid': 'Zendesk refuses the API key',
  'integration-present': 'The Aissist integration is missing in Zendesk',
  'webhook-settings': 'The Aissist webhook is set up wrongly',
  'webhook-secret': "The stored webhook secret differs from Zendesk's",
  'no-duplicates': 'There is more than one Aissist integration',
  'standby-events': 'Aissist does not get the messages',
  'gateway-head': 'The Aissist gateway does not answer',
  'test-events': 'The gateway does not accept test events',
  'agent-name': 'The agent name is not usable',
  avatar: 'The avatar cannot be shown',
  'channel-bot': 'The channel bot setting needs attention'
}

/** The lead for a link, with a sharper one when the gateway refused the secret. */
export const leadFor = (id: CheckId, code?: string): string =>
  id === 'test-events' && code === 'gateway-unauthorized' ? 'The gateway rejects the webhook secret' : LEADS[id]

/**
 * The first failing link in chain order, named in one sentence ("The gateway rejects the webhook
 * secret: …"), or null when nothing failed. Chain order, not finishing order: the support engineer
 * fixes links in the order a message travels.
 */
export const firstFailure = (
  checks: readonly (CheckOutcome & { code?: string })[]
): { checkId: CheckId; sentence: string } | null => {
  for (const def of CHAIN) {
    const c = checks.find((x) => x.id === def.id)
    if (c?.status === 'fail') {
      const detail = c.message.trim().replace(/\.+$/, '')
      return { checkId: c.id, sentence: `${leadFor(c.id, c.code)}: ${detail}.` }
    }
  }
  return null
}

/** One line summing up a run, for the screen's header and the CLI's last line. */
export const summaryLine = (checks: readonly CheckOutcome[]): string => {
  const n = (s: FinalStatus): number => checks.filter((c) => c.status === s).length
  const parts = [`${n('pass')} passed`, `${n('warn')} warning${n('warn') === 1 ? '' : 's'}`, `${n('fail')} failed`, `${n('skipped')} skipped`]
  return parts.join(', ')
}
