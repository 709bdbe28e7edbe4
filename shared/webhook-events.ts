import { z } from 'zod'
import { SwitchboardIntegrationRef, User, ZENDESK_ID_PATTERN } from './schemas/zendesk'

/**
 * The webhook payloads Zendesk POSTs to a custom integration's target (OpenAPI `x-webhooks`,
 * schemas `conversationCreateEvent`, `conversationMessageEvent`, `messageWebhook`, `authorWebhook`,
 * `sourceWebhook`). One module both builds them (the sandbox's delivery, the gateway test events)
 * and validates them (the simulated gateway), so what we send is what Zendesk sends.
 */

/** The two triggers the Aissist gateway subscribes to. */
export const WEBHOOK_EVENT_TYPES = ['conversation:create', 'conversation:message'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** Channels a message can come from (`source.type`); Zendesk may send others, hence the string. */
export const SOURCE_TYPES = ['web', 'whatsapp', 'sms', 'messenger', 'instagram', 'telegram', 'line', 'viber', 'api', 'ios', 'android'] as const
export type SourceType = (typeof SOURCE_TYPES)[number]

/** The HTTP header carrying the webhook secret on every delivery. */
export const WEBHOOK_SECRET_HEADER = 'x-api-key'

/** A client (schema `client`), present in `source` only with `includeFullSource`. */
export const WebhookClient = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.string().optional(),
  integrationId: z.string().nullable().optional(),
  externalId: z.string().nullable().optional(),
  lastSeen: z.string().nullable().optional(),
  linkedAt: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
  avatarUrl: z.string().nullable().optional(),
  info: z.record(z.string(), z.unknown()).nullable().optional(),
  raw: z.record(z.string(), z.unknown()).nullable().optional()
})

/** A device (schema `device`), present in `source` only with `includeFullSource` on SDK channels. */
export const WebhookDevice = z.looseObject({
  id: z.string(),
  type: z.string(),
  guid: z.string().optional(),
  clientId: z.string().optional(),
  status: z.string().optional(),
  integrationId: z.string().optional(),
  lastSeen: z.string().optional(),
  info: z.record(z.string(), z.unknown()).nullable().optional()
})

/** Schema `sourceWebhook`. */
export const WebhookSource = z.looseObject({
  type: z.string(),
  integrationId: z.string().optional(),
  originalMessageId: z.string().nullable().optional(),
  originalMessageTimestamp: z.string().nullable().optional(),
  client: WebhookClient.nullable().optional(),
  device: WebhookDevice.nullable().optional()
})
export type WebhookSource = z.infer<typeof WebhookSource>

/** Schema `authorWebhook`. */
export const WebhookAuthor = z.looseObject({
  type: z.enum(['business', 'user']),
  userId: z.string().optional(),
  displayName: z.string().optional(),
  avatarUrl: z.string().optional(),
  user: User.optional()
})

/** Schema `messageWebhook`. */
export const WebhookMessage = z.looseObject({
  id: z.string(),
  received: z.string(),
  author: WebhookAuthor,
  content: z.looseObject({ type: z.string(), text: z.string().optional() }),
  source: WebhookSource.optional()
})

/** Schema `conversationTruncated`. */
export const WebhookConversation = z.looseObject({
  id: z.string(),
  type: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  activeSwitchboardIntegration: SwitchboardIntegrationRef.nullable().optional(),
  pendingSwitchboardIntegration: SwitchboardIntegrationRef.nullable().optional()
})

const eventBase = { id: z.string(), createdAt: z.string() }

/** Schema `conversationCreateEvent`. */
export const ConversationCreateEvent = z.looseObject({
  ...eventBase,
  type: z.literal('conversation:create'),
  payload: z.looseObject({
    conversation: WebhookConversation,
    creationReason: z.string().optional(),
    source: WebhookSource.optional(),
    user: User.nullable().optional()
  })
})

/** Schema `conversationMessageEvent`. */
export const ConversationMessageEvent = z.looseObject({
  ...eventBase,
  type: z.literal('conversation:message'),
  payload: z.looseObject({
    conversation: WebhookConversation,
    message: WebhookMessage,
    recentNotifications: z.array(WebhookMessage).optional()
  })
})

/** Any event at all (Zendesk has many more types than the two Aissist subscribes to). */
export const AnyWebhookEvent = z.looseObject({
  id: z.string(),
  type: z.string(),
  createdAt: z.string().optional(),
  payload: z.record(z.string(), z.unknown())
})

/** One of the two events Aissist subscribes to. */
export const AissistWebhookEvent = z.discriminatedUnion('type', [ConversationCreateEvent, ConversationMessageEvent])
export type AissistWebhookEvent = z.infer<typeof AissistWebhookEvent>

/** The body of a webhook POST carrying the events Aissist subscribes to. */
export const WebhookPayload = z.looseObject({
  app: z.looseObject({ id: z.string() }),
  webhook: z.looseObject({ id: z.string(), version: z.string() }),
  events: z.array(AissistWebhookEvent).min(1)
})
export type WebhookPayload = z.infer<typeof WebhookPayload>

/** The envelope of any webhook POST, whatever its events (for logging what arrived). */
export const WebhookEnvelope = z.looseObject({
  app: z.looseObject({ id: z.string() }),
  webhook: z.looseObject({ id: z.string(), version: z.string() }),
  events: z.array(AnyWebhookEvent)
})

/**
 * A Zendesk-shaped ID (24 hex) from a given random source. shared/ has no crypto; callers that
 * need unguessable IDs pass `crypto.randomInt`-backed sources, tests pass a seeded one.
 */
export const randomHexId = (random: () => number = Math.random, length = 24): string => {
  let out = ''
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16)
  return out
}

/** True for an ID of the shape Zendesk gives its objects. */
export const isZendeskId = (id: string): boolean => ZENDESK_ID_PATTERN.test(id)

/** The user as the test event should describe them. */
export interface WebhookUserInput {
  id: string
  displayName?: string
  externalId?: string | null
  authenticated?: boolean
  givenName?: string
  surname?: string
  email?: string
  avatarUrl?: string
  locale?: string
  signedUpAt?: string
}

/** The conversation as the test event should describe it. */
export interface WebhookConversationInput {
  id: string
  type?: 'personal' | 'sdkGroup'
  metadata?: Record<string, unknown>
  activeSwitchboardIntegration?: z.infer<typeof SwitchboardIntegrationRef> | null
}

/** IDs the builder would otherwise draw at random (tests and replays fix them). */
export interface WebhookIdsInput {
  eventId?: string
  messageId?: string
  clientId?: string
  deviceId?: string
  originalMessageId?: string
}

export interface BuildWebhookPayloadInput {
  type: WebhookEventType
  appId: string
  webhookId: string
  /** The channel integration the user wrote through (`source.integrationId`). */
  integrationId?: string
  user: WebhookUserInput
  conversation: WebhookConversationInput
  /** The user's text (conversation:message only). */
  text?: string
  sourceType: SourceType | (string & {})
  includeFullUser: boolean
  includeFullSource: boolean
  /** When the event happened; also the message's `received`. */
  now: Date | string | number
  ids?: WebhookIdsInput
  /** Random source for the IDs not given in `ids` (default Math.random). */
  random?: () => number
  /** conversation:create only; defaults to `message` (a user wrote first). */
  creationReason?: 'linkRequest' | 'message' | 'none' | 'notification' | 'prechatCapture' | 'startConversation' | 'proactiveMessaging'
}

const SDK_SOURCES = new Set(['web', 'ios', 'android'])

const buildUser = (u: WebhookUserInput, full: boolean): z.infer<typeof User> => {
  const truncated = {
    id: u.id,
    ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
    authenticated: u.authenticated ?? false
  }
  if (!full) return truncated
  const [given, ...rest] = (u.displayName ?? '').split(' ').filter(Boolean)
  return {
    ...truncated,
    signedUpAt: u.signedUpAt ?? '2020-01-01T00:00:00.000Z',
    profile: {
      givenName: u.givenName ?? given ?? null,
      surname: u.surname ?? (rest.length > 0 ? rest.join(' ') : null),
      email: u.email ?? null,
      avatarUrl: u.avatarUrl ?? null,
      locale: u.locale ?? 'en-US'
    },
    metadata: {},
    identities: u.email ? [{ type: 'email', value: u.email }] : []
  }
}

const buildSource = (input: BuildWebhookPayloadInput, at: string, id: () => string, withMessageIds: boolean): WebhookSource => {
  const source: WebhookSource = {
    type: input.sourceType,
    ...(input.integrationId ? { integrationId: input.integrationId } : {}),
    ...(withMessageIds
      ? {
          originalMessageId: SDK_SOURCES.has(input.sourceType) ? null : (input.ids?.originalMessageId ?? id()),
          originalMessageTimestamp: SDK_SOURCES.has(input.sourceType) ? null : at
        }
      : {})
  }
  if (!input.includeFullSource) return source
  const sdk = SDK_SOURCES.has(input.sourceType)
  const clientId = input.ids?.clientId ?? id()
  source.client = {
    id: clientId,
    type: sdk ? 'sdk' : input.sourceType,
    status: 'active',
    integrationId: input.integrationId ?? null,
    externalId: sdk ? null : input.user.externalId ?? input.user.id,
    lastSeen: at,
    linkedAt: at,
    displayName: input.user.displayName ?? null,
    avatarUrl: input.user.avatarUrl ?? null,
    info: sdk ? { browserLanguage: input.user.locale ?? 'en-US' } : {},
    raw: {}
  }
  if (sdk) {
    source.device = {
      id: input.ids?.deviceId ?? id(),
      type: input.sourceType,
      guid: id(),
      clientId,
      status: 'active',
      ...(input.integrationId ? { integrationId: input.integrationId } : {}),
      lastSeen: at,
      info: {}
    }
  }
  return source
}

/**
 * Builds the exact body Zendesk POSTs for one `conversation:create` or `conversation:message`
 * event (webhook version v2), with the full user and source only when the webhook asks for them,
 * as Zendesk does. Pure: time and randomness come in through `now` and `random`/`ids`.
 */
export const buildWebhookPayload = (input: BuildWebhookPayloadInput): WebhookPayload => {
  const random = input.random ?? Math.random
  const id = (): string => randomHexId(random)
  const at = new Date(input.now).toISOString()
  const conversation = {
    id: input.conversation.id,
    type: input.conversation.type ?? 'personal',
    ...(input.conversation.metadata ? { metadata: input.conversation.metadata } : {}),
    ...(input.conversation.activeSwitchboardIntegration
      ? { activeSwitchboardIntegration: input.conversation.activeSwitchboardIntegration }
      : {})
  }
  const eventId = input.ids?.eventId ?? id()
  let event: AissistWebhookEvent
  if (input.type === 'conversation:create') {
    event = {
      id: eventId,
      createdAt: at,
      type: 'conversation:create',
      payload: {
        conversation,
        user: buildUser(input.user, input.includeFullUser),
        creationReason: input.creationReason ?? 'message',
        source: buildSource(input, at, id, false)
      }
    }
  } else {
    const author = {
      userId: input.user.id,
      ...(input.user.displayName ? { displayName: input.user.displayName } : {}),
      ...(input.user.avatarUrl ? { avatarUrl: input.user.avatarUrl } : {}),
      type: 'user' as const,
      user: buildUser(input.user, input.includeFullUser)
    }
    event = {
      id: eventId,
      createdAt: at,
      type: 'conversation:message',
      payload: {
        conversation,
        message: {
          id: input.ids?.messageId ?? id(),
          received: at,
          author,
          content: { type: 'text', text: input.text ?? '' },
          source: buildSource(input, at, id, true)
        }
      }
    }
  }
  return {
    app: { id: input.appId },
    webhook: { id: input.webhookId, version: 'v2' },
    events: [event]
  }
}
