import type { Message } from '../../../shared/schemas/zendesk'
import type { WebhookEventType } from '../../../shared/webhook-events'
import type { SandboxData, StoredConversation, StoredWebhook } from './state'

/**
 * The payloads of `v1` and `v1.1` webhooks (Smooch's legacy format: `trigger`, `appUser`,
 * `messages[].role`, `_id` keys, times in seconds), which a v2 gateway cannot read. The sandbox
 * sends them so a webhook left on an old version fails as it does against a real account. The
 * small differences between v1 and v1.1 are not modelled; both say which they are in `version`.
 */

/** The legacy trigger names of the two events (`message` covers both authors). */
export const legacyTriggersFor = (type: WebhookEventType, author?: string): string[] =>
  type === 'conversation:create' ? ['conversation:start'] : author === 'business' ? ['message:appMaker', 'message'] : ['message:appUser', 'message']

const seconds = (iso: string): number => Date.parse(iso) / 1000

/** The legacy body for one event. */
export const buildLegacyPayload = (data: SandboxData, webhook: StoredWebhook, type: WebhookEventType, conv: StoredConversation, message?: Message): Record<string, unknown> => {
  const user = data.users.find((u) => u.id === conv.userId)
  const trigger = legacyTriggersFor(type, message?.author.type)[0]
  return {
    trigger,
    version: webhook.version,
    app: { _id: data.app.id },
    appUser: {
      _id: conv.userId,
      userId: user?.externalId ?? undefined,
      givenName: user?.profile?.givenName ?? undefined,
      surname: user?.profile?.surname ?? undefined,
      signedUpAt: user?.signedUpAt ?? undefined,
      conversationStarted: true,
      properties: {},
      clients: []
    },
    conversation: { _id: conv.conversation.id },
    ...(message
      ? {
          messages: [
            {
              _id: message.id,
              type: message.content.type,
              text: message.content.text ?? '',
              role: message.author.type === 'user' ? 'appUser' : 'appMaker',
              ...(message.author.type === 'user' ? { authorId: conv.userId } : {}),
              name: message.author.displayName ?? '',
              avatarUrl: message.author.avatarUrl ?? undefined,
              received: seconds(message.received),
              source: { type: message.source?.type ?? 'api' }
            }
          ]
        }
      : {}),
    timestamp: seconds(message?.received ?? conv.conversation.createdAt ?? new Date().toISOString())
  }
}
