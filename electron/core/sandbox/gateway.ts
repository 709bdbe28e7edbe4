import type { IncomingMessage, ServerResponse } from 'node:http'
import { validateWebhookPayload, WEBHOOK_SECRET_HEADER, type AissistWebhookEvent } from '../../../shared/webhook-events'
import { ZendeskClient } from '../zendesk/client'
import { applyCommonFault, DEFAULT_ECHO_LOOPS, type ActiveFault } from './faults'
import { readBody, send } from './http'
import type { SandboxRuntime } from './runtime'
import { allWebhooks, findWebhook, type GatewayReceipt, type SandboxData } from './state'

/**
 * The simulated Aissist gateway (`/gateway/zendesk/conversation`): checks `X-API-Key` against the
 * secret it was configured with (by default each webhook's current secret at Zendesk; the control
 * API can pin another, as when the customer entered a stale value), refuses what is not a v2
 * payload, and answers each user message as the agent through the simulated Zendesk's real API.
 * It never answers an echo (a business message, its own replies included) unless the
 * `echo-loop` fault makes it a broken gateway, which then loops until the fault's cap.
 */

type Json = Record<string, unknown> | null

const parseJson = (raw: string): Json => {
  try {
    const v: unknown = JSON.parse(raw)
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

const webhookIdOf = (json: Json): string | undefined => {
  const id = (json?.webhook as { id?: unknown } | undefined)?.id
  return typeof id === 'string' ? id : undefined
}

const eventTypesOf = (json: Json): string[] => {
  if (Array.isArray(json?.events)) return (json.events as { type?: unknown }[]).map((e) => String(e?.type))
  return typeof json?.trigger === 'string' ? [json.trigger] : []
}

/** The secret the gateway expects for a webhook: a pinned one, else Zendesk's current one. */
export const expectedSecret = (data: SandboxData, webhookId: string): string | undefined =>
  data.gatewaySecrets.byWebhook[webhookId] ?? data.gatewaySecrets.all ?? findWebhook(data, webhookId)?.secret

/** A known webhook sent with the secret the gateway expects (legacy bodies name no webhook: any of them). */
const isAuthorized = (data: SandboxData, webhookId: string | undefined, apiKey: unknown): boolean => {
  if (typeof apiKey !== 'string' || !apiKey) return false
  if (webhookId) return findWebhook(data, webhookId) !== undefined && expectedSecret(data, webhookId) === apiKey
  return allWebhooks(data).some(({ webhook }) => expectedSecret(data, webhook.id) === apiKey)
}

const textOf = (content: { type: string; text?: string }): string => content.text ?? `[${content.type}]`

export class SimulatedGateway {
  private replyClient: ZendeskClient | null = null

  constructor(private readonly rt: SandboxRuntime) {}

  /** The gateway answers through the simulated Zendesk's real HTTP API, as the real gateway does. */
  private replier(): ZendeskClient {
    const { data } = this.rt
    const key = data.keys[0]
    if (!this.replyClient || this.replyClient.appId !== data.app.id) {
      void this.replyClient?.close()
      this.replyClient = new ZendeskClient({
        baseUrl: `${this.rt.base}/zendesk`,
        appId: data.app.id,
        keyId: key.keyId,
        keySecret: key.keySecret,
        retry: { maxAttempts: 1 },
        secrets: { add: () => undefined, redact: (s) => s }
      })
    }
    return this.replyClient
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const fault = this.rt.faults.take('gateway', req.method ?? 'GET', path)
    if (fault && (await applyCommonFault(fault, req, res))) return
    if (fault?.kind === 'redirect') {
      res.writeHead(302, { location: fault.location ?? 'http://127.0.0.1:9/elsewhere' }).end()
      return
    }
    if (path !== '/zendesk/conversation') return send(res, { status: 404, body: { error: 'not_found' } })
    if (req.method === 'HEAD' || req.method === 'GET') {
      res.writeHead(200).end()
      return
    }
    if (req.method !== 'POST') return send(res, { status: 405, body: { error: 'method_not_allowed' } })
    await this.receive(req, res, fault)
  }

  private async receive(req: IncomingMessage, res: ServerResponse, fault: ActiveFault | null): Promise<void> {
    const json = parseJson(await readBody(req))
    const apiKey = req.headers[WEBHOOK_SECRET_HEADER]
    const check = validateWebhookPayload(json)
    const receipt: GatewayReceipt = {
      at: new Date().toISOString(),
      webhookId: webhookIdOf(json),
      eventTypes: eventTypesOf(json),
      apiKeyPresent: typeof apiKey === 'string' && apiKey.length > 0,
      status: 200,
      ...(check.ok ? { authorTypes: check.payload.events.flatMap((e) => (e.type === 'conversation:message' ? [e.payload.message.author.type] : [])) } : {})
    }
    this.rt.data.gatewayReceived.push(receipt)
    if (fault?.kind === 'unauthorized' || !isAuthorized(this.rt.data, receipt.webhookId, apiKey)) {
      receipt.status = 401
      return send(res, { status: 401, body: { error: 'unauthorized', message: 'Missing or invalid X-API-Key for this webhook' } })
    }
    if (!check.ok) {
      receipt.status = 400
      return send(res, { status: 400, body: { error: 'bad_request', message: `Payload is not a Zendesk webhook event (v2): ${check.problem.message}` } })
    }
    send(res, { status: 200, body: { received: check.payload.events.length } })
    for (const e of check.payload.events) this.answer(e, receipt, fault)
  }

  /** Replies to a user message; an echo only as a broken gateway (`echo-loop`), up to its cap. */
  private answer(e: AissistWebhookEvent, receipt: GatewayReceipt, fault: ActiveFault | null): void {
    if (e.type !== 'conversation:message') return
    const conversationId = e.payload.conversation.id
    const text = textOf(e.payload.message.content)
    if (e.payload.message.author.type === 'user') return this.reply(conversationId, text, receipt, false)
    if (fault?.kind !== 'echo-loop') return
    const loops = this.rt.data.echoLoops
    let loop = loops.find((l) => l.conversationId === conversationId)
    if (!loop) loops.push((loop = { conversationId, replies: 0, capped: false }))
    if (loop.replies >= (fault.maxLoops ?? DEFAULT_ECHO_LOOPS)) {
      loop.capped = true
      return
    }
    loop.replies++
    this.reply(conversationId, text, receipt, true, fault.delayMs ?? 0)
  }

  /**
   * Posts the agent's answer through the Zendesk API, as the real gateway does: in the agent's
   * `parts` messages for a user (one, or a multi-part answer), one for an echo (after `delayMs`).
   */
  private reply(conversationId: string, text: string, receipt: GatewayReceipt, echo: boolean, delayMs = 0): void {
    const { agent } = this.rt.data
    receipt.replied = { conversationId, ...(echo ? { echo } : {}) }
    const author = { type: 'business' as const, displayName: agent.name, avatarUrl: agent.avatarUrl }
    const parts = echo ? 1 : agent.parts
    const post = async (): Promise<void> => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
      for (let part = 1; part <= parts; part++) {
        const body = part === 1 ? `Hello from ${agent.name} (sandbox). You wrote: ${text}` : `(part ${part} of ${parts}) Anything else I can help with?`
        const m = await this.replier().postMessage(conversationId, { author, content: { type: 'text', text: body.slice(0, 4096) } })
        if (part === 1) receipt.replied = { ...receipt.replied!, messageId: m[0]?.id }
      }
    }
    this.rt.track(
      post().catch((err: unknown) => {
        receipt.replied = { ...receipt.replied!, error: (err as Error).message }
      })
    )
  }

  async close(): Promise<void> {
    await this.replyClient?.close()
  }
}
