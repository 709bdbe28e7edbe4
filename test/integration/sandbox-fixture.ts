import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index'
import { ZendeskClient } from '../../electron/core/zendesk/client'

/** A JSON body as tests read it: any field, checked by the assertions themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, asserted field by field
export type Json = any

/** One POST a webhook receiver got. */
export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: Record<string, Json>
}

/** A plain HTTP server on 127.0.0.1 standing for a third-party webhook target (not the simulated gateway). */
export interface Receiver {
  url: (path?: string) => string
  received: Received[]
  close(): Promise<void>
}

export const startReceiver = async (): Promise<Receiver> => {
  const received: Received[] = []
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      if (req.method === 'POST') received.push({ path: req.url ?? '/', headers: req.headers, body: JSON.parse(raw) as Record<string, Json> })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r()))
  }
}

/** A sandbox with quick retries, an API client on it, and its control API over HTTP. */
export interface SandboxWorld {
  sb: Sandbox
  client: ZendeskClient
  /** Calls the control API as an e2e test would; answers status and JSON. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>
  /** Calls the simulated Zendesk with the app key, raw (status and JSON). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>
  /** Starts the sandbox over (new keys) with a client for them. */
  reset(): Promise<void>
  close(): Promise<void>
}

export const startSandboxWorld = async (opts: SandboxOptions = {}): Promise<SandboxWorld> => {
  const sb = await startSandbox({ retryScheduleMs: [5, 5, 5, 5], webhookTimeoutMs: 1000, ...opts })
  const newClient = () => new ZendeskClient({ baseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, keySecret: sb.keySecret, retry: { maxAttempts: 1 } })
  const call = async (url: string, headers: Record<string, string>, method: string, body?: unknown) => {
    const res = await fetch(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined })
    const text = await res.text()
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null }
  }
  const world: SandboxWorld = {
    sb,
    client: newClient(),
    control: (method, path, body) => call(`${sb.controlUrl}${path}`, { authorization: `Bearer ${sb.controlToken}` }, method, body),
    api: (method, path, body) =>
      call(`${sb.zendeskUrl}/v2/apps/${sb.appId}${path}`, { authorization: `Basic ${Buffer.from(`${sb.keyId}:${sb.keySecret}`).toString('base64')}` }, method, body),
    reset: async () => {
      await world.client.close()
      sb.reset()
      world.client = newClient()
    },
    close: async () => {
      await world.client.close()
      await sb.close()
    }
  }
  return world
}

/** The guide's Aissist integration, as setup creates it. */
export const aissistIntegration = (target: string) => ({
  type: 'custom' as const,
  displayName: 'Aissistant_Conversation_Integration',
  webhooks: [{ target, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true }]
})
