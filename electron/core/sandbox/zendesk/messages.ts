import type { Message } from '../../../../shared/schemas/zendesk'
import type { WebhookContentInput } from '../../../../shared/webhook-events'
import type { SimResponse } from '../http'
import { initialResponder, setActive } from '../routing'
import { newId, type SandboxData, type StoredConversation } from '../state'
import type { ZendeskEffects } from './context'
import { errs, ok, type ZendeskErrorItem } from './errors'
import { isPage, pageOf } from './pagination'
import { API_CHANNEL, withConversation } from './conversations'

/**
 * Tag Messages: list (cursor pages) and post, as the user or as the business. Every message,
 * whoever wrote it, fires `conversation:message`: the business's own replies come back to the
 * webhooks as an echo, as Zendesk sends them.
 */

/** Most messages a conversation holds (`423 locked` after). */
export const MESSAGE_LIMIT = 30_000

const MEDIA_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf', txt: 'text/plain' }

const isHttpUrl = (v: unknown): v is string => {
  try {
    return typeof v === 'string' && /^https?:$/.test(new URL(v).protocol)
  } catch {
    return false
  }
}

const mediaTypeOf = (url: string): string => MEDIA_TYPES[new URL(url).pathname.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream'

/** Checks a posted content (text, image, file, location) and returns it as stored, or the error. */
export const checkContent = (content: Record<string, unknown> | undefined): WebhookContentInput | ZendeskErrorItem => {
  const bad = (title: string): ZendeskErrorItem => ({ code: 'bad_request', title })
  const c = content ?? {}
  switch (c.type) {
    case 'text':
      return typeof c.text === 'string' && c.text.length >= 1 && c.text.length <= 4096 ? { type: 'text', text: c.text } : bad('content must be a text message of 1 to 4096 characters')
    case 'image':
    case 'file': {
      if (!isHttpUrl(c.mediaUrl)) return bad('content.mediaUrl must be a valid URL')
      if (c.altText !== undefined && (typeof c.altText !== 'string' || c.altText.length > 128)) return bad('content.altText must be at most 128 characters')
      const text = typeof c.text === 'string' && c.text ? { text: c.text } : {}
      const altText = typeof c.altText === 'string' ? c.altText : (new URL(c.mediaUrl).pathname.split('/').pop() ?? c.type)
      return { type: c.type, mediaUrl: c.mediaUrl, mediaType: mediaTypeOf(c.mediaUrl), altText, ...text }
    }
    case 'location': {
      const co = c.coordinates as { lat?: unknown; long?: unknown } | undefined
      if (typeof co?.lat !== 'number' || typeof co.long !== 'number') return bad('content.coordinates must have a numeric lat and long')
      const loc = c.location as { address?: string; name?: string } | undefined
      return { type: 'location', coordinates: { lat: co.lat, long: co.long }, ...(loc ? { location: loc } : {}), text: `Location shared:\nhttps://maps.google.com/maps?q=${co.lat},${co.long}` }
    }
    case 'formResponse':
      return bad('formResponse messages cannot be sent through the API')
    default:
      return c.type === undefined ? bad('content must be a text message of 1 to 4096 characters') : bad(`content.type ${String(c.type)} is not supported by the sandbox`)
  }
}

/**
 * Stores a message and fires conversation:message for it. A user writing into a conversation
 * nobody controls (after releaseControl) hands it to its first responder again.
 */
export const appendMessage = (data: SandboxData, effects: ZendeskEffects, conv: StoredConversation, message: Message): Message => {
  if (message.author.type === 'user' && !conv.conversation.activeSwitchboardIntegration) setActive(conv, initialResponder(data, conv.channel.integrationId))
  conv.messages.push(message)
  conv.conversation.lastUpdatedAt = message.received
  effects.messagePosted(conv, message)
  return message
}

/** The author as Zendesk stores it: the user's name from their profile; the business's as posted. */
const authorOf = (data: SandboxData, conv: StoredConversation, author: Record<string, unknown>): Message['author'] => {
  if (author.type === 'user') {
    const p = data.users.find((u) => u.id === conv.userId)?.profile
    const name = [p?.givenName, p?.surname].filter(Boolean).join(' ') || 'Sandbox User'
    return { type: 'user', userId: conv.userId, displayName: name, ...(p?.avatarUrl ? { avatarUrl: p.avatarUrl } : {}) }
  }
  return {
    type: 'business',
    ...(author.displayName ? { displayName: author.displayName as string } : {}),
    ...(author.avatarUrl ? { avatarUrl: author.avatarUrl as string } : {}),
    ...(author.subtypes ? { subtypes: author.subtypes as string[] } : {})
  }
}

export const postMessage = withConversation(({ data, effects, body }, conv): SimResponse => {
  const author = body.author as Record<string, unknown> | undefined
  const errors: ZendeskErrorItem[] = []
  if (!author || (author.type !== 'user' && author.type !== 'business')) errors.push({ code: 'bad_request', title: 'author.type must be user or business' })
  if (author?.type === 'user' && author.userId !== conv.userId) errors.push({ code: 'bad_request', title: 'author.userId is not a participant of this conversation' })
  const content = checkContent(body.content as Record<string, unknown> | undefined)
  if ('code' in content) errors.push(content)
  if (errors.length || 'code' in content) return errs(400, errors)
  if (conv.messages.length >= MESSAGE_LIMIT) return errs(423, [{ code: 'locked', title: 'Conversation has reached its message limit' }])
  const isUser = author?.type === 'user'
  const message = appendMessage(data, effects, conv, {
    id: newId(),
    received: new Date().toISOString(),
    author: authorOf(data, conv, author!),
    content,
    // Posted through the API, by either author: the source is the API, with no channel integration.
    source: isUser ? { type: API_CHANNEL.sourceType, integrationId: null } : { type: API_CHANNEL.sourceType },
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? null
  })
  return ok({ messages: [message] }, 201)
})

export const listMessages = withConversation(({ query, baseUrl, path }, conv) => {
  const r = pageOf(conv.messages, query, baseUrl, path)
  if (!isPage(r)) return r
  return ok({ messages: r.page, meta: r.meta, links: r.links })
})
