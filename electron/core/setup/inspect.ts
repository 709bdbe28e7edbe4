import { compareWebhook } from '../../../shared/setup/diff'
import { INTEGRATION_NAME, sameTarget, ADMIN_CENTER_AI_AGENTS } from '../../../shared/setup/guide'
import type { AccountInspection, AissistSwitchboardMember, ChannelBot, ChannelResponder, Duplicate, InspectedWebhook, WebhookLimit } from '../../../shared/setup/types'
import type { Profile } from '../../../shared/schemas/profile'
import { MAX_WEBHOOKS_PER_APP, type App, type Integration, type Switchboard, type SwitchboardIntegration, type Webhook } from '../../../shared/schemas/zendesk'
import { toAppError } from '../errors'
import type { ZendeskClient } from '../zendesk/client'

/** What setup needs beyond the public inspection: the raw webhook secret (never returned by calls). */
export interface DetailedInspection {
  inspection: AccountInspection
  /** The secret of our integration's webhook when Zendesk returned it on read. */
  webhookSecret?: string
}

const publicWebhook = (w: Webhook): InspectedWebhook => ({
  id: w.id,
  version: w.version,
  target: w.target,
  triggers: [...w.triggers],
  includeFullUser: w.includeFullUser === true,
  includeFullSource: w.includeFullSource === true
})

const isOurs = (i: Integration): boolean => i.type === 'custom' && i.displayName === INTEGRATION_NAME

/**
 * Our integration among several named copies: the one delivering to this gateway, else the one the
 * customer's record names, else the first — so a rerun always resumes on the same integration.
 */
const pickPrimary = (named: Integration[], profile: Pick<Profile, 'gatewayUrl' | 'integrationId'>): Integration | null =>
  named.find((i) => (i.webhooks ?? []).some((w) => sameTarget(w.target, profile.gatewayUrl))) ??
  named.find((i) => i.id === profile.integrationId) ??
  named[0] ??
  null

/** Every other integration or webhook delivering to the gateway, and every extra named copy. */
const findDuplicates = (all: Integration[], primary: Integration | null, primaryWebhookId: string | null, gatewayUrl: string): Duplicate[] => {
  const out: Duplicate[] = []
  for (const i of all) {
    if (i.type !== 'custom') continue
    const hooks = i.webhooks ?? []
    const toGateway = hooks.filter((w) => sameTarget(w.target, gatewayUrl))
    const name = i.displayName ?? '(no name)'
    if (primary && i.id === primary.id) {
      for (const w of toGateway) {
        if (w.id === primaryWebhookId) continue
        out.push({ integrationId: i.id, displayName: name, webhookId: w.id, target: w.target, reason: 'a second webhook of the same integration sends to the gateway', remove: 'webhook' })
      }
      continue
    }
    if (isOurs(i)) {
      const w = toGateway[0] ?? hooks[0]
      out.push({ integrationId: i.id, displayName: name, webhookId: w?.id ?? null, target: w?.target ?? '(no webhook)', reason: `another copy of ${INTEGRATION_NAME}`, remove: 'integration' })
      continue
    }
    if (toGateway.length === 0) continue
    const whole = toGateway.length === hooks.length
    for (const w of whole ? toGateway.slice(0, 1) : toGateway) {
      out.push({
        integrationId: i.id,
        displayName: name,
        webhookId: w.id,
        target: w.target,
        reason: 'another integration also sends to the gateway, so every message would be delivered twice',
        remove: whole ? 'integration' : 'webhook'
      })
    }
  }
  return out
}

/** What the switchboard read needs from the integrations list: ours, and the channels with their own responder. */
export interface RoutingContext {
  /** Every custom integration of ours or delivering to the gateway. */
  ourIds: ReadonlySet<string>
  /** Our integration (its switchboard integration is Aissist's). */
  primaryId: string | null
  /** Channels whose own `defaultResponderId` overrides the switchboard's default. */
  channels: ChannelResponder[]
}

/** Says who answers new conversations first: with no integration of ours, nothing to read. */
const NO_AISSIST: Omit<ChannelBot, 'channels'> = {
  aissistIsDefault: false,
  switchboardId: null,
  defaultIntegration: null,
  message: 'No Aissist integration existed when the account was read, so Aissist is not the channel\'s default responder (a new integration never is), as the guide recommends.',
  aissistMember: null
}

/** Channels that name their own first responder (`defaultResponder.inherited === false`), from the integrations list. */
export const channelResponders = (all: Integration[], ourIds: ReadonlySet<string>): ChannelResponder[] =>
  all
    .filter((i) => i.type !== 'custom' && i.defaultResponder && i.defaultResponder.inherited === false)
    .map((i) => {
      const r = i.defaultResponder!
      return {
        integrationId: i.id,
        type: i.type,
        displayName: i.displayName ?? null,
        responder: { name: r.name ?? null, integrationId: r.integrationId ?? null, integrationType: r.integrationType ?? null },
        aissist: Boolean(r.integrationId && ourIds.has(r.integrationId))
      }
    })

const channelName = (c: ChannelResponder): string => `${c.displayName ?? c.type} (${c.type})`

/** The channel-level overrides in words: where Aissist is the first responder, and where another bot is. */
const channelWords = (channels: ChannelResponder[]): string => {
  const toAissist = channels.filter((c) => c.aissist)
  const toBots = channels.filter((c) => !c.aissist && c.responder.integrationType !== 'zd:agentWorkspace')
  const parts: string[] = []
  if (toAissist.length) parts.push(`Aissist is the first responder of ${toAissist.map(channelName).join(', ')} by the channel's own setting (the guide recommends against it)`)
  if (toBots.length) {
    parts.push(
      `${toBots.map((c) => `${channelName(c)} hands its new conversations to ${c.responder.name ?? 'another responder'} (${c.responder.integrationType ?? 'unknown type'})`).join('; ')} by the channel's own setting, so that bot answers first there`
    )
  }
  return parts.length ? ` ${parts.join('. ')}.` : ''
}

/** Aissist's member of the switchboard: the one of our integration, else any of ours. */
const aissistMemberOf = (members: SwitchboardIntegration[], ctx: RoutingContext): AissistSwitchboardMember | null => {
  const m = members.find((x) => x.integrationId === ctx.primaryId) ?? members.find((x) => ctx.ourIds.has(x.integrationId))
  return m ? { id: m.id, name: m.name, integrationId: m.integrationId, deliverStandbyEvents: m.deliverStandbyEvents } : null
}

const boardWords = (board: Switchboard, def: SwitchboardIntegration | null, aissistIsDefault: boolean): string =>
  aissistIsDefault
    ? `Aissist is the channel's default responder (the first to answer every new conversation). The guide recommends against it: Aissist works best as a backend agent, like a human teammate. To change it, go to ${ADMIN_CENTER_AI_AGENTS}.`
    : def
      ? `New conversations go first to ${def.name} (${def.integrationType}); Aissist is not the default bot, as the guide recommends.`
      : board.enabled
        ? 'The switchboard names no default responder; Aissist is not the default bot, as the guide recommends.'
        : 'The switchboard is off: every integration gets every conversation; Aissist is not the default bot, as the guide recommends.'

/**
 * Reads the switchboard and says who answers new conversations first — the switchboard's default,
 * or a channel's own responder — and where Aissist sits in it (whether it hears conversations it
 * does not lead). With no integration of ours there is nothing it could route to, so nothing is
 * read (a fresh setup saves two requests).
 */
export const readChannelBot = async (client: ZendeskClient, ctx: RoutingContext, signal?: AbortSignal): Promise<ChannelBot> => {
  const channels = ctx.channels
  if (ctx.ourIds.size === 0) return { ...NO_AISSIST, channels, message: `${NO_AISSIST.message}${channelWords(channels)}` }
  try {
    const boards = await client.listSwitchboards({ signal })
    const board = boards.find((b) => b.enabled) ?? boards[0]
    if (!board) {
      return { aissistIsDefault: false, switchboardId: null, defaultIntegration: null, switchboardEnabled: false, aissistMember: null, channels, message: `The app has no switchboard: Zendesk routes conversations to the agent workspace.${channelWords(channels)}` }
    }
    const members = await client.listSwitchboardIntegrations(board.id, { signal })
    const def = members.find((m) => m.id === board.defaultSwitchboardIntegrationId) ?? null
    const defaultIntegration = def ? { id: def.integrationId, name: def.name, integrationType: def.integrationType } : null
    const aissistIsDefault = Boolean(board.enabled && def && ctx.ourIds.has(def.integrationId))
    return {
      aissistIsDefault,
      switchboardId: board.id,
      defaultIntegration,
      switchboardEnabled: board.enabled,
      aissistMember: aissistMemberOf(members, ctx),
      channels,
      message: `${boardWords(board, def, aissistIsDefault)}${channelWords(channels)}`
    }
  } catch (e) {
    if (signal?.aborted) throw e
    const err = toAppError(e)
    return { aissistIsDefault: false, switchboardId: null, defaultIntegration: null, aissistMember: null, channels, message: `The switchboard could not be read: ${err.message}` }
  }
}

/** The app's webhooks against Zendesk's limit, counted from the integrations already listed. */
export const countAppWebhooks = (all: Integration[]): WebhookLimit => {
  const holders = all
    .filter((i) => (i.webhooks ?? []).length > 0)
    .map((i) => ({ integrationId: i.id, displayName: i.displayName ?? '(no name)', type: i.type, webhooks: (i.webhooks ?? []).length }))
    .sort((a, b) => b.webhooks - a.webhooks)
  return { used: holders.reduce((n, h) => n + h.webhooks, 0), limit: MAX_WEBHOOKS_PER_APP, holders }
}

/** The account as read, compared with the guide; everything but the switchboard. */
export interface AccountDescription {
  inspection: Omit<AccountInspection, 'channelBot'>
  /** What the switchboard read needs: our integrations and the channels' own responders. */
  routing: RoutingContext
  /** The secret of our integration's webhook when Zendesk returned it on read. */
  webhookSecret?: string
}

/**
 * Compares integrations already read with the guide — pure, so the first read and setup's
 * read-back describe the account the same way: our integration, its webhook's drift, duplicates.
 */
export const describeAccount = (app: Pick<App, 'id' | 'displayName'>, all: Integration[], profile: Profile): AccountDescription => {
  const primary = pickPrimary(all.filter(isOurs), profile)
  const hooks = primary?.webhooks ?? []
  const hook = hooks.find((w) => sameTarget(w.target, profile.gatewayUrl)) ?? hooks.find((w) => w.id === profile.webhookId) ?? hooks[0] ?? null
  const webhook = hook ? publicWebhook(hook) : null
  const ourIds = new Set(all.filter((i) => i.type === 'custom' && (isOurs(i) || (i.webhooks ?? []).some((w) => sameTarget(w.target, profile.gatewayUrl)))).map((i) => i.id))
  return {
    inspection: {
      app: { id: app.id, ...(app.displayName ? { displayName: app.displayName } : {}) },
      integration: primary ? { id: primary.id, displayName: primary.displayName ?? INTEGRATION_NAME, webhook } : null,
      drift: primary ? compareWebhook(webhook, profile.gatewayUrl) : [],
      duplicates: findDuplicates(all, primary, hook?.id ?? null, profile.gatewayUrl),
      webhookLimit: countAppWebhooks(all)
    },
    routing: { ourIds, primaryId: primary?.id ?? null, channels: channelResponders(all, ourIds) },
    ...(hook?.secret ? { webhookSecret: hook.secret } : {})
  }
}

/**
 * Reads the account (app, integrations, switchboard) and compares it with the guide — read-only,
 * so setup's plan and the diagnose screen can call it as often as they like. Also returns the
 * webhook secret when Zendesk gave it, for setup to keep (never for the renderer). An app the
 * caller already read is not read again.
 */
export const inspectAccountDetailed = async (
  client: ZendeskClient,
  profile: Profile,
  opts: { signal?: AbortSignal; app?: App } = {}
): Promise<DetailedInspection> => {
  const { signal } = opts
  const app = opts.app ?? (await client.getApp({ signal }))
  // Every integration in one list (custom ones with their webhooks, channels with their own
  // responder): the webhook count, duplicates and routing all come from it, no extra request.
  const d = describeAccount(app, await client.listAllIntegrations({ pageSize: 100 }, { signal }), profile)
  const inspection: AccountInspection = { ...d.inspection, channelBot: await readChannelBot(client, d.routing, signal) }
  return { inspection, ...(d.webhookSecret ? { webhookSecret: d.webhookSecret } : {}) }
}

/** The read-only view of the account diagnose and setup share (no secret in it). */
export const inspectAccount = async (client: ZendeskClient, profile: Profile, opts: { signal?: AbortSignal } = {}): Promise<AccountInspection> =>
  (await inspectAccountDetailed(client, profile, opts)).inspection
