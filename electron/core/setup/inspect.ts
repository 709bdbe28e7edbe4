import { compareWebhook } from '../../../shared/setup/diff'
import { INTEGRATION_NAME, sameTarget, ADMIN_CENTER_AI_AGENTS } from '../../../shared/setup/guide'
import type { AccountInspection, ChannelBot, Duplicate, InspectedWebhook } from '../../../shared/setup/types'
import type { Profile } from '../../../shared/schemas/profile'
import type { App, Integration, Webhook } from '../../../shared/schemas/zendesk'
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

/** Says who answers new conversations first: with no integration of ours, nothing to read. */
const NO_AISSIST: ChannelBot = {
  aissistIsDefault: false,
  switchboardId: null,
  defaultIntegration: null,
  message: 'No Aissist integration existed when the account was read, so Aissist is not the channel\'s default responder (a new integration never is), as the guide recommends.'
}

/**
 * Reads the switchboard and says whether Aissist answers new conversations first. With no
 * integration of ours there is nothing it could route to, so nothing is read (a fresh setup saves
 * two requests).
 */
export const readChannelBot = async (client: ZendeskClient, ourIds: ReadonlySet<string>, signal?: AbortSignal): Promise<ChannelBot> => {
  if (ourIds.size === 0) return NO_AISSIST
  try {
    const boards = await client.listSwitchboards({ signal })
    const board = boards.find((b) => b.enabled) ?? boards[0]
    if (!board) {
      return { aissistIsDefault: false, switchboardId: null, defaultIntegration: null, message: 'The app has no switchboard: Zendesk routes conversations to the agent workspace.' }
    }
    const members = await client.listSwitchboardIntegrations(board.id, { signal })
    const def = members.find((m) => m.id === board.defaultSwitchboardIntegrationId) ?? null
    const defaultIntegration = def ? { id: def.integrationId, name: def.name, integrationType: def.integrationType } : null
    const aissistIsDefault = Boolean(def && ourIds.has(def.integrationId))
    const message = aissistIsDefault
      ? `Aissist is the channel's default responder (the first to answer every new conversation). The guide recommends against it: Aissist works best as a backend agent, like a human teammate. To change it, go to ${ADMIN_CENTER_AI_AGENTS}.`
      : def
        ? `New conversations go first to ${def.name} (${def.integrationType}); Aissist is not the default bot, as the guide recommends.`
        : 'The switchboard names no default responder; Aissist is not the default bot, as the guide recommends.'
    return { aissistIsDefault, switchboardId: board.id, defaultIntegration, message }
  } catch (e) {
    if (signal?.aborted) throw e
    const err = toAppError(e)
    return { aissistIsDefault: false, switchboardId: null, defaultIntegration: null, message: `The switchboard could not be read: ${err.message}` }
  }
}

/** The account as read, compared with the guide; everything but the switchboard. */
export interface AccountDescription {
  inspection: Omit<AccountInspection, 'channelBot'>
  /** Every custom integration of ours or delivering to the gateway (what the switchboard may route to). */
  ourIds: Set<string>
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
      duplicates: findDuplicates(all, primary, hook?.id ?? null, profile.gatewayUrl)
    },
    ourIds,
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
  const d = describeAccount(app, await client.listAllIntegrations({ types: ['custom'] }, { signal }), profile)
  const inspection: AccountInspection = { ...d.inspection, channelBot: await readChannelBot(client, d.ourIds, signal) }
  return { inspection, ...(d.webhookSecret ? { webhookSecret: d.webhookSecret } : {}) }
}

/** The read-only view of the account diagnose and setup share (no secret in it). */
export const inspectAccount = async (client: ZendeskClient, profile: Profile, opts: { signal?: AbortSignal } = {}): Promise<AccountInspection> =>
  (await inspectAccountDetailed(client, profile, opts)).inspection
