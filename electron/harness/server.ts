import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { PushEventName, PushPayload } from '../../shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import type { HandlerContext, Handlers } from '../core/api/context'
import { dispatch } from '../core/api/dispatch'
import { resolveRendererPath } from '../core/platform/renderer-path'
import type { Host } from '../core/api/host'
import { TaskRegistry } from '../core/api/tasks'
import type { Services } from '../core/services'
import { buildBridgeScript } from './bridge-script'


const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon'
}

export interface HarnessOptions {
  rendererDir: string
  services: Services
  host: Host
  handlers: Handlers
  port?: number
  /** A fixed token (tests); a random one otherwise. */
  token?: string
}

export interface Harness {
  url: string
  /** The URL to open: it carries the per-run token the page hands to its API calls. */
  openUrl: string
  token: string
  port: number
  close(): Promise<void>
  /** Pushes an event to every connected page (what `webContents.send` does in Electron). */
  emit<E extends PushEventName>(name: E, payload: PushPayload<E>): void
}

const MAX_BODY = 5 * 1024 * 1024

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers
  })
  res.end(text)
}

/**
 * The harness clipboard as tests may see it: whether it holds something, its length and an HMAC
 * keyed with the run's token, never the text. A test that knows a secret can check it was copied
 * (and later cleared) by computing the same HMAC; nothing that reads this endpoint learns the text.
 */
export const clipboardState = (text: string, token: string): { holdsText: boolean; length: number; hmac: string } => ({
  holdsText: text.length > 0,
  length: text.length,
  hmac: createHmac('sha256', token).update(text, 'utf8').digest('hex')
})

/**
 * A developer tool: serves the built renderer and the contract over HTTP on 127.0.0.1, so the real
 * UI runs in a browser against the real core where Electron's binary cannot run. Every API request
 * needs the per-run token, a Host of 127.0.0.1:port or localhost:port, and no foreign Origin.
 */
export const startHarness = async (options: HarnessOptions): Promise<Harness> => {
  const token = options.token ?? randomBytes(24).toString('hex')
  const tasks = new TaskRegistry()
  const streams = new Set<ServerResponse>()
  let port = 0
  const bridge = buildBridgeScript()

  const emit = <E extends PushEventName>(name: E, payload: PushPayload<E>): void => {
    const data = `data: ${JSON.stringify({ name, payload })}\n\n`
    for (const s of streams) s.write(data)
  }
  const context = (): HandlerContext => ({ services: options.services, host: options.host, tasks, emit })

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]
  const checkOrigin = (req: IncomingMessage): string | null => {
    if (!allowedHosts().includes(String(req.headers.host ?? ''))) return 'foreign Host header'
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().map((h) => `http://${h}`).includes(origin)) return 'foreign Origin'
    return null
  }

  const serveStatic = async (res: ServerResponse, rawUrl: string): Promise<void> => {
    // The same path rules as the app's own protocol: no traversal, no encoded tricks.
    const target = resolveRendererPath(options.rendererDir, `http://harness${rawUrl}`, 'harness')
    if (target.kind !== 'file') return send(res, target.kind === 'forbidden' ? 403 : 404, target.kind === 'forbidden' ? 'Forbidden' : 'Not found')
    const file = target.path
    const wanted = file === join(options.rendererDir, 'index.html') ? '/index.html' : file
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return send(res, 404, 'Not found')
    }
    let out: Buffer | string = body
    if (wanted === '/index.html') {
      // Deferred: it still runs before the page's module scripts (same ordered list), but no longer
      // stops the parser, so the page's scripts are fetched at once instead of after this one.
      out = body.toString('utf8').replace('<head>', '<head>\n    <script defer src="/__harness/bridge.js"></script>')
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store'
    })
    res.end(out)
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const refused = checkOrigin(req)
      if (refused) return send(res, 403, { ok: false, error: { code: 'harness-forbidden', message: `Refused: ${refused}.`, fix: 'Open the harness at the URL it printed.' } })
      if (url.pathname === '/__harness/bridge.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' })
        return res.end(bridge)
      }
      if (url.pathname.startsWith('/api/')) {
        const given = String(req.headers['x-harness-token'] ?? url.searchParams.get('token') ?? '')
        if (!given || !sameToken(given, token)) {
          return send(res, 401, { ok: false, error: { code: 'harness-token', message: 'Missing or wrong harness token.', fix: 'Open the harness at the URL it printed (it carries the token).' } })
        }
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
          res.write(': connected\n\n')
          streams.add(res)
          req.on('close', () => streams.delete(res))
          return
        }
        const match = /^\/api\/call\/([A-Za-z0-9]+)$/.exec(url.pathname)
        if (match && req.method === 'POST') {
          if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
            return send(res, 415, { ok: false, error: { code: 'harness-content-type', message: 'Expected application/json.', fix: 'Send JSON.' } })
          }
          let raw: unknown
          try {
            raw = JSON.parse(await readBody(req))
          } catch {
            return send(res, 400, { ok: false, error: { code: 'invalid-input', message: 'The request body is not valid JSON.', fix: 'Send a JSON object.' } })
          }
          const result = await dispatch(options.handlers, match[1], raw, context())
          return send(res, 200, result)
        }
        if (url.pathname === '/api/harness-state' && req.method === 'GET') return send(res, 200, { clipboard: clipboardState(options.host.clipboard.readText(), token) })
        return send(res, 404, { ok: false, error: { code: 'not-found', message: 'No such harness endpoint.', fix: '' } })
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
      return serveStatic(res, (req.url ?? '/').split('?')[0])
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'harness-error', message: 'The harness failed.', fix: 'See its console.' } })
      else res.destroy()
    })
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    port,
    emit,
    close: async () => {
      tasks.cancelAll()
      for (const s of streams) s.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
