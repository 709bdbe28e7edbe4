import type { ContentType, SourceType, MessageSource, WebhookContentInput, WebhookVersion } from '../../../shared/webhook-events'
import type { FaultController } from './faults'
import type { TrafficMeter } from './traffic'
import type { SandboxSeed, SeedChannel, SeedIntegration } from './seed'
import type { SandboxData, StoredIntegration } from './state'

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: '127.0.0.1'
  seed?: SandboxSeed
  /** How long the simulated Zendesk waits for a webhook answer (Zendesk: 20 s). */
  webhookTimeoutMs?: number
  /** Waits between delivery attempts (Zendesk: 5 attempts over 15 min); tests pass tiny ones. */
  retryScheduleMs?: number[]
  /** A fixed control token (default random). */
  controlToken?: string
}

/** A message the simulated customer writes. */
export interface SimulatedUserMessage {
  /** The text (or the caption of an image or file). */
  text?: string
  /** A content type (a realistic sample) or the exact content; default text. */
  content?: ContentType | WebhookContentInput
  /** Continue this conversation (default: a new user and conversation). */
  conversationId?: string
  /** The channel (default the conversation's, else `web`); a missing channel integration is added. */
  sourceType?: SourceType | MessageSource | (string & {})
  /** For a new user: fields only Zendesk sets (a linked Zendesk user, a brand). */
  user?: { zendeskId?: string | null; brandId?: string | null; givenName?: string; surname?: string }
  /** For a new conversation: its metadata (default null, as on many real conversations). */
  conversationMetadata?: Record<string, unknown> | null
}

/** A running sandbox: the URLs a profile needs, and in-process inspection and fault injection. */
export interface Sandbox {
  port: number
  /** A profile's API base as is (`/v2/...` under it). */
  zendeskUrl: string
  /** The webhook target the setup should use. */
  gatewayUrl: string
  imagesUrl: string
  /** `/__sandbox` control API; every call needs `Authorization: Bearer <controlToken>`. */
  controlUrl: string
  controlToken: string
  appId: string
  keyId: string
  keySecret: string
  /** An account-scoped key of the same sandbox. */
  accountKeyId: string
  accountKeySecret: string
  /** The live state (integrations, webhooks, deliveries, conversations…). */
  readonly state: SandboxData
  faults: FaultController
  /** Requests served at once and in all, per service and method (what a client really sent). */
  traffic: TrafficMeter
  /** The agent identity the simulated gateway answers with. */
  setAgent(agent: { name?: string; avatarUrl?: string; parts?: number }): void
  /** Makes the switchboard route new conversations to this integration first (or back to the agent workspace with null). */
  setDefaultResponder(integrationId: string | null): void
  /** A test user writes (creating the user and conversation when needed); webhooks fire. */
  simulateUserMessage(input: SimulatedUserMessage): Promise<{ conversationId: string; messageId: string }>
  /** Adds a custom integration as a real account may hold it (any webhook version, trigger, secret); refuses an 11th webhook. */
  seedIntegration(seed: SeedIntegration): StoredIntegration
  /** Adds a channel integration (messenger, twilio…), optionally with its own default responder. */
  addChannel(channel: SeedChannel): StoredIntegration
  /** Changes what Zendesk's API cannot: a webhook's payload version, or its secret (as if rotated elsewhere). */
  setWebhook(webhookId: string, change: { version?: WebhookVersion; secret?: string }): void
  /** The secret the simulated gateway expects (for one webhook, or all); null: Zendesk's current one again. */
  setGatewaySecret(secret: string | null, webhookId?: string): void
  /** Resolves when no webhook delivery nor gateway reply is pending. */
  settled(): Promise<void>
  reset(): void
  close(): Promise<void>
}

/**
 * What `aissist-zd sandbox` prints as its first line (one JSON object): what a script, a test or a
 * benchmark in another process needs to drive the sandbox. Its keys are throwaway.
 */
export type SandboxInfo = Pick<Sandbox, 'zendeskUrl' | 'gatewayUrl' | 'imagesUrl' | 'appId' | 'keyId' | 'keySecret' | 'controlUrl' | 'controlToken'>

/** The first line's object for a running sandbox. */
export const sandboxInfoOf = (sb: Sandbox): SandboxInfo => ({
  zendeskUrl: sb.zendeskUrl,
  gatewayUrl: sb.gatewayUrl,
  imagesUrl: sb.imagesUrl,
  appId: sb.appId,
  keyId: sb.keyId,
  keySecret: sb.keySecret,
  controlUrl: sb.controlUrl,
  controlToken: sb.controlToken
})
