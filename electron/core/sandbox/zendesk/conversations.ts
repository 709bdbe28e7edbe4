import { PassControlBody, type User } from '../../../../shared/schemas/zendesk'
import type { SimResponse } from '../http'
import { initialResponder, resolveSwitchboardIntegration, setActive, switchboardRef } from '../routing'
import type { Params } from '../router'
import { newId, type ConversationChannel, type SandboxData, type StoredConversation } from '../state'
import type { ZendeskContext, ZendeskEffects, ZendeskHandler } from './context'
import { badRequest, err, ok } from './errors'

/**
 * Tags Conversations and Switchboard Actions: personal conversations (the switchboard, or the
 * channel's own default responder, decides who is active), read, delete (never the user's default
 * one), and passControl / offerControl / acceptControl / releaseControl.
 */

export interface OpenConversationInput {
  user: User
  /** The channel the user writes from; API-made conversations have none. */
  channel: ConversationChannel
  creationReason: StoredConversation['creationReason']
  displayName?: string | null
  /** Stored and sent as given; null when none (as on many real conversations). */
  metadata?: Record<string, unknown> | null
}

/** Makes a conversation, hands it to its first responder and fires conversation:create. */
export const openConversation = (data: SandboxData, effects: ZendeskEffects, input: OpenConversationInput): StoredConversation => {
  const responder = initialResponder(data, input.channel.integrationId)
  const now = new Date().toISOString()
  const conv: StoredConversation = {
    conversation: {
      id: newId(),
      type: 'personal',
      isDefault: !data.conversations.some((c) => c.userId === input.user.id),
      displayName: input.displayName ?? null,
      metadata: input.metadata ?? null,
      ...(responder ? { activeSwitchboardIntegration: switchboardRef(responder) } : {}),
      createdAt: now,
      lastUpdatedAt: now,
      businessLastRead: null
    },
    userId: input.user.id,
    messages: [],
    channel: input.channel,
    creationReason: input.creationReason
  }
  data.conversations.push(conv)
  effects.conversationCreated(conv)
  return conv
}

/** The channel of an API-made conversation: none (its messages come from `api:conversations`). */
export const API_CHANNEL: ConversationChannel = { integrationId: null, sourceType: 'api:conversations' }

export const createConversation: ZendeskHandler = ({ data, effects, body }) => {
  const participants = body.participants as { userId?: string }[] | undefined
  if (body.type !== 'personal') return badRequest('Only personal conversations are supported by the sandbox')
  if (!Array.isArray(participants) || participants.length !== 1) return badRequest('A personal conversation requires exactly one participant')
  const user = data.users.find((u) => u.id === participants[0].userId)
  if (!user) return err(404, 'user_not_found', 'User not found')
  const conv = openConversation(data, effects, {
    user,
    channel: API_CHANNEL,
    creationReason: 'none',
    displayName: body.displayName as string | undefined,
    metadata: body.metadata as Record<string, unknown> | undefined
  })
  return ok({ conversation: conv.conversation }, 201)
}

/** Runs `then` on the path's conversation, or answers Zendesk's 404. */
export const withConversation =
  (then: (ctx: ZendeskContext, conv: StoredConversation, params: Params) => SimResponse): ZendeskHandler =>
  (ctx, params) => {
    const conv = ctx.data.conversations.find((c) => c.conversation.id === params.conversationId)
    return conv ? then(ctx, conv, params) : err(404, 'conversation_not_found', 'Conversation not found')
  }

export const getConversation = withConversation((_ctx, conv) => ok({ conversation: conv.conversation }))

/** DELETE /v2/apps/{appId}/conversations/{conversationId}: never the user's default one. */
export const deleteConversation = withConversation(({ data }, conv) => {
  if (conv.conversation.isDefault) return badRequest(`Conversation ${conv.conversation.id} cannot be deleted because it is the default.`)
  data.conversations = data.conversations.filter((c) => c !== conv)
  return ok({})
})

const controlTarget = (ctx: ZendeskContext, conv: StoredConversation) => {
  const r = PassControlBody.safeParse(ctx.body)
  if (!r.success) return { error: badRequest('switchboardIntegration is required') }
  const found = resolveSwitchboardIntegration(ctx.data, conv, r.data.switchboardIntegration)
  return 'error' in found ? { error: badRequest(found.error) } : found
}

/** passControl: the named switchboard integration becomes active, every other one goes on standby. */
export const passControl = withConversation((ctx, conv) => {
  const t = controlTarget(ctx, conv)
  if ('error' in t) return t.error
  setActive(conv, t.sbi)
  return ok({})
})

/** offerControl: the named one becomes pending until it accepts (never the active one). */
export const offerControl = withConversation((ctx, conv) => {
  const t = controlTarget(ctx, conv)
  if ('error' in t) return t.error
  if (conv.conversation.activeSwitchboardIntegration?.id === t.sbi.id) return badRequest('Cannot offer control to the active switchboard integration')
  conv.conversation.pendingSwitchboardIntegration = switchboardRef(t.sbi)
  return ok({})
})

/** acceptControl: the pending one becomes active. */
export const acceptControl = withConversation(({ data }, conv) => {
  const pending = data.switchboardIntegrations.find((s) => s.id === conv.conversation.pendingSwitchboardIntegration?.id)
  if (!pending) return badRequest('No switchboard integration is pending for this conversation')
  setActive(conv, pending)
  return ok({})
})

/** releaseControl: nobody is active until the next user message, which goes to the first responder again. */
export const releaseControl = withConversation((_ctx, conv) => {
  setActive(conv, undefined)
  return ok({})
})
