import { randomInt } from 'node:crypto'
import { validateRawPayload, describePayloadIssues } from '../../../shared/gateway/payload-edit'
import type { Profile } from '../../../shared/schemas/profile'
import {
  buildWebhookPayload,
  randomHexId,
  validateWebhookPayloadJson,
  type AuthorType,
  type ContentType,
  type TestEventSource,
  type WebhookEventType,
  type WebhookPayload
} from '../../../shared/webhook-events'
import type { HistoryEntry } from '../../../shared/contract/test-events'
import { AppFailure } from '../errors'
import type { Services } from '../services'
import { appendHistory, newHistoryId } from './history'
import { maskedWebhookRequest, sendWebhookEvent, type GatewayResponse } from './send-event'

/** Unguessable IDs, like Zendesk's. */
export const cryptoRandom = (): number => randomInt(0, 2 ** 32) / 2 ** 32

export interface TestEventOptions {
  type: WebhookEventType
  text?: string
  userName?: string
  sourceType?: TestEventSource
  /** conversation:message: the customer (default) or the business — the echo of a reply, with the agent's name and avatar. */
  author?: AuthorType
  /** conversation:message: text (default), image, file, location or a form response. */
  content?: ContentType
  now?: Date | string | number
  random?: () => number
}

/** What a test user writes when the composer is left as it is. */
export const DEFAULT_TEST_TEXT = 'Hello! This is a test message from Aissist Zendesk Setup.'
export const DEFAULT_TEST_USER = 'Test Customer'

/**
 * Builds the payload Zendesk would POST for this profile's webhook: its app ID, its webhook ID and
 * the Aissist integration as the conversation's active switchboard integration when setup recorded
 * them (the gateway looks these up), realistic random IDs otherwise; full user and full source, as
 * the integration asks for. A business author is the echo Zendesk sends of every reply: the
 * customer's agent name and avatar, as the gateway posted them.
 */
export const buildTestEvent = (profile: Pick<Profile, 'appId' | 'webhookId' | 'integrationId'> & Partial<Pick<Profile, 'agentName' | 'avatarUrl'>>, opts: TestEventOptions): WebhookPayload => {
  const random = opts.random ?? cryptoRandom
  const id = (): string => randomHexId(random)
  const name = opts.userName?.trim() || DEFAULT_TEST_USER
  return buildWebhookPayload({
    type: opts.type,
    appId: profile.appId,
    webhookId: profile.webhookId ?? id(),
    // source.integrationId is the channel's integration (web widget, WhatsApp number…), not Aissist's.
    integrationId: id(),
    user: { id: id(), displayName: name, externalId: `aissist-test-${id().slice(0, 8)}`, email: 'test.customer@example.com' },
    conversation: {
      id: id(),
      type: 'personal',
      activeSwitchboardIntegration: profile.integrationId
        ? { id: id(), name: 'aissist', integrationId: profile.integrationId, integrationType: 'custom' }
        : null
    },
    text: opts.type === 'conversation:message' ? (opts.text ?? DEFAULT_TEST_TEXT) : undefined,
    sourceType: opts.sourceType ?? 'web',
    includeFullUser: true,
    includeFullSource: true,
    now: opts.now ?? new Date(),
    random,
    creationReason: 'message',
    ...(opts.type === 'conversation:message' && opts.content ? { content: opts.content } : {}),
    ...(opts.type === 'conversation:message' && opts.author === 'business'
      ? {
          author: 'business' as const,
          business: {
            ...(profile.agentName?.trim() ? { displayName: profile.agentName.trim() } : {}),
            ...(profile.avatarUrl?.trim() ? { avatarUrl: profile.avatarUrl.trim() } : {})
          }
        }
      : {})
  })
}

/**
 * A captured payload (a file's text) checked against what Zendesk sends, or a clear error naming
 * its first invalid field. The payload is sent as it was written, not rebuilt.
 */
export const capturedPayload = (text: string, source: string): WebhookPayload => {
  const r = validateWebhookPayloadJson(text)
  if (!r.ok) {
    throw new AppFailure({
      code: 'invalid-payload',
      message: `${source} is not a webhook payload Zendesk sends: ${r.problem.message}.`,
      fix: `Correct ${r.problem.path} in ${source} (a captured conversation:create or conversation:message body, webhook version v2), then send it again.`,
      details: { path: r.problem.path }
    })
  }
  // The value as written (key order, extra fields), not the schema's parsed copy.
  return JSON.parse(text) as WebhookPayload
}

export interface SendTestEventInput {
  profileRef: string
  type: WebhookEventType
  text?: string
  userName?: string
  sourceType?: TestEventSource
  author?: AuthorType
  content?: ContentType
  /** JSON of a whole payload (the raw editor), validated against the schema. */
  rawPayload?: string
  /** A secret typed for this send; never stored. */
  secretOverride?: string
  timeoutMs?: number
  signal?: AbortSignal
  /** Replays record which entry they repeat. */
  replayOf?: string
  /** A payload already built (replay, burst). */
  payload?: WebhookPayload
  /** Do not write to the history (burst). */
  noHistory?: boolean
}

/** The payload to send: raw JSON when given (validated), else built from the composer's fields. */
export const payloadFor = (profile: Profile, input: Pick<SendTestEventInput, 'type' | 'text' | 'userName' | 'sourceType' | 'author' | 'content' | 'rawPayload' | 'payload'>): WebhookPayload => {
  if (input.payload) return input.payload
  if (input.rawPayload !== undefined) {
    const r = validateRawPayload(input.rawPayload)
    if (!r.ok) {
      throw new AppFailure({
        code: 'invalid-payload',
        message: `The edited payload is not what Zendesk sends: ${describePayloadIssues(r.issues)}.`,
        fix: 'Correct the fields named above, or switch off the raw editor to start from a generated payload.',
        details: { issues: r.issues }
      })
    }
    return r.payload
  }
  return buildTestEvent(profile, { type: input.type, text: input.text, userName: input.userName, sourceType: input.sourceType, author: input.author, content: input.content })
}

/** The request that would be sent, with the secret masked, without sending it. */
export const previewTestEvent = async (services: Services, input: Omit<SendTestEventInput, 'signal'>): Promise<{ request: GatewayResponse['request']; payload: WebhookPayload }> => {
  const profile = await services.vault.getProfile(input.profileRef)
  const payload = payloadFor(profile, input)
  return { request: maskedWebhookRequest(new URL(profile.gatewayUrl).toString(), payload), payload }
}

/** The webhook secret to send: the typed one, or the keychain's (both registered for redaction). */
export const secretFor = async (services: Services, profile: Profile, override?: string): Promise<string> => {
  if (override) {
    services.secrets.add(override)
    return override
  }
  return services.vault.getSecret(profile.id, 'webhookSecret')
}

/**
 * Sends one test event to the customer's gateway as Zendesk would and records it in the customer's
 * history (without the secret). The answer is what the UI, the CLI and diagnose show.
 */
export const sendTestEvent = async (services: Services, input: SendTestEventInput): Promise<{ response: GatewayResponse; historyId: string }> => {
  const profile = await services.vault.getProfile(input.profileRef)
  const secret = await secretFor(services, profile, input.secretOverride)
  return sendTestEventWith(services, profile, { value: secret, source: input.secretOverride ? 'typed' : 'keychain' }, input)
}

/** {@link sendTestEvent} for a customer record and secret already read (setup's step 8 sends two in a row). */
export const sendTestEventWith = async (
  services: Services,
  profile: Profile,
  secret: { value: string; source: HistoryEntry['secretSource'] },
  input: Omit<SendTestEventInput, 'profileRef' | 'secretOverride'>
): Promise<{ response: GatewayResponse; historyId: string }> => {
  const payload = payloadFor(profile, input)
  const response = await sendWebhookEvent({ url: profile.gatewayUrl, secret: secret.value, payload, timeoutMs: input.timeoutMs, allowPrivate: profile.allowPrivate, signal: input.signal })
  const historyId = newHistoryId(profile.id)
  const entry: HistoryEntry = {
    id: historyId,
    profileId: profile.id,
    at: new Date().toISOString(),
    type: payload.events[0]?.type ?? input.type,
    secretSource: secret.source,
    ...(input.replayOf ? { replayOf: input.replayOf } : {}),
    response
  }
  if (!input.noHistory) await appendHistory(services.dataDir, entry, [secret.value])
  services.logger.info('test event sent', { profileId: profile.id, type: entry.type, status: response.status, verdict: response.zendeskView.verdict, totalMs: response.timings.totalMs })
  return { response, historyId }
}
