import type { Message } from '../../../shared/schemas/zendesk'
import { sampleContent, sourceTypeOf, type WebhookContentInput } from '../../../shared/webhook-events'
import { isSimResponse } from './http'
import type { SandboxRuntime } from './runtime'
import { seedChannel } from './seed'
import { newId, type ConversationChannel, type SandboxData, type StoredConversation } from './state'
import type { SimulatedUserMessage } from './types'
import { openConversation } from './zendesk/conversations'
import { appendMessage, checkContent } from './zendesk/messages'
import { createUserRecord } from './zendesk/users'

/**
 * The simulated customer: writes through a channel (Web Widget by default, any channel Zendesk
 * names), as a new user in a new conversation or into an existing one, with any content. What
 * happens next (conversation:create, conversation:message, the gateway's reply, its echo) is what
 * a real account does.
 */

const isApi = (sourceType: string): boolean => sourceType === 'api' || sourceType.startsWith('api:')

/** The channel integration a source type comes through; added when the account lacks it. */
const channelFor = (data: SandboxData, sourceType: string): ConversationChannel => {
  if (isApi(sourceType)) return { integrationId: null, sourceType }
  const integration = data.integrations.find((i) => i.type === sourceType) ?? seedChannel(data, { type: sourceType, displayName: `${sourceType} channel` })
  return { integrationId: integration.id, sourceType }
}

const contentOf = (input: SimulatedUserMessage, userName: string): WebhookContentInput => {
  const c = typeof input.content === 'string' ? sampleContent(input.content, { text: input.text, userName }) : (input.content ?? { type: 'text' as const, text: input.text ?? '' })
  if (c.type === 'formResponse') return c
  const checked = checkContent(c as unknown as Record<string, unknown>)
  if ('code' in checked) throw new Error(`Sandbox refused the simulated message: ${checked.title}`)
  return checked
}

const newConversation = (rt: SandboxRuntime, input: SimulatedUserMessage, channel: ConversationChannel): StoredConversation => {
  const u = input.user ?? {}
  const user = createUserRecord(rt.data, { externalId: `sandbox-user-${newId()}`, profile: { givenName: u.givenName ?? 'Sandy', surname: u.surname ?? 'Tester' } }, { zendeskId: u.zendeskId, brandId: u.brandId })
  if (isSimResponse(user)) throw new Error(`Sandbox refused the simulated user: ${JSON.stringify(user.body)}`)
  return openConversation(rt.data, rt.effects, { user, channel, creationReason: 'message', metadata: input.conversationMetadata ?? null })
}

/** A test user writes; webhooks fire as Zendesk fires them. */
export const simulateUserMessage = (rt: SandboxRuntime, input: SimulatedUserMessage): { conversationId: string; messageId: string } => {
  const { data } = rt
  const existing = input.conversationId ? data.conversations.find((c) => c.conversation.id === input.conversationId) : undefined
  if (input.conversationId && !existing) throw new Error(`Sandbox refused the simulated message: conversation ${input.conversationId} not found`)
  const channel = input.sourceType || !existing ? channelFor(data, sourceTypeOf(input.sourceType ?? 'web')) : existing.channel
  const conv = existing ?? newConversation(rt, input, channel)
  const p = data.users.find((u) => u.id === conv.userId)?.profile
  const name = [p?.givenName, p?.surname].filter(Boolean).join(' ') || 'Sandbox User'
  const message: Message = {
    id: newId(),
    received: new Date().toISOString(),
    author: { type: 'user', userId: conv.userId, displayName: name, ...(p?.avatarUrl ? { avatarUrl: p.avatarUrl } : {}) },
    content: contentOf(input, name),
    source: { type: channel.sourceType, integrationId: channel.integrationId },
    metadata: null
  }
  appendMessage(data, rt.effects, conv, message)
  return { conversationId: conv.conversation.id, messageId: message.id }
}
