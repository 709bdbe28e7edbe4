import type { FinalStatus } from '../task/status'

/**
 * The chain diagnose walks, in the order a message travels (keychain → Zendesk → integration, its
 * webhook and secret, who gets the messages → gateway → agent identity → channel bot). Declared once here, pure, so the core's scheduler, the
 * CLI, the report and the Diagnose screen all show the same links in the same order with the same
 * titles, and agree on which link waits for which.
 */

export const CHECK_IDS = [
  'keychain',
  'credentials-present',
  'zendesk-reachable',
  'credentials-valid',
  'integration-present',
  'webhook-settings',
  'webhook-secret',
  'no-duplicates',
  'standby-events',
  'gateway-head',
  'test-events',
  'agent-name',
  'avatar',
  'channel-bot'
] as const

/** One link of the chain. */
export type CheckId = (typeof CHECK_IDS)[number]

/** What the scheduler needs to know about a link. */
export interface CheckDefinition {
  id: CheckId
  title: string
  /** Links that must have passed (or warned) first; when one did not, this one is skipped. */
  needs: readonly CheckId[]
  /** False for what works on a plane: the keychain, stored credentials, the agent name. */
  needsNetwork: boolean
  /** The words after "skipped: needs …" when a prerequisite did not pass. */
  needsLabel?: string
}

/** The chain, in order. */
export const CHAIN: readonly CheckDefinition[] = [
  { id: 'keychain', title: 'Keychain', needs: [], needsNetwork: false },
  { id: 'credentials-present', title: 'Credentials stored', needs: ['keychain'], needsNetwork: false, needsLabel: 'a working keychain' },
  { id: 'zendesk-reachable', title: 'Zendesk reachable', needs: [], needsNetwork: true },
  { id: 'credentials-valid', title: 'Credentials valid', needs: ['credentials-present', 'zendesk-reachable'], needsNetwork: true, needsLabel: 'stored credentials and a reachable Zendesk' },
  { id: 'integration-present', title: 'Integration present', needs: ['credentials-valid'], needsNetwork: true, needsLabel: 'valid credentials' },
  { id: 'webhook-settings', title: 'Webhook settings', needs: ['integration-present'], needsNetwork: true, needsLabel: 'the integration' },
  { id: 'webhook-secret', title: 'Webhook secret matches Zendesk', needs: ['credentials-present', 'integration-present'], needsNetwork: true, needsLabel: 'the stored webhook secret and the integration' },
  { id: 'no-duplicates', title: 'No duplicate integrations', needs: ['credentials-valid'], needsNetwork: true, needsLabel: 'valid credentials' },
  { id: 'standby-events', title: 'Aissist gets the messages', needs: ['integration-present'], needsNetwork: true, needsLabel: 'the integration' },
  { id: 'gateway-head', title: 'Gateway answers', needs: [], needsNetwork: true },
  { id: 'test-events', title: 'Test events accepted', needs: ['credentials-present', 'gateway-head'], needsNetwork: true, needsLabel: 'the webhook secret and a gateway that answers' },
  { id: 'agent-name', title: 'Agent name', needs: [], needsNetwork: false },
  { id: 'avatar', title: 'Avatar', needs: [], needsNetwork: false },
  { id: 'channel-bot', title: 'Channel bot', needs: ['credentials-valid'], needsNetwork: true, needsLabel: 'valid credentials' }
]

const BY_ID = new Map(CHAIN.map((c) => [c.id, c]))

/** A link's definition (every id in {@link CHECK_IDS} has one). */
export const checkDefinition = (id: CheckId): CheckDefinition => {
  const d = BY_ID.get(id)
  if (!d) throw new Error(`Unknown check ${id}`)
  return d
}

/** True for an id of the chain (input from the renderer or a saved report). */
export const isCheckId = (id: string): id is CheckId => BY_ID.has(id as CheckId)

/** "skipped: needs valid credentials", the message of a link whose prerequisite did not pass. */
export const skippedForPrerequisite = (id: CheckId): string => `skipped: needs ${checkDefinition(id).needsLabel ?? 'an earlier check'}`

/** The message of a network link on an offline machine: not a failure, just not tried. */
export const SKIPPED_OFFLINE = 'skipped because this machine is offline'

/** Cancelled runs leave the links not yet finished skipped with this message. */
export const SKIPPED_CANCELLED = 'skipped: the run was cancelled'

/**
 * Whether a link can start, given the statuses so far: `run` when every prerequisite passed or
 * warned, `skip` as soon as one failed or was skipped, `wait` otherwise.
 */
export const readiness = (id: CheckId, done: ReadonlyMap<CheckId, FinalStatus>): 'run' | 'skip' | 'wait' => {
  for (const need of checkDefinition(id).needs) {
    const s = done.get(need)
    if (s === undefined) return 'wait'
    if (s === 'fail' || s === 'skipped') return 'skip'
  }
  return 'run'
}
