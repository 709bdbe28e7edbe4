import { randomBytes, randomInt } from 'node:crypto'
import type { Conversation, Message, Switchboard, SwitchboardIntegration, User, Webhook } from '../../../shared/schemas/zendesk'

/** A Zendesk-shaped object ID (24 hex), from the OS random source. */
export const newId = (): string => randomBytes(12).toString('hex')

/** A random source for shared/ builders, backed by crypto. */
export const cryptoRandom = (): number => randomInt(0, 2 ** 47) / 2 ** 47

/** A secret of the kind Zendesk hands out (32 hex for webhooks, longer for API keys). */
export const newSecret = (bytes = 16): string => randomBytes(bytes).toString('hex')

/** A webhook as the simulated Zendesk stores it (the secret always kept; `version` v1, v1.1 or v2). */
export type StoredWebhook = Webhook & { secret: string; includeFullUser: boolean; includeFullSource: boolean }

export interface StoredIntegration {
  id: string
  /** `custom` for webhooks; a channel otherwise (`web`, `whatsapp`, `messenger`, `twilio`…). */
  type: string
  status: 'active' | 'inactive' | 'error'
  displayName: string | null
  webhooks?: StoredWebhook[]
  /** A channel's own first responder (a switchboard integration id); absent or null: the switchboard's default. */
  defaultResponderId?: string | null
}

/** Where a conversation's user writes from: a channel integration, or none (made through the API). */
export interface ConversationChannel {
  integrationId: string | null
  /** `source.type` of the user's messages (`web`, `whatsapp`, `twilio`…, `api:conversations`). */
  sourceType: string
}

export interface StoredConversation {
  conversation: Conversation
  userId: string
  messages: Message[]
  channel: ConversationChannel
  /** `creationReason` of its conversation:create event. */
  creationReason: 'message' | 'none'
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
  /** Who wrote the message of a conversation:message (`business` is an echo). */
  authorTypes?: string[]
  /** The reply the gateway posted into the conversation, if any (`echo`: it answered an echo). */
  replied?: { conversationId: string; messageId?: string; error?: string; echo?: boolean }
}

/** A broken gateway answering its own echoes (fault `echo-loop`): how far it went in one conversation. */
export interface EchoLoop {
  conversationId: string
  /** Replies the gateway posted to its own echoes. */
  replies: number
  /** True once the fault's cap stopped it. */
  capped: boolean
}

/** The secret the simulated gateway expects; by default each webhook's current secret at Zendesk. */
export interface GatewaySecrets {
  /** One secret for every webhook (a gateway configured with one value), or null. */
  all: string | null
  /** Per webhook ID, overriding `all`. */
  byWebhook: Record<string, string>
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
  gatewaySecrets: GatewaySecrets
  echoLoops: EchoLoop[]
  /** Who the simulated gateway answers as, and in how many messages (a two-part answer is not a loop). */
  agent: { name: string; avatarUrl: string; parts: number }
}

/** The webhooks of every custom integration, with their integration. */
export const allWebhooks = (data: SandboxData): { integration: StoredIntegration; webhook: StoredWebhook }[] =>
  data.integrations.flatMap((integration) => (integration.webhooks ?? []).map((webhook) => ({ integration, webhook })))

/** Finds a webhook by ID, wherever it lives. */
export const findWebhook = (data: SandboxData, webhookId: string): StoredWebhook | undefined =>
  allWebhooks(data).find((x) => x.webhook.id === webhookId)?.webhook
