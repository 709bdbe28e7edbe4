import { AISSIST_TRIGGERS, MAX_WEBHOOKS_PER_APP, type SwitchboardIntegration } from '../../../shared/schemas/zendesk'
import type { WebhookVersion } from '../../../shared/webhook-events'
import { newId, newSecret, type SandboxData, type StoredIntegration, type StoredWebhook } from './state'

/** One webhook of a seeded integration; `version` and `secret` are what Zendesk's API cannot set. */
export interface SeedWebhook {
  target: string
  triggers?: string[]
  /** `v1` and `v1.1` webhooks get the legacy payloads (default v2). */
  version?: WebhookVersion
  secret?: string
  includeFullUser?: boolean
  includeFullSource?: boolean
}

/** How a seeded integration sits in the switchboard. */
export interface SeedSwitchboardIntegration {
  name?: string
  /** Default true, as Zendesk's API does. */
  deliverStandbyEvents?: boolean
  messageHistoryCount?: number | null
  /** Default: the Agent Workspace. */
  nextSwitchboardIntegrationId?: string | null
  /** Make it the switchboard's default responder. */
  default?: boolean
}

/** A custom integration to start with (an existing Aissist integration, a duplicate, a legacy one…). */
export interface SeedIntegration {
  displayName: string
  /** The target of its one webhook (or give `webhooks`). */
  target?: string
  triggers?: string[]
  includeFullUser?: boolean
  includeFullSource?: boolean
  version?: WebhookVersion
  secret?: string
  /** Several webhooks (an app's limit of 10 counts them all). */
  webhooks?: SeedWebhook[]
  /** Its switchboard integration (default: one that delivers standby events); false: not in the switchboard. */
  switchboard?: SeedSwitchboardIntegration | false
}

/** A channel integration to add (Zendesk's API needs the channel's own credentials to make one). */
export interface SeedChannel {
  type: string
  displayName?: string | null
  /** A switchboard integration ID that answers this channel first (`defaultResponderId`). */
  defaultResponderId?: string | null
}

/** What the sandbox starts with; every ID and secret random unless given. */
export interface SandboxSeed {
  appId?: string
  keyId?: string
  keySecret?: string
  integrations?: SeedIntegration[]
  /** Make the first seeded custom integration the switchboard's default responder. */
  aissistDefaultResponder?: boolean
  /** Channels besides the Web Widget and WhatsApp every sandbox has. */
  channels?: SeedChannel[]
  agentName?: string
  avatarUrl?: string
}

/** Zendesk's answer to an 11th webhook (tag Webhooks: "An app is limited to 10 webhooks"). */
export const WEBHOOK_LIMIT_ERROR = { code: 'bad_request', title: `An app is limited to ${MAX_WEBHOOKS_PER_APP} webhooks` }

export const countWebhooks = (data: SandboxData): number => data.integrations.reduce((n, i) => n + (i.webhooks?.length ?? 0), 0)

/** A webhook as Zendesk makes it: a new ID and a new secret every time (so recreating rotates it). */
export const makeWebhook = (w: SeedWebhook): StoredWebhook => ({
  id: newId(),
  version: w.version ?? 'v2',
  target: w.target,
  triggers: w.triggers ?? [...AISSIST_TRIGGERS],
  secret: w.secret ?? newSecret(),
  includeFullUser: w.includeFullUser ?? false,
  includeFullSource: w.includeFullSource ?? false
})

const webhooksOf = (i: SeedIntegration): SeedWebhook[] =>
  i.webhooks ??
  (i.target
    ? [{ target: i.target, triggers: i.triggers, version: i.version, secret: i.secret, includeFullUser: i.includeFullUser ?? true, includeFullSource: i.includeFullSource ?? true }]
    : [])

/**
 * Adds a custom integration with its webhooks (and its switchboard integration) to the state, as
 * a real account could hold it; refuses past the app's 10 webhooks with Zendesk's own error.
 */
export const seedCustomIntegration = (
  data: SandboxData,
  seed: SeedIntegration
): { ok: true; integration: StoredIntegration; switchboardIntegration: SwitchboardIntegration | null } | { ok: false; error: typeof WEBHOOK_LIMIT_ERROR } => {
  const webhooks = webhooksOf(seed).map((w) => makeWebhook({ ...w, includeFullUser: w.includeFullUser ?? true, includeFullSource: w.includeFullSource ?? true }))
  if (countWebhooks(data) + webhooks.length > MAX_WEBHOOKS_PER_APP) return { ok: false, error: WEBHOOK_LIMIT_ERROR }
  const integration: StoredIntegration = { id: newId(), type: 'custom', status: 'active', displayName: seed.displayName, webhooks }
  data.integrations.push(integration)
  if (seed.switchboard === false) return { ok: true, integration, switchboardIntegration: null }
  const s = seed.switchboard ?? {}
  const agentWorkspace = data.switchboardIntegrations.find((x) => x.integrationType === 'zd:agentWorkspace')
  const sbi: SwitchboardIntegration = {
    id: newId(),
    name: s.name ?? 'aissist',
    integrationId: integration.id,
    integrationType: 'custom',
    deliverStandbyEvents: s.deliverStandbyEvents ?? true,
    nextSwitchboardIntegrationId: s.nextSwitchboardIntegrationId !== undefined ? s.nextSwitchboardIntegrationId : (agentWorkspace?.id ?? null),
    ...(s.messageHistoryCount !== undefined ? { messageHistoryCount: s.messageHistoryCount } : {})
  }
  data.switchboardIntegrations.push(sbi)
  if (s.default) data.switchboard.defaultSwitchboardIntegrationId = sbi.id
  return { ok: true, integration, switchboardIntegration: sbi }
}

/** Adds a channel integration (web, whatsapp, messenger, twilio…). */
export const seedChannel = (data: SandboxData, c: SeedChannel): StoredIntegration => {
  const integration: StoredIntegration = {
    id: newId(),
    type: c.type,
    status: 'active',
    displayName: c.displayName ?? null,
    ...(c.defaultResponderId !== undefined ? { defaultResponderId: c.defaultResponderId } : {})
  }
  data.integrations.push(integration)
  return integration
}

/** Builds the starting state from a seed: a Web Widget, a WhatsApp number, the Agent Workspace in the switchboard. */
export const seedData = (seed: SandboxSeed, imagesUrl: string): SandboxData => {
  const agentWorkspace: SwitchboardIntegration = {
    id: newId(),
    name: 'zd-agentWorkspace',
    integrationId: newId(),
    integrationType: 'zd:agentWorkspace',
    deliverStandbyEvents: false,
    nextSwitchboardIntegrationId: null
  }
  const data: SandboxData = {
    app: { id: seed.appId ?? newId(), displayName: 'Sandbox App' },
    keys: [
      { keyId: seed.keyId ?? `app_${newId()}`, keySecret: seed.keySecret ?? newSecret(32), scope: 'app' },
      { keyId: `act_${newId()}`, keySecret: newSecret(32), scope: 'account' }
    ],
    integrations: [],
    switchboard: { id: newId(), enabled: true, defaultSwitchboardIntegrationId: agentWorkspace.id },
    switchboardIntegrations: [agentWorkspace],
    users: [],
    conversations: [],
    deliveries: [],
    headChecks: [],
    gatewayReceived: [],
    gatewaySecrets: { all: null, byWebhook: {} },
    echoLoops: [],
    agent: { name: seed.agentName ?? 'Aissist Agent', avatarUrl: seed.avatarUrl ?? `${imagesUrl}/avatar.png`, parts: 1 }
  }
  seedChannel(data, { type: 'web', displayName: 'Web Widget' })
  seedChannel(data, { type: 'whatsapp', displayName: 'WhatsApp +1 555 0100' })
  for (const c of seed.channels ?? []) seedChannel(data, c)
  ;(seed.integrations ?? []).forEach((i, n) => {
    const first = n === 0 && seed.aissistDefaultResponder && i.switchboard !== false
    const r = seedCustomIntegration(data, first ? { ...i, switchboard: { ...(i.switchboard || {}), default: true } } : i)
    if (!r.ok) throw new Error(`The sandbox seed holds more than ${MAX_WEBHOOKS_PER_APP} webhooks: Zendesk allows no more.`)
  })
  return data
}
