import type { DefaultResponder, SwitchboardIntegration } from '../../../shared/schemas/zendesk'
import type { SandboxData, StoredConversation, StoredIntegration } from './state'

/**
 * The switchboard, as Zendesk routes conversations (OpenAPI tags Switchboards, Switchboard
 * Integrations, Switchboard Actions; schema `defaultResponderId`): who answers a new conversation
 * first, and which custom integrations get a conversation's events.
 */

/** The switchboard integration as conversations and webhook payloads carry it. */
export const switchboardRef = (s: SwitchboardIntegration): { id: string; name: string; integrationId: string; integrationType: string } => ({
  id: s.id,
  name: s.name,
  integrationId: s.integrationId,
  integrationType: s.integrationType
})

const byId = (data: SandboxData, id: string | null | undefined): SwitchboardIntegration | undefined =>
  id ? data.switchboardIntegrations.find((s) => s.id === id) : undefined

/**
 * Who takes a new conversation: the channel's own `defaultResponderId` when it has one (it wins
 * over the switchboard's), else the switchboard's `defaultSwitchboardIntegrationId`; nobody when the
 * switchboard is disabled.
 */
export const initialResponder = (data: SandboxData, channelIntegrationId: string | null): SwitchboardIntegration | undefined => {
  if (!data.switchboard.enabled) return undefined
  const channel = channelIntegrationId ? data.integrations.find((i) => i.id === channelIntegrationId) : undefined
  return byId(data, channel?.defaultResponderId) ?? byId(data, data.switchboard.defaultSwitchboardIntegrationId)
}

/**
 * Whether a custom integration's webhooks get this conversation's events: always when the
 * switchboard is off or the integration is not in it; when it is, only while it is the active
 * one, or on standby with `deliverStandbyEvents`.
 */
export const receivesEvents = (data: SandboxData, conv: StoredConversation, integrationId: string): boolean => {
  if (!data.switchboard.enabled) return true
  const mine = data.switchboardIntegrations.filter((s) => s.integrationId === integrationId)
  if (mine.length === 0) return true
  const active = conv.conversation.activeSwitchboardIntegration?.id
  return mine.some((s) => s.id === active || s.deliverStandbyEvents)
}

/** A channel's `defaultResponder` as Zendesk shows it (`inherited` when it is the switchboard's default). */
export const defaultResponderOf = (data: SandboxData, channel: StoredIntegration): DefaultResponder | null => {
  const own = byId(data, channel.defaultResponderId)
  const sbi = own ?? byId(data, data.switchboard.defaultSwitchboardIntegrationId)
  if (!sbi) return null
  return {
    name: sbi.name,
    integrationId: sbi.integrationId,
    integrationType: sbi.integrationType,
    deliverStandbyEvents: sbi.deliverStandbyEvents,
    nextSwitchboardIntegrationId: sbi.nextSwitchboardIntegrationId ?? null,
    ...(sbi.messageHistoryCount !== undefined ? { messageHistoryCount: sbi.messageHistoryCount } : {}),
    inherited: !own
  }
}

/**
 * Resolves a switchboard action's `switchboardIntegration`: by ID, then name, then
 * integrationType (ambiguous types are an error); `next` is the active one's next.
 */
export const resolveSwitchboardIntegration = (data: SandboxData, conv: StoredConversation, ref: string): { sbi: SwitchboardIntegration } | { error: string } => {
  if (ref === 'next') {
    const active = byId(data, conv.conversation.activeSwitchboardIntegration?.id)
    const next = byId(data, active?.nextSwitchboardIntegrationId)
    return next ? { sbi: next } : { error: 'No next switchboard integration is configured' }
  }
  const found = byId(data, ref) ?? data.switchboardIntegrations.find((s) => s.name === ref)
  if (found) return { sbi: found }
  const typed = data.switchboardIntegrations.filter((s) => s.integrationType === ref)
  if (typed.length === 1) return { sbi: typed[0] }
  return { error: typed.length > 1 ? `Ambiguous switchboard integration: more than one has type ${ref}` : 'Switchboard integration not found' }
}

/** Hands the conversation to `sbi` (or to nobody), clearing any pending offer. */
export const setActive = (conv: StoredConversation, sbi: SwitchboardIntegration | undefined): void => {
  if (sbi) conv.conversation.activeSwitchboardIntegration = switchboardRef(sbi)
  else delete conv.conversation.activeSwitchboardIntegration
  delete conv.conversation.pendingSwitchboardIntegration
}
