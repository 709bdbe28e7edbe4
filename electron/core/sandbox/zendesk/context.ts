import type { Message } from '../../../../shared/schemas/zendesk'
import type { SimResponse } from '../http'
import type { Params } from '../router'
import type { SandboxData, StoredConversation, StoredWebhook } from '../state'

/** What the simulated Zendesk asks the sandbox to do after a write (HEAD a new webhook, deliver events). */
export interface ZendeskEffects {
  webhookCreated(webhook: StoredWebhook): void
  conversationCreated(conv: StoredConversation): void
  /** Any message, the business's included: Zendesk sends `conversation:message` whoever wrote it. */
  messagePosted(conv: StoredConversation, message: Message): void
}

/** One API request as the simulated Zendesk sees it. */
export interface ZendeskRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization?: string
  body: unknown
  baseUrl: string
}

/** What a route handler works with (the state, the effects, the request's parts). */
export interface ZendeskContext {
  data: SandboxData
  effects: ZendeskEffects
  query: URLSearchParams
  body: Record<string, unknown>
  baseUrl: string
  path: string
}

export type ZendeskHandler = (ctx: ZendeskContext, params: Params) => SimResponse
