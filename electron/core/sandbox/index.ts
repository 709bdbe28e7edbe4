import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { buildWebhookPayload, WebhookPayload, WEBHOOK_SECRET_HEADER, type SourceType } from '../../../shared/webhook-events'
import type { Message } from '../../../shared/schemas/zendesk'
import { ZendeskClient } from '../zendesk/client'
import { handleImageHostRequest } from './image-host/index'
import { imageHostAssets } from './image-host/assets'
import { FaultController, type ActiveFault, type FaultSpec } from './faults'
import { WebhookDeliverer, ZENDESK_RETRY_SCHEDULE_MS } from './delivery'
import { cryptoRandom, newId, newSecret, seedData, type SandboxData, type SandboxSeed } from './state'
import { handleZendesk, type SimResponse } from './zendesk-sim'

export type { FaultSpec, ActiveFault, SandboxSeed, SandboxData }
export { FaultController }

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: '127.0.0.1'
  seed?: SandboxSeed
  /** How long the simulated Zendesk waits for a webhook answer (Zendesk: 20 s). */
  webhookTimeoutMs?: number
  /** Waits between delivery attempts (Zendesk: 5 attempts over 15 min); tests pass tiny ones. */
  retryScheduleMs?: number[]
  /** A fixed control token (default random). */
  controlToken?: string
}

/** A running sandbox: the URLs a profile needs, and in-process inspection and fault injection. */
export interface Sandbox {
  port: number
  /** A profile's API base as is (`/v2/...` under it). */
  zendeskUrl: string
  /** The webhook target the setup should use. */
  gatewayUrl: string
  imagesUrl: string
  /** `/__sandbox` control API; every call needs `Authorization: Bearer <controlToken>`. */
  controlUrl: string
  controlToken: string
  appId: string
  keyId: string
  keySecret: string
  /** An account-scoped key of the same sandbox. */
  accountKeyId: string
  accountKeySecret: string
  /** The live state (integrations, webhooks, deliveries, conversations…). */
  readonly state: SandboxData
  faults: FaultController
  /** The agent identity the simulated gateway answers with. */
  setAgent(agent: { name?: string; avatarUrl?: string }): void
  /** Makes the switchboard route new conversations to this integration first (or back to the agent workspace with null). */
  setDefaultResponder(integrationId: string | null): void
  /** A test user writes `text` (creating the user and conversation when needed); webhooks fire. */
  simulateUserMessage(input: { text: string; conversationId?: string; sourceType?: SourceType }): Promise<{ conversationId: string; messageId: string }>
  /** Resolves when no webhook delivery nor gateway reply is pending. */
  settled(): Promise<void>
  reset(): void
  close(): Promise<void>
}

const readBody = (req: IncomingMessage, max = 1024 * 1024): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const send = (res: ServerResponse, r: SimResponse): void => {
  const text = JSON.stringify(r.body)
  res.writeHead(r.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(r.headers ?? {}) })
  res.end(text)
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * Starts the sandbox: one plain Node HTTP server on 127.0.0.1 serving the simulated Zendesk
 * (`/zendesk/v2/...`), the simulated Aissist gateway (`/gateway/zendesk/conversation`), the image
 * host (`/images/...`) and a token-guarded control API (`/__sandbox/...`). It is the product's
 * offline default and what every test runs against.
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const host = options.host ?? '127.0.0.1'
  const controlToken = options.controlToken ?? newSecret(24)
  const faults = new FaultController()
  const sockets = new Set<Socket>()
  const pending = new Set<Promise<unknown>>()
  let base = ''
  let data: SandboxData

  const deliverer = new WebhookDeliverer({
    timeoutMs: options.webhookTimeoutMs ?? 20_000,
    retryScheduleMs: options.retryScheduleMs ?? ZENDESK_RETRY_SCHEDULE_MS,
    record: (a) => data.deliveries.push(a)
  })

  const track = <T>(p: Promise<T>): void => {
    pending.add(p)
    void p.finally(() => pending.delete(p)).catch(() => undefined)
  }

  const webhooksFor = (trigger: string) =>
    data.integrations.flatMap((i) => (i.type === 'custom' ? (i.webhooks ?? []) : [])).filter((w) => w.triggers.includes(trigger))

  const fire = (type: 'conversation:create' | 'conversation:message', conversationId: string, message?: Message, sourceType: SourceType = 'web'): void => {
    const conv = data.conversations.find((c) => c.conversation.id === conversationId)
    if (!conv) return
    const user = data.users.find((u) => u.id === conv.userId)
    const web = data.integrations.find((i) => i.type === 'web')
    for (const w of webhooksFor(type)) {
      const payload = buildWebhookPayload({
        type,
        appId: data.app.id,
        webhookId: w.id,
        integrationId: web?.id,
        user: {
          id: conv.userId,
          externalId: user?.externalId ?? null,
          displayName: message?.author.displayName,
          givenName: user?.profile?.givenName ?? undefined,
          surname: user?.profile?.surname ?? undefined,
          email: user?.profile?.email ?? undefined
        },
        conversation: {
          id: conversationId,
          type: 'personal',
          activeSwitchboardIntegration: conv.conversation.activeSwitchboardIntegration ?? null
        },
        text: message?.content.text,
        sourceType,
        includeFullUser: w.includeFullUser,
        includeFullSource: w.includeFullSource,
        now: message?.received ?? new Date(),
        ids: message ? { messageId: message.id } : {},
        random: cryptoRandom,
        creationReason: 'none'
      })
      deliverer.deliver(w, payload)
    }
  }

  const effects = {
    webhookCreated: (w: Parameters<WebhookDeliverer['head']>[0]) => {
      const p = deliverer.head(w).then((h) => data.headChecks.push(h))
      track(p)
    },
    conversationCreated: (id: string) => fire('conversation:create', id),
    userMessagePosted: (id: string, m: Message) => fire('conversation:message', id, m)
  }

  const reset = (): void => {
    data = seedData(options.seed ?? {}, `${base}/images`)
  }

  // The gateway answers through the simulated Zendesk's real HTTP API, as the real gateway does.
  let replyClient: ZendeskClient | null = null
  const replier = (): ZendeskClient => {
    const key = data.keys[0]
    if (!replyClient || replyClient.appId !== data.app.id) {
      replyClient = new ZendeskClient({
        baseUrl: `${base}/zendesk`,
        appId: data.app.id,
        keyId: key.keyId,
        keySecret: key.keySecret,
        retry: { maxAttempts: 1 },
        secrets: { add: () => undefined, redact: (s) => s }
      })
    }
    return replyClient
  }

  const handleGateway = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const fault = faults.take('gateway', req.method ?? 'GET', path)
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
    const raw = await readBody(req)
    const apiKey = req.headers[WEBHOOK_SECRET_HEADER]
    let parsed: WebhookPayload | null = null
    try {
      const r = WebhookPayload.safeParse(JSON.parse(raw))
      parsed = r.success ? r.data : null
    } catch {
      parsed = null
    }
    const receipt: SandboxData['gatewayReceived'][number] = {
      at: new Date().toISOString(),
      webhookId: parsed?.webhook.id,
      eventTypes: parsed?.events.map((e) => e.type) ?? [],
      apiKeyPresent: typeof apiKey === 'string' && apiKey.length > 0,
      status: 200
    }
    data.gatewayReceived.push(receipt)
    const hook = parsed && data.integrations.flatMap((i) => i.webhooks ?? []).find((w) => w.id === parsed.webhook.id)
    if (fault?.kind === 'unauthorized' || !hook || apiKey !== hook.secret) {
      receipt.status = 401
      return send(res, { status: 401, body: { error: 'unauthorized', message: 'Missing or invalid X-API-Key for this webhook' } })
    }
    if (!parsed) {
      receipt.status = 400
      return send(res, { status: 400, body: { error: 'bad_request', message: 'Payload is not a Zendesk webhook event' } })
    }
    send(res, { status: 200, body: { received: parsed.events.length } })
    for (const e of parsed.events) {
      if (e.type !== 'conversation:message' || e.payload.message.author.type !== 'user') continue
      const conversationId = e.payload.conversation.id
      const text = e.payload.message.content.text ?? ''
      receipt.replied = { conversationId }
      track(
        replier()
          .postMessage(conversationId, {
            author: { type: 'business', displayName: data.agent.name, avatarUrl: data.agent.avatarUrl },
            content: { type: 'text', text: `Hello from ${data.agent.name} (sandbox). You wrote: ${text}`.slice(0, 4096) }
          })
          .then((m) => {
            receipt.replied = { conversationId, messageId: m[0]?.id }
          })
          .catch((err: unknown) => {
            receipt.replied = { conversationId, error: (err as Error).message }
          })
      )
    }
  }

  /** drop / slow / rate-limit / status / unauthorized; true when the request was answered (or killed). */
  const applyCommonFault = async (f: ActiveFault, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const zendesk = f.target !== 'gateway'
    switch (f.kind) {
      case 'drop':
        req.socket.destroy()
        return true
      case 'slow':
        await delay(f.delayMs ?? 1000)
        return false
      case 'rate-limit':
        send(res, {
          status: 429,
          body: zendesk ? { errors: [{ code: 'too_many_requests', title: 'Too Many Requests' }] } : { error: 'too_many_requests' },
          headers: f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {}
        })
        return true
      case 'status': {
        const status = f.status ?? 500
        send(res, {
          status,
          body: zendesk ? { errors: [{ code: status >= 500 ? 'internal_error' : 'bad_request', title: `Simulated ${status}` }] } : { error: `simulated_${status}` }
        })
        return true
      }
      case 'unauthorized':
        if (!zendesk) return false
        send(res, { status: 401, body: { errors: [{ code: 'unauthorized', title: 'Authorization is required' }] } })
        return true
      default:
        return false
    }
  }

  const handleControl = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.headers.authorization !== `Bearer ${controlToken}`) return send(res, { status: 401, body: { error: 'unauthorized' } })
    const raw = req.method === 'POST' ? await readBody(req) : ''
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
    if (path === '/state' && req.method === 'GET') return send(res, { status: 200, body: { ...data, faults: faults.list() } })
    if (path === '/faults' && req.method === 'GET') return send(res, { status: 200, body: { faults: faults.list() } })
    if (path === '/faults' && req.method === 'POST') return send(res, { status: 201, body: { id: faults.add(body as unknown as FaultSpec) } })
    if (path === '/faults' && req.method === 'DELETE') {
      faults.clear()
      return send(res, { status: 200, body: {} })
    }
    if (path === '/reset' && req.method === 'POST') {
      faults.clear()
      reset()
      return send(res, { status: 200, body: { appId: data.app.id, keyId: data.keys[0].keyId } })
    }
    if (path === '/agent' && req.method === 'POST') {
      sandbox.setAgent(body as { name?: string; avatarUrl?: string })
      return send(res, { status: 200, body: data.agent })
    }
    if (path === '/default-responder' && req.method === 'POST') {
      sandbox.setDefaultResponder((body.integrationId as string | null) ?? null)
      return send(res, { status: 200, body: data.switchboard })
    }
    if (path === '/user-message' && req.method === 'POST') {
      const r = await sandbox.simulateUserMessage(body as { text: string })
      return send(res, { status: 201, body: r })
    }
    return send(res, { status: 404, body: { error: 'not_found' } })
  }

  const handleZendeskHttp = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> => {
    const fault = faults.take('zendesk', req.method ?? 'GET', path)
    if (fault && (await applyCommonFault(fault, req, res))) return
    const raw = await readBody(req)
    let body: unknown = undefined
    if (raw) {
      try {
        body = JSON.parse(raw)
      } catch {
        return send(res, { status: 400, body: { errors: [{ code: 'bad_request', title: 'Invalid JSON body' }] } })
      }
    }
    const answer = handleZendesk(data, effects, { method: req.method ?? 'GET', path, query, authorization: req.headers.authorization, body, baseUrl: `${base}/zendesk` })
    if (fault?.kind === 'lost-answer') {
      req.socket.destroy()
      return
    }
    send(res, answer)
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const path = url.pathname
    const work = (async () => {
      if (path.startsWith('/zendesk/')) return handleZendeskHttp(req, res, path.slice('/zendesk'.length), url.searchParams)
      if (path.startsWith('/gateway/')) return handleGateway(req, res, path.slice('/gateway'.length))
      if (path.startsWith('/__sandbox/')) return handleControl(req, res, path.slice('/__sandbox'.length))
      if (path === '/images' || path.startsWith('/images/')) {
        if (await handleImageHostRequest(req, res, path.slice('/images'.length) || '/')) return
      }
      send(res, { status: 404, body: { error: 'not_found' } })
    })()
    work.catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { error: 'internal_error' } })
      else res.destroy()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  // Make the image host's pictures before answering anything (about a second, once per process):
  // a first avatar fetch that waits for them would look "slow" to the checker.
  await imageHostAssets()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  base = `http://${host}:${port}`
  reset()

  const sandbox: Sandbox = {
    port,
    zendeskUrl: `${base}/zendesk`,
    gatewayUrl: `${base}/gateway/zendesk/conversation`,
    imagesUrl: `${base}/images`,
    controlUrl: `${base}/__sandbox`,
    controlToken,
    get appId() {
      return data.app.id
    },
    get keyId() {
      return data.keys[0].keyId
    },
    get keySecret() {
      return data.keys[0].keySecret
    },
    get accountKeyId() {
      return data.keys[1].keyId
    },
    get accountKeySecret() {
      return data.keys[1].keySecret
    },
    get state() {
      return data
    },
    faults,
    setAgent: (agent) => {
      if (agent.name) data.agent.name = agent.name
      if (agent.avatarUrl) data.agent.avatarUrl = agent.avatarUrl
    },
    setDefaultResponder: (integrationId) => {
      if (integrationId === null) {
        data.switchboard.defaultSwitchboardIntegrationId = data.switchboardIntegrations.find((s) => s.integrationType === 'zd:agentWorkspace')?.id ?? null
        return
      }
      let sbi = data.switchboardIntegrations.find((s) => s.integrationId === integrationId)
      if (!sbi) {
        sbi = { id: newId(), name: 'aissist', integrationId, integrationType: 'custom', deliverStandbyEvents: true, nextSwitchboardIntegrationId: null }
        data.switchboardIntegrations.push(sbi)
      }
      data.switchboard.defaultSwitchboardIntegrationId = sbi.id
    },
    simulateUserMessage: async ({ text, conversationId, sourceType }) => {
      let conv = conversationId ? data.conversations.find((c) => c.conversation.id === conversationId) : undefined
      const direct = (r: SimResponse): Record<string, unknown> => {
        if (r.status >= 300) throw new Error(`Sandbox refused the simulated message: ${JSON.stringify(r.body)}`)
        return r.body as Record<string, unknown>
      }
      const call = (method: string, path: string, body: unknown): Record<string, unknown> =>
        direct(
          handleZendesk(data, { ...effects, userMessagePosted: (id, m) => fire('conversation:message', id, m, sourceType) }, {
            method,
            path,
            query: new URLSearchParams(),
            authorization: `Basic ${Buffer.from(`${data.keys[0].keyId}:${data.keys[0].keySecret}`).toString('base64')}`,
            body,
            baseUrl: `${base}/zendesk`
          })
        )
      if (!conv) {
        const user = call('POST', `/v2/apps/${data.app.id}/users`, { externalId: `sandbox-user-${newId()}`, profile: { givenName: 'Sandy', surname: 'Tester' } }).user as { id: string }
        const c = call('POST', `/v2/apps/${data.app.id}/conversations`, { type: 'personal', participants: [{ userId: user.id }] }).conversation as { id: string }
        conv = data.conversations.find((x) => x.conversation.id === c.id)
      }
      const msg = call('POST', `/v2/apps/${data.app.id}/conversations/${conv!.conversation.id}/messages`, {
        author: { type: 'user', userId: conv!.userId },
        content: { type: 'text', text }
      }).messages as { id: string }[]
      return { conversationId: conv!.conversation.id, messageId: msg[0].id }
    },
    settled: async () => {
      for (let i = 0; i < 10_000 && (deliverer.busy || pending.size > 0); i++) {
        await Promise.allSettled([...pending])
        await delay(5)
      }
    },
    reset: () => {
      faults.clear()
      reset()
    },
    close: async () => {
      await deliverer.close()
      await Promise.allSettled([...pending])
      await replyClient?.close()
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
  return sandbox
}
