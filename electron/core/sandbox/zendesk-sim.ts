import {
  CustomIntegrationCreateBody,
  DISPLAY_NAME_MAX,
  MAX_WEBHOOKS_PER_APP,
  type Message,
  type User
} from '../../../shared/schemas/zendesk'
import { newId, newSecret, type SandboxData, type StoredIntegration, type StoredWebhook } from './state'

/** A simulated answer, written (or withheld, for a lost-answer fault) by the server. */
export interface SimResponse {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** Side effects the simulated Zendesk asks the sandbox to perform after answering. */
export interface ZendeskEffects {
  webhookCreated(webhook: StoredWebhook): void
  conversationCreated(conversationId: string): void
  userMessagePosted(conversationId: string, message: Message): void
}

const err = (status: number, code: string, title: string): SimResponse => ({ status, body: { errors: [{ code, title }] } })
const errs = (status: number, list: { code: string; title: string }[]): SimResponse => ({ status, body: { errors: list } })

const publicWebhook = (w: StoredWebhook): StoredWebhook => ({ ...w })
const publicIntegration = (i: StoredIntegration): Record<string, unknown> => ({
  id: i.id,
  type: i.type,
  status: i.status,
  displayName: i.displayName,
  ...(i.webhooks ? { webhooks: i.webhooks.map(publicWebhook) } : {})
})

const countWebhooks = (data: SandboxData): number => data.integrations.reduce((n, i) => n + (i.webhooks?.length ?? 0), 0)

/** Checks a webhook body the way Zendesk does; returns every error at once (400 may list several). */
const webhookErrors = (w: unknown, partial: boolean): { code: string; title: string }[] => {
  const out: { code: string; title: string }[] = []
  if (typeof w !== 'object' || w === null) return [{ code: 'bad_request', title: 'Webhook must be an object' }]
  const o = w as Record<string, unknown>
  const allowed = new Set(['target', 'triggers', 'includeFullUser', 'includeFullSource'])
  for (const k of Object.keys(o)) if (!allowed.has(k)) out.push({ code: 'bad_request', title: `Unknown property ${k}` })
  if (!partial || 'target' in o) {
    let okUrl = false
    try {
      okUrl = typeof o.target === 'string' && /^https?:$/.test(new URL(o.target).protocol)
    } catch {
      okUrl = false
    }
    if (!okUrl) out.push({ code: 'bad_request', title: 'target must be a valid URL' })
  }
  if (!partial || 'triggers' in o) {
    if (!Array.isArray(o.triggers) || o.triggers.length === 0 || !o.triggers.every((t) => typeof t === 'string')) {
      out.push({ code: 'bad_request', title: 'triggers must be a non-empty array of strings' })
    }
  }
  for (const k of ['includeFullUser', 'includeFullSource']) {
    if (k in o && typeof o[k] !== 'boolean') out.push({ code: 'bad_request', title: `${k} must be a boolean` })
  }
  return out
}

const makeWebhook = (o: Record<string, unknown>): StoredWebhook => ({
  id: newId(),
  version: 'v2',
  target: o.target as string,
  triggers: o.triggers as string[],
  secret: newSecret(),
  includeFullUser: (o.includeFullUser as boolean | undefined) ?? false,
  includeFullSource: (o.includeFullSource as boolean | undefined) ?? false
})

/**
 * The simulated Sunshine Conversations v2 API: the endpoints the product uses, with the official
 * error bodies, validation rules and limits (display name ≤ 100, one webhook on a custom create,
 * 10 webhooks per app, cursor pagination). Pure over its state: the server does the I/O.
 */
export const handleZendesk = (
  data: SandboxData,
  effects: ZendeskEffects,
  req: { method: string; path: string; query: URLSearchParams; authorization?: string; body: unknown; baseUrl: string }
): SimResponse => {
  // --- auth: HTTP Basic with an app- or account-scoped key
  const auth = req.authorization ?? ''
  const m = /^Basic\s+(.+)$/i.exec(auth)
  let key: SandboxData['keys'][number] | undefined
  if (m) {
    const decoded = Buffer.from(m[1], 'base64').toString('utf8')
    const i = decoded.indexOf(':')
    const [id, secret] = i < 0 ? [decoded, ''] : [decoded.slice(0, i), decoded.slice(i + 1)]
    key = data.keys.find((k) => k.keyId === id && k.keySecret === secret)
  }
  if (!key) return err(401, 'unauthorized', 'Authorization is required')

  const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts[0] !== 'v2' || parts[1] !== 'apps' || !parts[2]) return err(404, 'not_found', 'Resource not found')
  if (parts[2] !== data.app.id) {
    return key.scope === 'account' ? err(404, 'app_not_found', 'App not found') : err(403, 'forbidden', 'Forbidden')
  }
  const rest = parts.slice(3)
  const M = req.method.toUpperCase()
  const body = (req.body ?? {}) as Record<string, unknown>

  // GET /v2/apps/{appId}
  if (rest.length === 0) {
    if (M === 'GET') return { status: 200, body: { app: { id: data.app.id, displayName: data.app.displayName, settings: {}, metadata: null } } }
    return err(405, 'method_not_allowed', 'Method not allowed')
  }

  if (rest[0] === 'integrations') {
    if (rest.length === 1 && M === 'GET') return listIntegrations(data, req.query, req.baseUrl)
    if (rest.length === 1 && M === 'POST') return createIntegration(data, effects, body)
    const integration = data.integrations.find((i) => i.id === rest[1])
    if (!integration) return err(404, 'integration_not_found', 'Integration not found')
    if (rest.length === 2) {
      if (M === 'GET') return { status: 200, body: { integration: publicIntegration(integration) } }
      if (M === 'PATCH') {
        const keys = Object.keys(body)
        const bad = keys.filter((k) => k !== 'displayName')
        if (bad.length) return errs(400, bad.map((k) => ({ code: 'bad_request', title: `Unknown property ${k}` })))
        if ('displayName' in body) {
          const d = body.displayName
          if (d !== null && (typeof d !== 'string' || d.length < 1 || d.length > DISPLAY_NAME_MAX)) {
            return err(400, 'bad_request', `displayName must be between 1 and ${DISPLAY_NAME_MAX} characters`)
          }
          integration.displayName = d as string | null
        }
        return { status: 200, body: { integration: publicIntegration(integration) } }
      }
      if (M === 'DELETE') {
        data.integrations = data.integrations.filter((i) => i !== integration)
        data.switchboardIntegrations = data.switchboardIntegrations.filter((s) => s.integrationId !== integration.id)
        return { status: 200, body: {} }
      }
    }
    if (rest[2] === 'webhooks') {
      if (integration.type !== 'custom' || !integration.webhooks) return err(403, 'forbidden', 'Forbidden')
      if (rest.length === 3 && M === 'GET') return { status: 200, body: { webhooks: integration.webhooks.map(publicWebhook) } }
      if (rest.length === 3 && M === 'POST') {
        const e = webhookErrors(body, false)
        if (e.length) return errs(400, e)
        if (countWebhooks(data) >= MAX_WEBHOOKS_PER_APP) return err(400, 'bad_request', `An app is limited to ${MAX_WEBHOOKS_PER_APP} webhooks`)
        const w = makeWebhook(body)
        integration.webhooks.push(w)
        effects.webhookCreated(w)
        return { status: 201, body: { webhook: publicWebhook(w) } }
      }
      const w = integration.webhooks.find((x) => x.id === rest[3])
      if (!w) return err(404, 'not_found', 'Resource not found')
      if (rest.length === 4 && M === 'GET') return { status: 200, body: { webhook: publicWebhook(w) } }
      if (rest.length === 4 && M === 'PATCH') {
        const e = webhookErrors(body, true)
        if (e.length) return errs(400, e)
        Object.assign(w, body)
        return { status: 200, body: { webhook: publicWebhook(w) } }
      }
      if (rest.length === 4 && M === 'DELETE') {
        integration.webhooks = integration.webhooks.filter((x) => x !== w)
        return { status: 200, body: {} }
      }
    }
    return err(405, 'method_not_allowed', 'Method not allowed')
  }

  if (rest[0] === 'switchboards' && M === 'GET') {
    if (rest.length === 1) return { status: 200, body: { switchboards: [data.switchboard] } }
    if (rest[1] !== data.switchboard.id) return err(404, 'switchboard_not_found', 'Switchboard not found')
    if (rest[2] === 'switchboardIntegrations' && rest.length === 3) {
      return { status: 200, body: { switchboardIntegrations: data.switchboardIntegrations } }
    }
  }

  if (rest[0] === 'users' && rest.length === 1 && M === 'POST') {
    const externalId = body.externalId
    if (typeof externalId !== 'string' || externalId.length < 1 || externalId.length > 1024) {
      return err(400, 'bad_request', 'externalId must be a string of 1 to 1024 characters')
    }
    if (data.users.some((u) => u.externalId === externalId)) return err(409, 'conflict', 'User already exists')
    const user: User = {
      id: newId(),
      externalId,
      authenticated: false,
      signedUpAt: (body.signedUpAt as string | undefined) ?? new Date().toISOString(),
      profile: { locale: 'en-US', ...((body.profile as object | undefined) ?? {}) },
      metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
      identities: []
    }
    data.users.push(user)
    return { status: 201, body: { user } }
  }

  // DELETE /v2/apps/{appId}/users/{userIdOrExternalId}: the user, its clients and its conversations
  if (rest[0] === 'users' && rest.length === 2 && M === 'DELETE') {
    const user = data.users.find((u) => u.id === rest[1] || u.externalId === rest[1])
    if (!user) return err(404, 'user_not_found', 'User not found')
    data.users = data.users.filter((u) => u !== user)
    data.conversations = data.conversations.filter((c) => c.userId !== user.id)
    return { status: 200, body: {} }
  }

  if (rest[0] === 'conversations') {
    if (rest.length === 1 && M === 'POST') {
      const participants = body.participants as { userId?: string }[] | undefined
      if (body.type !== 'personal') return err(400, 'bad_request', 'Only personal conversations are supported by the sandbox')
      if (!Array.isArray(participants) || participants.length !== 1) {
        return err(400, 'bad_request', 'A personal conversation requires exactly one participant')
      }
      const user = data.users.find((u) => u.id === participants[0].userId)
      if (!user) return err(404, 'user_not_found', 'User not found')
      const def = data.switchboardIntegrations.find((s) => s.id === data.switchboard.defaultSwitchboardIntegrationId)
      const now = new Date().toISOString()
      const conversation = {
        id: newId(),
        type: 'personal',
        isDefault: !data.conversations.some((c) => c.userId === user.id),
        displayName: (body.displayName as string | undefined) ?? null,
        metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
        ...(def ? { activeSwitchboardIntegration: { id: def.id, name: def.name, integrationId: def.integrationId, integrationType: def.integrationType } } : {}),
        createdAt: now,
        lastUpdatedAt: now,
        businessLastRead: null
      }
      data.conversations.push({ conversation, userId: user.id, messages: [] })
      effects.conversationCreated(conversation.id)
      return { status: 201, body: { conversation } }
    }
    const conv = data.conversations.find((c) => c.conversation.id === rest[1])
    if (!conv) return err(404, 'conversation_not_found', 'Conversation not found')
    // DELETE /v2/apps/{appId}/conversations/{conversationId}: never the user's default one
    if (rest.length === 2 && M === 'DELETE') {
      if (conv.conversation.isDefault) {
        return err(400, 'bad_request', `Conversation ${conv.conversation.id} cannot be deleted because it is the default.`)
      }
      data.conversations = data.conversations.filter((c) => c !== conv)
      return { status: 200, body: {} }
    }
    if (rest[2] === 'messages' && rest.length === 3) {
      if (M === 'GET') return listMessages(conv.messages, req.query, req.baseUrl, req.path)
      if (M === 'POST') return postMessage(data, effects, conv, body)
    }
  }
  return err(404, 'not_found', 'Resource not found')
}

const pageOf = <T extends { id: string }>(
  items: T[],
  query: URLSearchParams,
  baseUrl: string,
  path: string
): { page: T[]; meta: { hasMore: boolean; afterCursor?: string }; links: { next?: string } } | SimResponse => {
  const sizeRaw = query.get('page[size]')
  const size = sizeRaw === null ? 25 : Number(sizeRaw)
  if (!Number.isInteger(size) || size < 1 || size > 100) return err(400, 'bad_request', 'Invalid query parameters')
  if (query.get('page[after]') && query.get('page[before]')) return err(400, 'bad_request', 'Invalid query parameters')
  let start = 0
  const after = query.get('page[after]')
  if (after) {
    const i = items.findIndex((x) => x.id === after)
    if (i < 0) return err(400, 'bad_request', 'Invalid query parameters')
    start = i + 1
  }
  const page = items.slice(start, start + size)
  const hasMore = start + size < items.length
  const meta = { hasMore, ...(hasMore ? { afterCursor: page[page.length - 1].id } : {}) }
  const next = new URLSearchParams(query)
  if (hasMore) next.set('page[after]', page[page.length - 1].id)
  return { page, meta, links: hasMore ? { next: `${baseUrl}${path}?${next.toString()}` } : {} }
}

const listIntegrations = (data: SandboxData, query: URLSearchParams, baseUrl: string): SimResponse => {
  const types = query.get('filter[types]')?.split(',').filter(Boolean)
  const items = types?.length ? data.integrations.filter((i) => types.includes(i.type)) : data.integrations
  const r = pageOf(items, query, baseUrl, `/v2/apps/${data.app.id}/integrations`)
  if ('status' in r) return r
  return { status: 200, body: { integrations: r.page.map(publicIntegration), meta: r.meta, links: r.links } }
}

const listMessages = (messages: Message[], query: URLSearchParams, baseUrl: string, path: string): SimResponse => {
  const r = pageOf(messages, query, baseUrl, path)
  if ('status' in r) return r
  return { status: 200, body: { messages: r.page, meta: r.meta, links: r.links } }
}

const createIntegration = (data: SandboxData, effects: ZendeskEffects, body: Record<string, unknown>): SimResponse => {
  if (body.type !== 'custom') return err(400, 'bad_request', 'Invalid integration type')
  const errors: { code: string; title: string }[] = []
  const d = body.displayName
  if (d !== undefined && (typeof d !== 'string' || d.length < 1 || d.length > DISPLAY_NAME_MAX)) {
    errors.push({ code: 'bad_request', title: `displayName must be between 1 and ${DISPLAY_NAME_MAX} characters` })
  }
  const hooks = body.webhooks
  if (!Array.isArray(hooks) || hooks.length !== 1) {
    errors.push({ code: 'bad_request', title: 'A custom integration requires exactly one webhook' })
  } else {
    errors.push(...webhookErrors(hooks[0], false))
  }
  for (const k of Object.keys(body)) {
    if (!['type', 'displayName', 'webhooks'].includes(k)) errors.push({ code: 'bad_request', title: `Unknown property ${k}` })
  }
  if (errors.length) return errs(400, errors)
  // Must agree with what the client sends (strict schema): keeps the two in step.
  const parsed = CustomIntegrationCreateBody.safeParse(body)
  if (!parsed.success) return err(400, 'bad_request', parsed.error.issues[0]?.message ?? 'Bad request')
  if (countWebhooks(data) >= MAX_WEBHOOKS_PER_APP) return err(400, 'bad_request', `An app is limited to ${MAX_WEBHOOKS_PER_APP} webhooks`)
  const w = makeWebhook((hooks as Record<string, unknown>[])[0])
  const integration: StoredIntegration = { id: newId(), type: 'custom', status: 'active', displayName: (d as string | undefined) ?? null, webhooks: [w] }
  data.integrations.push(integration)
  effects.webhookCreated(w)
  return { status: 201, body: { integration: publicIntegration(integration) } }
}

const postMessage = (
  data: SandboxData,
  effects: ZendeskEffects,
  conv: SandboxData['conversations'][number],
  body: Record<string, unknown>
): SimResponse => {
  const author = body.author as Record<string, unknown> | undefined
  const content = body.content as Record<string, unknown> | undefined
  const errors: { code: string; title: string }[] = []
  if (!author || (author.type !== 'user' && author.type !== 'business')) errors.push({ code: 'bad_request', title: 'author.type must be user or business' })
  if (author?.type === 'user' && author.userId !== conv.userId) errors.push({ code: 'bad_request', title: 'author.userId is not a participant of this conversation' })
  if (!content || content.type !== 'text' || typeof content.text !== 'string' || content.text.length < 1 || content.text.length > 4096) {
    errors.push({ code: 'bad_request', title: 'content must be a text message of 1 to 4096 characters' })
  }
  if (errors.length) return errs(400, errors)
  if (conv.messages.length >= 30_000) return err(423, 'locked', 'Conversation has reached its message limit')
  const isUser = author?.type === 'user'
  const user = data.users.find((u) => u.id === conv.userId)
  const message: Message = {
    id: newId(),
    received: new Date().toISOString(),
    author: isUser
      ? { type: 'user', userId: conv.userId, displayName: [user?.profile?.givenName, user?.profile?.surname].filter(Boolean).join(' ') || 'Sandbox User', avatarUrl: user?.profile?.avatarUrl ?? undefined }
      : {
          type: 'business',
          ...(author?.displayName ? { displayName: author.displayName as string } : {}),
          ...(author?.avatarUrl ? { avatarUrl: author.avatarUrl as string } : {}),
          ...(author?.subtypes ? { subtypes: author.subtypes as string[] } : {})
        },
    content: { type: 'text', text: content?.text as string },
    source: { type: isUser ? 'web' : 'api', integrationId: isUser ? data.integrations.find((i) => i.type === 'web')?.id : undefined },
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? null
  }
  conv.messages.push(message)
  conv.conversation.lastUpdatedAt = message.received
  if (isUser) effects.userMessagePosted(conv.conversation.id, message)
  return { status: 201, body: { messages: [message] } }
}
