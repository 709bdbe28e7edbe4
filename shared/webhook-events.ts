import { z } from 'zod'
import { SwitchboardIntegrationRef, User, ZENDESK_ID_PATTERN } from './schemas/zendesk'

/**
 * The webhook payloads Zendesk POSTs to a custom integration's target (OpenAPI `x-webhooks`,
 * schemas `conversationCreateEvent`, `conversationMessageEvent`, `messageWebhook`, `authorWebhook`,
 * `sourceWebhook`, `content`). One module builds them (the sandbox's delivery, the gateway test
 * events), validates them (the simulated gateway, captured payloads) and names their options (the
 * CLI and the UI), so what we send is what Zendesk sends, for every author, content and channel.
 */

// --- Vocabularies -------------------------------------------------------------------------------

/** The two triggers the Aissist gateway subscribes to. */
export const WEBHOOK_EVENT_TYPES = ['conversation:create', 'conversation:message'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** Payload schema versions a webhook can have (`webhook.version`); only v2 has this module's shape. */
export const WEBHOOK_VERSIONS = ['v1', 'v1.1', 'v2'] as const
export type WebhookVersion = (typeof WEBHOOK_VERSIONS)[number]

/** Who wrote a message: the end user, or the business (an agent, a bot, the Aissist gateway itself). */
export const AUTHOR_TYPES = ['user', 'business'] as const
export type AuthorType = (typeof AUTHOR_TYPES)[number]

/** Message contents a gateway must handle (schema `content`; carousels, lists and forms are business-only). */
export const CONTENT_TYPES = ['text', 'image', 'file', 'location', 'formResponse'] as const
export type ContentType = (typeof CONTENT_TYPES)[number]

/**
 * Channels as Zendesk names them in `source.type`: the SDK channels (Web Widget, iOS, Android,
 * whose client type is `sdk`), the third-party channels (SMS arrives as `twilio` or `messagebird`)
 * and `api` for messages posted through the API.
 */
export const MESSAGE_SOURCES = ['web', 'ios', 'android', 'whatsapp', 'messenger', 'instagram', 'telegram', 'line', 'viber', 'twilio', 'messagebird', 'api'] as const
export type MessageSource = (typeof MESSAGE_SOURCES)[number]

/** The SDK channels: one `sdk` client with a device per browser or phone. */
export const SDK_SOURCES: readonly string[] = ['web', 'ios', 'android']

/** Plain names for the options, as a picker or `--help` shows them. */
export const AUTHOR_LABELS: Record<AuthorType, string> = { user: 'The customer', business: 'The business (an agent or the AI agent: the echo)' }
export const CONTENT_LABELS: Record<ContentType, string> = { text: 'Text', image: 'Image', file: 'File', location: 'Location', formResponse: 'Form response' }
export const SOURCE_LABELS: Record<MessageSource, string> = {
  web: 'Web Widget',
  ios: 'iOS app',
  android: 'Android app',
  whatsapp: 'WhatsApp',
  messenger: 'Facebook Messenger',
  instagram: 'Instagram',
  telegram: 'Telegram',
  line: 'LINE',
  viber: 'Viber',
  twilio: 'SMS (Twilio)',
  messagebird: 'SMS (MessageBird)',
  api: 'API'
}

/**
 * The first release's channel list, kept because the contract and the CLI accept it; `sms` is not a
 * Zendesk name and is sent as `twilio`. New code offers {@link MESSAGE_SOURCES}.
 */
export const SOURCE_TYPES = ['web', 'whatsapp', 'sms', 'messenger', 'instagram', 'telegram', 'line', 'viber', 'api', 'ios', 'android'] as const
export type SourceType = (typeof SOURCE_TYPES)[number]

/** Every channel a test event may name: Zendesk's names, and the first release's `sms`. */
export const TEST_EVENT_SOURCES = [...MESSAGE_SOURCES, 'sms'] as const
export type TestEventSource = (typeof TEST_EVENT_SOURCES)[number]

/** The `source.type` Zendesk sends for a channel name we accept (`sms` → `twilio`). */
export const sourceTypeOf = (source: string): string => (source === 'sms' ? 'twilio' : source)

/** The HTTP header carrying the webhook secret on every delivery. */
export const WEBHOOK_SECRET_HEADER = 'x-api-key'

/** Why a conversation was created (`conversationCreateEvent.payload.creationReason`). */
export const CREATION_REASONS = ['linkRequest', 'message', 'none', 'notification', 'prechatCapture', 'startConversation', 'proactiveMessaging'] as const
export type CreationReason = (typeof CREATION_REASONS)[number]

// --- Schemas ------------------------------------------------------------------------------------

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

/** Schemas `source` / `sourceWebhook`: `integrationId` is null for messages that came through no channel. */
export const WebhookSource = z.looseObject({
  type: z.string(),
  integrationId: z.string().nullable().optional(),
  originalMessageId: z.string().nullable().optional(),
  originalMessageTimestamp: z.string().nullable().optional(),
  client: WebhookClient.nullable().optional(),
  device: WebhookDevice.nullable().optional(),
  campaign: z.looseObject({ id: z.string().optional() }).nullable().optional()
})
export type WebhookSource = z.infer<typeof WebhookSource>

/** Schema `authorWebhook` (business authors carry the name and avatar they posted with). */
export const WebhookAuthor = z.looseObject({
  type: z.enum(AUTHOR_TYPES),
  userId: z.string().optional(),
  displayName: z.string().optional(),
  avatarUrl: z.string().optional(),
  subtypes: z.array(z.string()).optional(),
  user: User.optional()
})

const MediaContent = z.looseObject({
  mediaUrl: z.string().url(),
  mediaType: z.string().max(128).optional(),
  mediaSize: z.number().optional(),
  altText: z.string().max(128).optional(),
  text: z.string().optional()
})

/** Schema `formResponseMessageField` (`field`). */
export const FormResponseField = z.looseObject({
  type: z.enum(['email', 'select', 'text']),
  name: z.string().min(1).max(128),
  label: z.string().min(1).max(128),
  text: z.string().min(1).max(256).optional(),
  email: z.string().min(1).max(128).optional(),
  select: z.array(z.looseObject({})).optional()
})

/** The required fields of each content a gateway must read; other types (carousel, list…) pass as they are. */
const CONTENT_SHAPES: Record<string, z.ZodType> = {
  text: z.looseObject({ text: z.string().max(4096).optional() }),
  image: MediaContent,
  file: MediaContent,
  location: z.looseObject({
    coordinates: z.looseObject({ lat: z.number(), long: z.number() }),
    location: z.looseObject({ address: z.string().optional(), name: z.string().optional() }).optional(),
    text: z.string().optional()
  }),
  formResponse: z.looseObject({ fields: z.array(FormResponseField).min(1).max(20), textFallback: z.string().optional() })
}

/** Schema `content`: the type decides which fields are required. */
export const WebhookContent = z.looseObject({ type: z.string(), text: z.string().optional() }).superRefine((value, ctx) => {
  const shape = CONTENT_SHAPES[value.type]
  const r = shape?.safeParse(value)
  if (r && !r.success) for (const issue of r.error.issues) ctx.addIssue({ ...(issue as z.core.$ZodIssue), path: issue.path } as Parameters<typeof ctx.addIssue>[0])
})

/** Schema `messageWebhook`. */
export const WebhookMessage = z.looseObject({
  id: z.string(),
  received: z.string(),
  author: WebhookAuthor,
  content: WebhookContent,
  source: WebhookSource.optional(),
  quotedMessage: z.looseObject({ type: z.string() }).nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  deleted: z.boolean().nullable().optional()
})

/** Schema `conversationTruncated` (`metadata` is null on many real conversations). */
export const WebhookConversation = z.looseObject({
  id: z.string(),
  type: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
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
    creationReason: z.enum(CREATION_REASONS).optional(),
    source: WebhookSource.optional(),
    user: User.nullable().optional(),
    referral: z.looseObject({}).nullable().optional()
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

// --- Validating a captured payload ----------------------------------------------------------------

/** The first thing wrong with a payload: where (`events[0].payload.message.author.type`) and what, in plain words. */
export interface PayloadProblem {
  path: string
  message: string
}

export type PayloadCheck = { ok: true; payload: WebhookPayload } | { ok: false; problem: PayloadProblem }

const pathText = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || '(the whole payload)'

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), root)

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null'
}

const describeIssue = (issue: z.core.$ZodIssue, root: unknown): string => {
  const value = valueAt(root, issue.path)
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? 'is missing' : `must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected} (it is ${kindOf(value)})`
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')} (it is ${value === undefined ? 'missing' : kindOf(value)})`
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? `must be ${(issue.options as unknown[]).map((v) => JSON.stringify(v)).join(' or ')} (it is ${value === undefined ? 'missing' : kindOf(value)})`
        : 'does not match any shape Zendesk sends'
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} item(s)` : `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' character(s) long' : ''}`
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} item(s)` : `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' character(s) long' : ''}`
    case 'invalid_format':
      return `must be a valid ${issue.format === 'url' ? 'URL' : issue.format} (it is ${kindOf(value)})`
    default:
      return issue.message
  }
}

/**
 * Checks a captured or hand-written payload against what Zendesk sends (v2, the two events Aissist
 * subscribes to) and names the FIRST invalid field by its path, in words a person can act on.
 */
export const validateWebhookPayload = (value: unknown): PayloadCheck => {
  const version = valueAt(value, ['webhook', 'version'])
  if (typeof version === 'string' && version !== 'v2') {
    return { ok: false, problem: { path: 'webhook.version', message: `webhook.version is ${JSON.stringify(version)}: only v2 payloads have this shape (v1 and v1.1 differ)` } }
  }
  const r = WebhookPayload.safeParse(value)
  if (r.success) return { ok: true, payload: r.data }
  const first = r.error.issues[0]
  const path = pathText(first.path)
  return { ok: false, problem: { path, message: `${path} ${describeIssue(first, value)}` } }
}

/** {@link validateWebhookPayload} for the text of a file: a JSON syntax error is the first problem. */
export const validateWebhookPayloadJson = (text: string): PayloadCheck => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, problem: { path: '(the whole payload)', message: `The payload is not valid JSON: ${e instanceof Error ? e.message : String(e)}` } }
  }
  return validateWebhookPayload(value)
}

// --- Building a payload ---------------------------------------------------------------------------

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

/** The user as the event should describe them. */
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
  /** The linked Zendesk Support user (`userTruncated.zendeskId`); null when not linked. */
  zendeskId?: string | null
  /** The brand of a brand-separated user. */
  brandId?: string | null
  metadata?: Record<string, unknown>
}

/** The conversation as the event should describe it. */
export interface WebhookConversationInput {
  id: string
  type?: 'personal' | 'sdkGroup'
  /** Sent as given, null included (real conversations often carry `metadata: null`). */
  metadata?: Record<string, unknown> | null
  activeSwitchboardIntegration?: z.infer<typeof SwitchboardIntegrationRef> | null
  pendingSwitchboardIntegration?: z.infer<typeof SwitchboardIntegrationRef> | null
}

/** The business author of an echo: the name and avatar the reply was posted with. */
export interface WebhookBusinessInput {
  displayName?: string
  avatarUrl?: string
  subtypes?: string[]
}

/** IDs the builder would otherwise draw at random (tests and replays fix them). */
export interface WebhookIdsInput {
  eventId?: string
  messageId?: string
  clientId?: string
  deviceId?: string
  originalMessageId?: string
}

/** One submitted form field. */
export type FormResponseFieldInput = z.infer<typeof FormResponseField>

/** A message's content, as the builder puts it in `message.content`. */
export type WebhookContentInput =
  | { type: 'text'; text: string }
  | { type: 'image' | 'file'; mediaUrl: string; mediaType?: string; mediaSize?: number; altText?: string; text?: string }
  | { type: 'location'; coordinates: { lat: number; long: number }; location?: { address?: string; name?: string }; text?: string }
  | { type: 'formResponse'; fields: FormResponseFieldInput[]; textFallback?: string }

export interface BuildWebhookPayloadInput {
  type: WebhookEventType
  appId: string
  webhookId: string
  /** The channel integration the message came through (`source.integrationId`); null: none (sent as null). */
  integrationId?: string | null
  user: WebhookUserInput
  conversation: WebhookConversationInput
  /** The message's text (conversation:message); also the caption of an image or file. */
  text?: string
  /** The channel (`source.type`), see {@link MESSAGE_SOURCES}; `sms` is sent as `twilio`. */
  sourceType: MessageSource | SourceType | (string & {})
  includeFullUser: boolean
  includeFullSource: boolean
  /** When the event happened; also the message's `received`. */
  now: Date | string | number
  ids?: WebhookIdsInput
  /** Random source for the IDs not given in `ids` (default Math.random). */
  random?: () => number
  /** conversation:create only; defaults to `message` (a user wrote first). */
  creationReason?: CreationReason
  /** conversation:message only: who wrote it (default `user`); `business` is the echo of a reply. */
  author?: AuthorType
  /** The business author's name and avatar (the profile's agent, for an echo of Aissist's reply). */
  business?: WebhookBusinessInput
  /** A content type (a realistic sample is made, captioned with `text`) or the exact content. */
  content?: ContentType | WebhookContentInput
  /** The message's own metadata (`message.metadata`), null included. */
  messageMetadata?: Record<string, unknown> | null
}

/** A realistic message of the given content type, as a customer would send it on a channel. */
export const sampleContent = (type: ContentType, opts: { text?: string; userName?: string; email?: string; mediaBaseUrl?: string } = {}): WebhookContentInput => {
  const media = opts.mediaBaseUrl ?? 'https://media.example.com/sc/attachments'
  const caption = opts.text ? { text: opts.text } : {}
  switch (type) {
    case 'image':
      return { type, mediaUrl: `${media}/photo.jpg`, mediaType: 'image/jpeg', mediaSize: 48213, altText: 'photo.jpg', ...caption }
    case 'file':
      return { type, mediaUrl: `${media}/invoice.pdf`, mediaType: 'application/pdf', mediaSize: 120433, altText: 'invoice.pdf', ...caption }
    case 'location':
      return {
        type,
        coordinates: { lat: 45.5261583, long: -73.595346 },
        location: { address: '5333 avenue Casgrain', name: 'Zendesk Montréal' },
        text: 'Location shared:\nhttps://maps.google.com/maps?q=45.5261583,-73.595346'
      }
    case 'formResponse': {
      const name = opts.userName || 'Test Customer'
      const email = opts.email || 'test.customer@example.com'
      return {
        type,
        fields: [
          { type: 'text', name: 'name', label: 'Your name', text: name },
          { type: 'email', name: 'email', label: 'Email', email }
        ],
        textFallback: `Your name: ${name}\nEmail: ${email}`
      }
    }
    default:
      return { type: 'text', text: opts.text ?? '' }
  }
}

const buildUser = (u: WebhookUserInput, full: boolean): z.infer<typeof User> => {
  const truncated = {
    id: u.id,
    ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
    ...(u.zendeskId !== undefined ? { zendeskId: u.zendeskId } : {}),
    ...(u.brandId !== undefined ? { brandId: u.brandId } : {}),
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
    metadata: u.metadata ?? {},
    identities: u.email ? [{ type: 'email', value: u.email }] : []
  }
}

const isApiSource = (type: string): boolean => type === 'api' || type.startsWith('api:')

/** The user's client (and device, on SDK channels), as `includeFullSource` adds them. */
const addClient = (source: WebhookSource, input: BuildWebhookPayloadInput, at: string, id: () => string): void => {
  const type = source.type
  const sdk = SDK_SOURCES.includes(type)
  const integrationId = input.integrationId ?? undefined
  const clientId = input.ids?.clientId ?? id()
  source.client = {
    id: clientId,
    type: sdk ? 'sdk' : type,
    status: 'active',
    integrationId: sdk ? null : (integrationId ?? null),
    externalId: sdk ? null : (input.user.externalId ?? input.user.id),
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
      type,
      guid: id(),
      clientId,
      status: 'active',
      ...(integrationId ? { integrationId } : {}),
      lastSeen: at,
      info: {}
    }
  }
}

/**
 * `source` of an event: `forMessage` adds the channel's message ids (and allows a null
 * `integrationId`, as schema `source` does); the user's client only with `includeFullSource`, and
 * never for business messages or the API, which have none.
 */
const buildSource = (input: BuildWebhookPayloadInput, at: string, id: () => string, forMessage: boolean): WebhookSource => {
  const type = sourceTypeOf(input.sourceType)
  const business = forMessage && input.author === 'business'
  const noChannelIds = SDK_SOURCES.includes(type) || isApiSource(type) || business
  const integrationId = input.integrationId === null ? (forMessage ? { integrationId: null } : {}) : input.integrationId ? { integrationId: input.integrationId } : {}
  const source: WebhookSource = {
    type,
    ...integrationId,
    ...(forMessage
      ? { originalMessageId: noChannelIds ? null : (input.ids?.originalMessageId ?? id()), originalMessageTimestamp: noChannelIds ? null : at }
      : {})
  }
  if (input.includeFullSource && !business && !isApiSource(type)) addClient(source, input, at, id)
  return source
}

const buildAuthor = (input: BuildWebhookPayloadInput): z.infer<typeof WebhookAuthor> => {
  if (input.author === 'business') {
    const b = input.business ?? {}
    return {
      type: 'business',
      ...(b.displayName ? { displayName: b.displayName } : {}),
      ...(b.avatarUrl ? { avatarUrl: b.avatarUrl } : {}),
      ...(b.subtypes?.length ? { subtypes: b.subtypes } : {})
    }
  }
  return {
    userId: input.user.id,
    ...(input.user.displayName ? { displayName: input.user.displayName } : {}),
    ...(input.user.avatarUrl ? { avatarUrl: input.user.avatarUrl } : {}),
    type: 'user',
    user: buildUser(input.user, input.includeFullUser)
  }
}

const buildContent = (input: BuildWebhookPayloadInput): WebhookContentInput => {
  const c = input.content
  if (c === undefined) return { type: 'text', text: input.text ?? '' }
  if (typeof c === 'string') return sampleContent(c, { text: input.text, userName: input.user.displayName, email: input.user.email })
  return c
}

const buildConversation = (c: WebhookConversationInput): z.infer<typeof WebhookConversation> => ({
  id: c.id,
  type: c.type ?? 'personal',
  ...(c.metadata !== undefined ? { metadata: c.metadata } : {}),
  ...(c.activeSwitchboardIntegration ? { activeSwitchboardIntegration: c.activeSwitchboardIntegration } : {}),
  ...(c.pendingSwitchboardIntegration ? { pendingSwitchboardIntegration: c.pendingSwitchboardIntegration } : {})
})

const buildEvent = (input: BuildWebhookPayloadInput, at: string, id: () => string): AissistWebhookEvent => {
  const base = { id: input.ids?.eventId ?? id(), createdAt: at }
  const conversation = buildConversation(input.conversation)
  if (input.type === 'conversation:create') {
    return {
      ...base,
      type: 'conversation:create',
      payload: { conversation, user: buildUser(input.user, input.includeFullUser), creationReason: input.creationReason ?? 'message', source: buildSource(input, at, id, false) }
    }
  }
  const message = {
    id: input.ids?.messageId ?? id(),
    received: at,
    author: buildAuthor(input),
    content: buildContent(input),
    source: buildSource(input, at, id, true),
    ...(input.messageMetadata !== undefined ? { metadata: input.messageMetadata } : {})
  }
  return { ...base, type: 'conversation:message', payload: { conversation, message } }
}

/**
 * Builds the exact body Zendesk POSTs for one `conversation:create` or `conversation:message`
 * event (webhook version v2): any author (the business author is the echo Zendesk sends of every
 * reply, the gateway's own included), content and channel, with the full user and source only
 * when the webhook asks for them, as Zendesk does. Pure: time and randomness come in through
 * `now` and `random`/`ids`.
 */
export const buildWebhookPayload = (input: BuildWebhookPayloadInput): WebhookPayload => {
  const random = input.random ?? Math.random
  const id = (): string => randomHexId(random)
  const at = new Date(input.now).toISOString()
  return {
    app: { id: input.appId },
    webhook: { id: input.webhookId, version: 'v2' },
    events: [buildEvent(input, at, id)]
  }
}
