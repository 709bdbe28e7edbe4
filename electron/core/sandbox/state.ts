import { randomBytes, randomInt } from 'node:crypto'
import type { Conversation, Message, Switchboard, SwitchboardIntegration, User, Webhook } from '../../../shared/schemas/zendesk'

/** A Zendesk-shaped object ID (24 hex), from the OS random source. */
export const newId = (): string => randomBytes(12).toString('hex')

/** A random source for shared/ builders, backed by crypto. */
export const cryptoRandom = (): number => randomInt(0, 2 ** 47) / 2 ** 47

/** A secret of the kind Zendesk hands out (32 hex for webhooks, longer for API keys). */
export const newSecret = (bytes = 16): string => randomBytes(bytes).toString('hex')

/** A webhook as the simulated Zendesk stores it (the secret always kept). */
export type StoredWebhook = Webhook & { secret: string; includeFullUser: boolean; includeFullSource: boolean }

export interface StoredIntegration {
  id: string
  type: string
  status: 'active' | 'inactive' | 'error'
  displayName: string | null
  webhooks?: StoredWebhook[]
}

export interface StoredConversation {
  conversation: Conversation
  userId: string
  messages: Message[]
}

/** One attempt of the simulated Zendesk to deliver a webhook. */
export interface DeliveryAttempt {
  deliveryId: string
  webhookId: string
  target: string
  eventType: string
  attempt: number
  at: string
  /** HTTP status the target answered, if any. */
  status?: number
  /** Network failure or timeout, if no status. */
  error?: string
  /** What the simulated Zendesk concluded after this attempt. */
  result: 'delivered' | 'retry' | 'dropped' | 'gave-up'
}

/** One HEAD the simulated Zendesk sent to a new webhook's target. */
export interface HeadCheck {
  webhookId: string
  target: string
  at: string
  status?: number
  error?: string
}

/** One POST the simulated gateway received. */
export interface GatewayReceipt {
  at: string
  webhookId?: string
  eventTypes: string[]
  apiKeyPresent: boolean
  status: number
  /** The reply the gateway posted into the conversation, if any. */
  replied?: { conversationId: string; messageId?: string; error?: string }
}

/** Everything the sandbox knows; inspected in-process by tests and through `/__sandbox/state`. */
export interface SandboxData {
  app: { id: string; displayName: string }
  keys: { keyId: string; keySecret: string; scope: 'app' | 'account' }[]
  integrations: StoredIntegration[]
  switchboard: Switchboard
  switchboardIntegrations: SwitchboardIntegration[]
  users: User[]
  conversations: StoredConversation[]
  deliveries: DeliveryAttempt[]
  headChecks: HeadCheck[]
  gatewayReceived: GatewayReceipt[]
  agent: { name: string; avatarUrl: string }
}

/** What the sandbox starts with; every ID and secret random unless given. */
export interface SandboxSeed {
  appId?: string
  keyId?: string
  keySecret?: string
  /** Custom integrations to start with (e.g. an existing Aissist integration, a duplicate). */
  integrations?: { displayName: string; target: string; triggers?: string[]; includeFullUser?: boolean; includeFullSource?: boolean }[]
  /** Make the first seeded custom integration the switchboard's default responder. */
  aissistDefaultResponder?: boolean
  agentName?: string
  avatarUrl?: string
}

/** Builds the starting state from a seed. */
export const seedData = (seed: SandboxSeed, imagesUrl: string): SandboxData => {
  const web: StoredIntegration = { id: newId(), type: 'web', status: 'active', displayName: 'Web Widget' }
  const whatsapp: StoredIntegration = { id: newId(), type: 'whatsapp', status: 'active', displayName: 'WhatsApp +1 555 0100' }
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
    integrations: [web, whatsapp],
    switchboard: { id: newId(), enabled: true, defaultSwitchboardIntegrationId: agentWorkspace.id },
    switchboardIntegrations: [agentWorkspace],
    users: [],
    conversations: [],
    deliveries: [],
    headChecks: [],
    gatewayReceived: [],
    agent: { name: seed.agentName ?? 'Aissist Agent', avatarUrl: seed.avatarUrl ?? `${imagesUrl}/avatar.png` }
  }
  for (const i of seed.integrations ?? []) {
    const integration: StoredIntegration = {
      id: newId(),
      type: 'custom',
      status: 'active',
      displayName: i.displayName,
      webhooks: [
        {
          id: newId(),
          version: 'v2',
          target: i.target,
          triggers: i.triggers ?? ['conversation:create', 'conversation:message'],
          secret: newSecret(),
          includeFullUser: i.includeFullUser ?? true,
          includeFullSource: i.includeFullSource ?? true
        }
      ]
    }
    data.integrations.push(integration)
    const sbi: SwitchboardIntegration = {
      id: newId(),
      name: 'aissist',
      integrationId: integration.id,
      integrationType: 'custom',
      deliverStandbyEvents: true,
      nextSwitchboardIntegrationId: agentWorkspace.id
    }
    data.switchboardIntegrations.push(sbi)
    if (seed.aissistDefaultResponder && data.switchboard.defaultSwitchboardIntegrationId === agentWorkspace.id) {
      data.switchboard.defaultSwitchboardIntegrationId = sbi.id
    }
  }
  return data
}
