import type { TaskStatus } from '../task/status'
import { CHAIN, type CheckId } from './chain'

/**
 * The chain as a person pictures it — Zendesk → webhook → Aissist gateway → AI agent → chat — with
 * each link of the diagnose chain (`chain.ts`) placed on the hop it proves. Pure, so the Diagnose
 * screen's picture, its text alternative and any other reader agree on which hop is broken.
 */

export const HOP_IDS = ['zendesk', 'webhook', 'gateway', 'agent', 'chat'] as const
export type HopId = (typeof HOP_IDS)[number]

/** Each hop's name, as the picture labels it and the text alternative says it. */
export const HOP_TITLES: Record<HopId, string> = {
  zendesk: 'Zendesk',
  webhook: 'Webhook',
  gateway: 'Aissist gateway',
  agent: 'AI agent',
  chat: 'Chat'
}

/**
 * Which hop each check proves. A Record, so a new check without a hop does not compile. The
 * keychain and the stored credentials are how this app reaches Zendesk, so they sit on Zendesk.
 */
export const HOP_OF: Record<CheckId, HopId> = {
  keychain: 'zendesk',
  'credentials-present': 'zendesk',
  'zendesk-reachable': 'zendesk',
  'credentials-valid': 'zendesk',
  'integration-present': 'webhook',
  'webhook-settings': 'webhook',
  'no-duplicates': 'webhook',
  // The secret Zendesk signs with, and whether the switchboard delivers to Aissist at all: both
  // decide whether the webhook's calls reach the gateway as Aissist's.
  'webhook-secret': 'webhook',
  'standby-events': 'webhook',
  'gateway-head': 'gateway',
  'test-events': 'gateway',
  'agent-name': 'agent',
  avatar: 'agent',
  'channel-bot': 'chat'
}

/** A link as the hops read it: its id, title and where it stands. */
export interface LinkState {
  id: CheckId
  title: string
  status: TaskStatus
}

/** One hop of the picture: where it stands, and the links behind that. */
export interface Hop {
  id: HopId
  title: string
  status: TaskStatus
  links: LinkState[]
}

/**
 * A hop's status from its links: failed if any failed; running while any runs, waits or is still
 * pending beside finished ones; not started if none started; a warning if any warned; skipped if
 * any was skipped (the hop was not fully checked); passed otherwise.
 */
export const hopStatus = (statuses: readonly TaskStatus[]): TaskStatus => {
  if (statuses.length === 0) return 'pending'
  if (statuses.includes('fail')) return 'fail'
  if (statuses.includes('running') || statuses.includes('waiting')) return 'running'
  if (statuses.every((s) => s === 'pending')) return 'pending'
  if (statuses.includes('pending')) return 'running'
  if (statuses.includes('warn')) return 'warn'
  if (statuses.includes('skipped')) return 'skipped'
  return 'pass'
}

/** The hops, in order, from the links' states (links missing from `links` count as not started). */
export const chainHops = (links: readonly LinkState[]): Hop[] => {
  const byId = new Map(links.map((l) => [l.id, l]))
  return HOP_IDS.map((id) => {
    const mine = CHAIN.filter((c) => HOP_OF[c.id] === id).map((c) => byId.get(c.id) ?? { id: c.id, title: c.title, status: 'pending' as const })
    return { id, title: HOP_TITLES[id], status: hopStatus(mine.map((l) => l.status)), links: mine }
  })
}

/** The first broken hop in the order a message travels, or null. */
export const brokenHop = (hops: readonly Hop[]): Hop | null => hops.find((h) => h.status === 'fail') ?? null

const STATUS_WORDS: Record<TaskStatus, string> = {
  pending: 'not checked yet',
  running: 'being checked',
  waiting: 'being checked',
  pass: 'working',
  warn: 'working, with a warning',
  fail: 'broken',
  skipped: 'not fully checked'
}

/**
 * The picture in words, for its text alternative: the road, the broken hop and the link that
 * failed there, then every hop's state.
 */
export const describeHops = (hops: readonly Hop[]): string => {
  const road = hops.map((h) => h.title).join(' → ')
  const broken = brokenHop(hops)
  const failed = broken?.links.filter((l) => l.status === 'fail').map((l) => l.title) ?? []
  const head = broken ? `Broken at ${broken.title}: ${failed.join(' and ')} failed.` : hops.every((h) => h.status === 'pending') ? 'Not checked yet.' : hops.every((h) => h.status === 'pass') ? 'Every hop works.' : ''
  const states = hops.map((h) => `${h.title} ${STATUS_WORDS[h.status]}`).join(', ')
  return `${road}. ${head ? `${head} ` : ''}${states}.`
}
