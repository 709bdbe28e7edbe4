import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { handleImageHostRequest } from './image-host/index'
import { applyCommonFault } from './faults'
import { readBody, send } from './http'
import type { SandboxRuntime } from './runtime'
import type { TrafficMeter } from './traffic'
import { handleZendesk } from './zendesk/index'

/** One service mounted under a path prefix; `path` is what follows the prefix. */
export type Mount = (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => Promise<void>

export interface SandboxServer {
  port: number
  close(): Promise<void>
}

/** The simulated Zendesk over HTTP: its faults, the JSON body, and a lost answer after the write happened. */
export const serveZendesk =
  (rt: SandboxRuntime): Mount =>
  async (req, res, path, query) => {
    const fault = rt.faults.take('zendesk', req.method ?? 'GET', path)
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
    const answer = handleZendesk(rt.data, rt.effects, { method: req.method ?? 'GET', path, query, authorization: req.headers.authorization, body, baseUrl: `${rt.base}/zendesk` })
    if (fault?.kind === 'lost-answer') {
      req.socket.destroy()
      return
    }
    send(res, answer)
  }

const imageHost: Mount = async (req, res, path) => {
  if (await handleImageHostRequest(req, res, path || '/')) return
  send(res, { status: 404, body: { error: 'not_found' } })
}

/**
 * One plain Node HTTP server on 127.0.0.1 with the sandbox's services under their prefixes:
 * `/zendesk`, `/gateway`, `/__sandbox` (control) and `/images`. A handler that throws answers 500.
 */
export const listen = async (mounts: { zendesk: Mount; gateway: Mount; control: Mount }, port: number, host: string, traffic?: TrafficMeter): Promise<SandboxServer> => {
  const sockets = new Set<Socket>()
  const table: [string, Mount][] = [
    ['/zendesk', mounts.zendesk],
    ['/gateway', mounts.gateway],
    ['/__sandbox', mounts.control],
    ['/images', imageHost]
  ]
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const hit = table.find(([prefix]) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
    if (traffic && hit?.[0] !== '/__sandbox') {
      const end = traffic.begin(`${hit ? hit[0].slice(1) : 'other'} ${req.method ?? 'GET'}`)
      res.once('close', end)
    }
    const work = hit ? hit[1](req, res, url.pathname.slice(hit[0].length), url.searchParams) : Promise.resolve(send(res, { status: 404, body: { error: 'not_found' } }))
    work.catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { error: 'internal_error' } })
      else res.destroy()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
