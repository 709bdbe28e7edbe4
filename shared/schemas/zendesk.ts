import { z } from 'zod'

/**
 * The project's own schemas for the slice of the Sunshine Conversations v2 API it speaks, written
 * from the official OpenAPI description. Responses are loose objects (Zendesk adds fields over
 * time and that must not break a setup); bodies we send are strict, so a typo is caught before it
 * reaches Zendesk.
 */

/** Zendesk object IDs: 24 lowercase hex characters (a Mongo ObjectId). */
export const ZENDESK_ID_PATTERN = /^[0-9a-f]{24}$/

/** The triggers the Aissist gateway needs, as the setup guide names them. */
export const AISSIST_TRIGGERS = ['conversation:create', 'conversation:message'] as const

/** Most tag `Webhooks` allows per app: "An app is limited to 10 webhooks". */
export const MAX_WEBHOOKS_PER_APP = 10

/** `displayName` of an integration: at most 100 characters. */
export const DISPLAY_NAME_MAX = 100

/** One entry of Zendesk's error body (`{"errors":[{"code","title"}]}`). */
export const ZendeskErrorItem = z.looseObject({ code: z.string(), title: z.string().optional() })
export type ZendeskErrorItem = z.infer<typeof ZendeskErrorItem>

/** The error body every 4xx carries; several errors only on a 400. */
export const ZendeskErrorBody = z.looseObject({ errors: z.array(ZendeskErrorItem) })
export type ZendeskErrorBody = z.infer<typeof ZendeskErrorBody>

/** Cursor pagination metadata (`meta.hasMore`, `meta.afterCursor`). */
export const PageMeta = z.looseObject({
  hasMore: z.boolean(),
  afterCursor: z.string().optional(),
  beforeCursor: z.string().optional()
})
export type PageMeta = z.infer<typeof PageMeta>

/** Previous/next page links, present only when those pages exist. */
export const PageLinks = z.looseObject({ prev: z.string().optional(), next: z.string().optional() })

/** An app (tag Apps). */
export const App = z.looseObject({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional()
})
export type App = z.infer<typeof App>
export const AppResponse = z.looseObject({ app: App })

/** A webhook of a custom integration; `secret` is returned on create and on read. */
export const Webhook = z.looseObject({
  id: z.string(),
  version: z.string(),
  target: z.string(),
  triggers: z.array(z.string()),
  secret: z.string().optional(),
  includeFullUser: z.boolean().optional(),
  includeFullSource: z.boolean().optional()
})
export type Webhook = z.infer<typeof Webhook>
export const WebhookResponse = z.looseObject({ webhook: Webhook })
export const WebhookListResponse = z.looseObject({ webhooks: z.array(Webhook) })

/** What we send to create a webhook (schema `webhookCreateBody`: target and triggers required). */
export const WebhookCreateBody = z.strictObject({
  target: z.string().url(),
  triggers: z.array(z.string().min(1)).min(1),
  includeFullUser: z.boolean().optional(),
  includeFullSource: z.boolean().optional()
})
export type WebhookCreateBody = z.infer<typeof WebhookCreateBody>

/** What we send to update a webhook (schema `webhookBody`: every field optional). */
export const WebhookUpdateBody = WebhookCreateBody.partial()
export type WebhookUpdateBody = z.infer<typeof WebhookUpdateBody>

/** Schema `defaultResponder`: who answers this channel's new conversations first. */
export const DefaultResponder = z.looseObject({
  name: z.string().optional(),
  integrationId: z.string().optional(),
  integrationType: z.string().optional(),
  deliverStandbyEvents: z.boolean().optional(),
  nextSwitchboardIntegrationId: z.string().nullable().optional(),
  messageHistoryCount: z.number().nullable().optional(),
  inherited: z.boolean().optional()
})
export type DefaultResponder = z.infer<typeof DefaultResponder>

/** Integration status (schema `status`). */
export const IntegrationStatus = z.enum(['inactive', 'active', 'error'])

/** Any integration (web, whatsapp, custom, …); `webhooks` only on custom ones. */
export const Integration = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.string().optional(),
  displayName: z.string().max(DISPLAY_NAME_MAX).nullable().optional(),
  webhooks: z.array(Webhook).optional(),
  /** A channel's own first responder (read-only; `inherited` when it is the switchboard's default). */
  defaultResponder: DefaultResponder.nullable().optional()
})
export type Integration = z.infer<typeof Integration>

/** A custom integration: exactly what the setup creates. */
export const CustomIntegration = Integration.extend({
  type: z.literal('custom'),
  webhooks: z.array(Webhook)
})
export type CustomIntegration = z.infer<typeof CustomIntegration>

export const IntegrationResponse = z.looseObject({ integration: Integration })
export const IntegrationListResponse = z.looseObject({
  integrations: z.array(Integration),
  meta: PageMeta,
  links: PageLinks.optional()
})
export type IntegrationListResponse = z.infer<typeof IntegrationListResponse>

/** What we send to create a custom integration: exactly one webhook (schema `custom`). */
export const CustomIntegrationCreateBody = z.strictObject({
  type: z.literal('custom'),
  displayName: z.string().min(1).max(DISPLAY_NAME_MAX),
  webhooks: z.array(WebhookCreateBody).length(1)
})
export type CustomIntegrationCreateBody = z.infer<typeof CustomIntegrationCreateBody>

/** What we send to update an integration (schema `customUpdate`). */
export const IntegrationUpdateBody = z.strictObject({
  displayName: z.string().min(1).max(DISPLAY_NAME_MAX).nullable().optional()
})
export type IntegrationUpdateBody = z.infer<typeof IntegrationUpdateBody>

/** A switchboard: who answers a new conversation first. */
export const Switchboard = z.looseObject({
  id: z.string(),
  enabled: z.boolean(),
  defaultSwitchboardIntegrationId: z.string().nullable().optional()
})
export type Switchboard = z.infer<typeof Switchboard>
export const SwitchboardListResponse = z.looseObject({ switchboards: z.array(Switchboard) })

/** One participant of the switchboard (an integration that may take control). */
export const SwitchboardIntegration = z.looseObject({
  id: z.string(),
  name: z.string(),
  integrationId: z.string(),
  integrationType: z.string(),
  deliverStandbyEvents: z.boolean(),
  nextSwitchboardIntegrationId: z.string().nullable().optional(),
  /** How many past messages the integration gets when it takes control (1–10). */
  messageHistoryCount: z.number().int().nullable().optional()
})
export type SwitchboardIntegration = z.infer<typeof SwitchboardIntegration>
export const SwitchboardIntegrationListResponse = z.looseObject({
  switchboardIntegrations: z.array(SwitchboardIntegration)
})
export const SwitchboardIntegrationResponse = z.looseObject({ switchboardIntegration: SwitchboardIntegration })

/** Schema `name` of a switchboard integration: letters, digits, `-` and `_`, at most 128. */
export const SWITCHBOARD_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/

/** Most switchboard integrations a switchboard holds (`too_many_switchboard_integrations`). */
export const MAX_SWITCHBOARD_INTEGRATIONS = 10

/** What we send to update a switchboard (schema `switchboardUpdateBody`). */
export const SwitchboardUpdateBody = z.strictObject({
  enabled: z.boolean().optional(),
  defaultSwitchboardIntegrationId: z.string().optional()
})
export type SwitchboardUpdateBody = z.infer<typeof SwitchboardUpdateBody>

const switchboardIntegrationFields = {
  name: z.string().regex(SWITCHBOARD_NAME_PATTERN),
  integrationId: z.string(),
  integrationType: z.string(),
  deliverStandbyEvents: z.boolean(),
  nextSwitchboardIntegrationId: z.string().nullable(),
  messageHistoryCount: z.number().int().min(1).max(10).nullable()
}

/** What we send to add a switchboard integration (schema `switchboardIntegrationCreateBody`: `integrationId` or `integrationType`). */
export const SwitchboardIntegrationCreateBody = z
  .strictObject(switchboardIntegrationFields)
  .partial()
  .required({ name: true })
  .refine((b) => (b.integrationId === undefined) !== (b.integrationType === undefined), { message: 'One of integrationId or integrationType must be provided' })
export type SwitchboardIntegrationCreateBody = z.infer<typeof SwitchboardIntegrationCreateBody>

/** What we send to update a switchboard integration (schema `switchboardIntegrationUpdateBody`). */
export const SwitchboardIntegrationUpdateBody = z.strictObject(switchboardIntegrationFields).partial()
export type SwitchboardIntegrationUpdateBody = z.infer<typeof SwitchboardIntegrationUpdateBody>

/** What we send to update a channel integration (schema `integrationUpdateBase`): its own first responder. */
export const ChannelIntegrationUpdateBody = z.strictObject({
  displayName: z.string().min(1).max(DISPLAY_NAME_MAX).nullable().optional(),
  defaultResponderId: z.string().nullable().optional()
})
export type ChannelIntegrationUpdateBody = z.infer<typeof ChannelIntegrationUpdateBody>

/** What we send to move a conversation's control (schemas `passControlBody`, `offerControlBody`). */
export const PassControlBody = z.strictObject({
  switchboardIntegration: z.string().min(1),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
})
export type PassControlBody = z.infer<typeof PassControlBody>

/** A user's profile (schema `profile`). */
export const UserProfile = z.looseObject({
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  avatarUrl: z.string().nullable().optional(),
  locale: z.string().nullable().optional()
})

/** A user (schema `user`). */
export const User = z.looseObject({
  id: z.string(),
  externalId: z.string().nullable().optional(),
  /** The linked Zendesk Support user, when the messaging user is linked to one. */
  zendeskId: z.string().nullable().optional(),
  /** The brand of a brand-separated user. */
  brandId: z.string().nullable().optional(),
  authenticated: z.boolean().optional(),
  signedUpAt: z.string().nullable().optional(),
  profile: UserProfile.optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  identities: z.array(z.looseObject({ type: z.string(), value: z.string() })).optional()
})
export type User = z.infer<typeof User>
export const UserResponse = z.looseObject({ user: User })

/** What we send to create a (test) user (schema `userCreateBody`). */
export const UserCreateBody = z.strictObject({
  externalId: z.string().min(1).max(1024),
  signedUpAt: z.string().optional(),
  profile: z
    .strictObject({
      givenName: z.string().min(1).max(128).optional(),
      surname: z.string().min(1).max(128).optional(),
      email: z.string().min(1).max(128).optional(),
      avatarUrl: z.string().min(1).max(2048).optional(),
      locale: z.string().min(1).max(64).optional()
    })
    .optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
})
export type UserCreateBody = z.infer<typeof UserCreateBody>

/** The switchboard integration in control of a conversation, as conversations carry it. */
export const SwitchboardIntegrationRef = z.looseObject({
  id: z.string(),
  name: z.string(),
  integrationId: z.string(),
  integrationType: z.string()
})

/** A conversation (schema `conversation`). */
export const Conversation = z.looseObject({
  id: z.string(),
  type: z.enum(['personal', 'sdkGroup']).or(z.string()),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  activeSwitchboardIntegration: SwitchboardIntegrationRef.nullable().optional(),
  pendingSwitchboardIntegration: SwitchboardIntegrationRef.nullable().optional(),
  isDefault: z.boolean().optional(),
  displayName: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  lastUpdatedAt: z.string().nullable().optional()
})
export type Conversation = z.infer<typeof Conversation>
export const ConversationResponse = z.looseObject({ conversation: Conversation })

/** What we send to create a conversation: a personal one with exactly one participant. */
export const ConversationCreateBody = z.strictObject({
  type: z.literal('personal'),
  participants: z.array(z.strictObject({ userId: z.string() })).length(1),
  displayName: z.string().min(1).max(100).optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
})
export type ConversationCreateBody = z.infer<typeof ConversationCreateBody>

/** The author of a message (schema `author`). */
export const MessageAuthor = z.looseObject({
  type: z.enum(['user', 'business']),
  subtypes: z.array(z.string()).optional(),
  userId: z.string().optional(),
  displayName: z.string().optional(),
  avatarUrl: z.string().optional(),
  user: User.optional()
})
export type MessageAuthor = z.infer<typeof MessageAuthor>

/** Message content; only `text` is typed further (the product sends and reads only text). */
export const MessageContent = z.looseObject({ type: z.string(), text: z.string().optional() })

/** Where a message came from (schema `source`). */
export const MessageSource = z.looseObject({
  type: z.string().optional(),
  integrationId: z.string().nullable().optional(),
  originalMessageId: z.string().nullable().optional(),
  originalMessageTimestamp: z.string().nullable().optional()
})

/** A message (schema `message`). */
export const Message = z.looseObject({
  id: z.string(),
  received: z.string(),
  author: MessageAuthor,
  content: MessageContent,
  source: MessageSource.optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  deleted: z.boolean().nullable().optional()
})
export type Message = z.infer<typeof Message>
export const MessagePostResponse = z.looseObject({ messages: z.array(Message) })
export const MessageListResponse = z.looseObject({
  messages: z.array(Message),
  meta: PageMeta,
  links: PageLinks.optional()
})

/** What we send to post a text message (schema `messagePost`), as a user or as the business. */
export const MessagePostBody = z.strictObject({
  author: z.union([
    z.strictObject({ type: z.literal('user'), userId: z.string() }),
    z.strictObject({
      type: z.literal('business'),
      displayName: z.string().min(1).max(100).optional(),
      avatarUrl: z.string().min(1).max(2048).optional(),
      subtypes: z.array(z.enum(['AI'])).max(1).optional()
    })
  ]),
  content: z.strictObject({ type: z.literal('text'), text: z.string().min(1).max(4096) }),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
})
export type MessagePostBody = z.infer<typeof MessagePostBody>

/** An empty answer (`{}`), as DELETE returns. */
export const EmptyResponse = z.looseObject({})
