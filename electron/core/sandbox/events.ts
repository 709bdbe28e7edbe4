import type { Message } from '../../../shared/schemas/zendesk'
import { buildWebhookPayload, type BuildWebhookPayloadInput, type WebhookContentInput, type WebhookEventType } from '../../../shared/webhook-events'
import { buildLegacyPayload, legacyTriggersFor } from './legacy-payload'
import { receivesEvents } from './routing'
import { allWebhooks, cryptoRandom, type SandboxData, type StoredConversation, type StoredWebhook } from './state'

/**
 * Which webhooks an event goes to, with which body: every custom integration's webhook whose
 * triggers name the event (or `*`; or, on a v1/v1.1 webhook, the legacy trigger), when the
 * switchboard lets that integration see the conversation. v2 webhooks get the shared builder's
 * payload, older ones the legacy body.
 */

/** What the fan-out hands over to the deliverer. */
export type Deliver = (webhook: StoredWebhook, payload: object, eventType: string) => void

const subscribed = (w: StoredWebhook, type: WebhookEventType, author?: string): boolean =>
  w.triggers.includes('*') || w.triggers.includes(type) || (w.version !== 'v2' && legacyTriggersFor(type, author).some((t) => w.triggers.includes(t)))

/** The shared builder's input for one stored event: the user as stored, the message as posted. */
export const builderInput = (data: SandboxData, w: StoredWebhook, type: WebhookEventType, conv: StoredConversation, message?: Message): BuildWebhookPayloadInput => {
  const user = data.users.find((u) => u.id === conv.userId)
  const p = user?.profile
  const a = message?.author
  return {
    type,
    appId: data.app.id,
    webhookId: w.id,
    integrationId: message ? message.source?.integrationId : conv.channel.integrationId,
    user: {
      id: conv.userId,
      externalId: user?.externalId ?? null,
      ...(user && 'zendeskId' in user ? { zendeskId: user.zendeskId } : {}),
      ...(user && 'brandId' in user ? { brandId: user.brandId } : {}),
      displayName: a?.type === 'user' ? a.displayName : [p?.givenName, p?.surname].filter(Boolean).join(' ') || undefined,
      givenName: p?.givenName ?? undefined,
      surname: p?.surname ?? undefined,
      email: p?.email ?? undefined,
      avatarUrl: p?.avatarUrl ?? undefined,
      locale: p?.locale ?? undefined,
      signedUpAt: user?.signedUpAt ?? undefined,
      metadata: user?.metadata ?? undefined,
      authenticated: user?.authenticated
    },
    conversation: {
      id: conv.conversation.id,
      type: conv.conversation.type === 'sdkGroup' ? 'sdkGroup' : 'personal',
      metadata: conv.conversation.metadata ?? null,
      activeSwitchboardIntegration: conv.conversation.activeSwitchboardIntegration ?? null,
      pendingSwitchboardIntegration: conv.conversation.pendingSwitchboardIntegration ?? null
    },
    sourceType: message?.source?.type ?? conv.channel.sourceType,
    includeFullUser: w.includeFullUser,
    includeFullSource: w.includeFullSource,
    now: message?.received ?? conv.conversation.createdAt ?? new Date(),
    ids: message ? { messageId: message.id } : {},
    random: cryptoRandom,
    creationReason: conv.creationReason,
    ...(a ? { author: a.type, content: message.content as WebhookContentInput } : {}),
    ...(a?.type === 'business' ? { business: { displayName: a.displayName, avatarUrl: a.avatarUrl, subtypes: a.subtypes } } : {}),
    ...(message?.metadata ? { messageMetadata: message.metadata } : {})
  }
}

/** Sends one event to every webhook that should get it. */
export const fanOut = (data: SandboxData, deliver: Deliver, type: WebhookEventType, conv: StoredConversation, message?: Message): void => {
  for (const { integration, webhook } of allWebhooks(data)) {
    if (integration.type !== 'custom' || !subscribed(webhook, type, message?.author.type)) continue
    if (!receivesEvents(data, conv, integration.id)) continue
    if (webhook.version === 'v2') deliver(webhook, buildWebhookPayload(builderInput(data, webhook, type, conv, message)), type)
    else deliver(webhook, buildLegacyPayload(data, webhook, type, conv, message), legacyTriggersFor(type, message?.author.type)[0])
  }
}
