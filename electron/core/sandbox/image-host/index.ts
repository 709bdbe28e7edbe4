import type { IncomingMessage, ServerResponse } from 'node:http'
import { imageHostAssets, type ImageHostAssets } from './assets'

/**
 * The sandbox's image host: one URL per thing that goes wrong with avatars in the wild, so the
 * checker, its tests and the benchmark meet every case on 127.0.0.1. Mounted by the sandbox under
 * `/images`; every path below is relative to that mount. Images are drawn with sharp at first use.
 *
 * Routes (GET):
 *   /avatar.png            good 256×256 PNG (the sandbox profile's avatar)
 *   /avatar.jpg            good 256×256 JPEG
 *   /avatar.gif            good static GIF;  /animated.gif  3-frame animated GIF
 *   /avatar.webp  /avatar.avif  /avatar.svg   formats Zendesk avatars do not take
 *   /avatar                good PNG at a URL without an extension
 *   /wide.png              600×300 (not square)      /tiny.png  32×32 (too small)
 *   /huge.jpg              > 5 MB JPEG of noise (also the benchmark's file)
 *   /bomb.png              48 kB PNG declaring 20 000×20 000 pixels
 *   /truncated.jpg         JPEG cut off after 10 % of its bytes
 *   /corrupt.png           PNG signature + garbage, served as image/png
 *   /page.png              an HTML page at a .png URL
 *   /octet.png             good PNG served as application/octet-stream
 *   /mismatch.png          JPEG bytes served as image/png
 *   /empty.png             200 with an empty body;      /missing.png  404
 *   /unauthorized.png      401 with WWW-Authenticate;   /forbidden.png  403
 *   /private/avatar.png    302 → /accounts/ServiceLogin?… → a Google-like sign-in page (login wall)
 *   /accounts/ServiceLogin the sign-in page itself
 *   /redirect/N/avatar.png N redirects (N ≤ 20), then the good PNG
 *   /loop/N                redirects to /loop/N+1 forever (too many redirects)
 *   /loop-a  /loop-b       redirect to each other (a loop)
 *   /redirect-to?url=U     302 to any URL U (to test redirects to private addresses)
 *   /endless.png           image/png that streams forever, no Content-Length
 *   /big-length.png        declares Content-Length 100 MB and streams
 *   /slow.png?delay=MS     the good PNG after MS milliseconds (default 4000, at most 60000)
 *   /drive/uc?export=view&id=ID   Google Drive's "can't scan this file for viruses" HTML page
 *   /drive/d/ID  /drive/thumbnail?id=ID   the image itself, as lh3 and Drive's thumbnail do
 */

type Route = (ctx: { req: IncomingMessage; res: ServerResponse; query: URLSearchParams; prefix: string; assets: ImageHostAssets; match: RegExpExecArray }) => void | Promise<void>

const send = (res: ServerResponse, status: number, type: string | null, body: Buffer | string, extra: Record<string, string> = {}): void => {
  const buf = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, { ...(type ? { 'content-type': type } : {}), 'content-length': String(buf.length), 'cache-control': 'no-store', ...extra })
  res.end(buf)
}

const redirect = (res: ServerResponse, location: string, status = 302): void => send(res, status, 'text/html; charset=utf-8', `<a href="${location}">Moved</a>`, { location })

const html = (title: string, body: string): string => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`

const SIGN_IN_PAGE = html(
  'Sign in - Google Accounts',
  '<form action="https://accounts.google.com/v3/signin/identifier" method="post"><h1>Sign in</h1><p>to continue to Google Drive</p>' +
    '<input type="email" name="identifier"><input type="password" name="Passwd" hidden><button>Next</button></form>'
)

const driveInterstitial = (id: string): string =>
  html(
    'Google Drive - Virus scan warning',
    `<div class="uc-main"><div id="uc-text"><p class="uc-warning-caption">Google Drive can't scan this file for viruses.</p>` +
      `<p class="uc-warning-subcaption">avatar.png is too large for Google to scan for viruses. Would you still like to download this file?</p>` +
      `<form id="download-form" action="https://drive.usercontent.google.com/download" method="get"><input type="submit" id="uc-download-link" value="Download anyway">` +
      `<input type="hidden" name="id" value="${id.replace(/[^A-Za-z0-9_-]/g, '')}"><input type="hidden" name="export" value="download"></form></div></div>`
  )

/** Streams bytes until the client goes away, honouring backpressure so the host stays small. */
const streamForever = (res: ServerResponse, headers: Record<string, string>): void => {
  res.writeHead(200, { 'cache-control': 'no-store', ...headers })
  const chunk = Buffer.alloc(64 * 1024, 0x41)
  chunk.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let closed = false
  res.on('close', () => {
    closed = true
  })
  const pump = (): void => {
    while (!closed) {
      if (!res.write(chunk)) {
        res.once('drain', pump)
        return
      }
    }
  }
  pump()
}

const ROUTES: Array<[RegExp, Route]> = [
  [/^\/avatar\.png$/, ({ res, assets }) => send(res, 200, 'image/png', assets.png)],
  [/^\/avatar$/, ({ res, assets }) => send(res, 200, 'image/png', assets.png)],
  [/^\/avatar\.jpe?g$/, ({ res, assets }) => send(res, 200, 'image/jpeg', assets.jpeg)],
  [/^\/avatar\.gif$/, ({ res, assets }) => send(res, 200, 'image/gif', assets.gif)],
  [/^\/animated\.gif$/, ({ res, assets }) => send(res, 200, 'image/gif', assets.animatedGif)],
  [/^\/avatar\.webp$/, ({ res, assets }) => send(res, 200, 'image/webp', assets.webp)],
  [/^\/avatar\.avif$/, ({ res, assets }) => send(res, 200, 'image/avif', assets.avif)],
  [/^\/avatar\.svg$/, ({ res, assets }) => send(res, 200, 'image/svg+xml', assets.svg)],
  [/^\/wide\.png$/, ({ res, assets }) => send(res, 200, 'image/png', assets.wide)],
  [/^\/tiny\.png$/, ({ res, assets }) => send(res, 200, 'image/png', assets.tiny)],
  [/^\/huge\.jpg$/, ({ res, assets }) => send(res, 200, 'image/jpeg', assets.hugeJpeg)],
  [/^\/bomb\.png$/, ({ res, assets }) => send(res, 200, 'image/png', assets.bomb)],
  [/^\/truncated\.jpg$/, ({ res, assets }) => send(res, 200, 'image/jpeg', assets.truncatedJpeg)],
  [/^\/corrupt\.png$/, ({ res, assets }) => send(res, 200, 'image/png', assets.corruptPng)],
  [/^\/page\.png$/, ({ res }) => send(res, 200, 'text/html; charset=utf-8', html('My photo', '<h1>My photo</h1><img src="avatar.png" alt="photo">'))],
  [/^\/octet\.png$/, ({ res, assets }) => send(res, 200, 'application/octet-stream', assets.png)],
  [/^\/mismatch\.png$/, ({ res, assets }) => send(res, 200, 'image/png', assets.jpeg)],
  [/^\/empty\.png$/, ({ res }) => send(res, 200, 'image/png', Buffer.alloc(0))],
  [/^\/missing\.png$/, ({ res }) => send(res, 404, 'text/plain', 'Not found')],
  [/^\/unauthorized\.png$/, ({ res }) => send(res, 401, 'text/plain', 'Unauthorized', { 'www-authenticate': 'Basic realm="photos"' })],
  [/^\/forbidden\.png$/, ({ res }) => send(res, 403, 'text/plain', 'Forbidden')],
  [/^\/private\/avatar\.png$/, ({ res, prefix }) => redirect(res, `${prefix}/accounts/ServiceLogin?service=wise&passive=1209600&continue=${encodeURIComponent(`${prefix}/private/avatar.png`)}`)],
  [/^\/accounts\/ServiceLogin$/, ({ res }) => send(res, 200, 'text/html; charset=utf-8', SIGN_IN_PAGE)],
  [/^\/redirect\/(\d+)\/avatar\.png$/, ({ res, prefix, match }) => {
    const n = Math.min(Number(match[1]), 20)
    redirect(res, n <= 1 ? `${prefix}/avatar.png` : `${prefix}/redirect/${n - 1}/avatar.png`, n % 2 ? 302 : 301)
  }],
  [/^\/loop\/(\d+)$/, ({ res, prefix, match }) => redirect(res, `${prefix}/loop/${Number(match[1]) + 1}`)],
  [/^\/loop-a$/, ({ res, prefix }) => redirect(res, `${prefix}/loop-b`)],
  [/^\/loop-b$/, ({ res, prefix }) => redirect(res, `${prefix}/loop-a`)],
  [/^\/redirect-to$/, ({ res, query }) => redirect(res, query.get('url') ?? '/')],
  [/^\/endless\.png$/, ({ res }) => streamForever(res, { 'content-type': 'image/png' })],
  [/^\/big-length\.png$/, ({ res }) => streamForever(res, { 'content-type': 'image/png', 'content-length': String(100 * 1024 * 1024) })],
  [/^\/slow\.png$/, ({ res, query, assets }) =>
    new Promise<void>((resolve) => {
      const delay = Math.min(Math.max(Number(query.get('delay') ?? 4000) || 0, 0), 60_000)
      const timer = setTimeout(() => {
        if (!res.destroyed) send(res, 200, 'image/png', assets.png)
        resolve()
      }, delay)
      res.on('close', () => {
        clearTimeout(timer)
        resolve()
      })
    })],
  [/^\/drive\/uc$/, ({ res, query }) => send(res, 200, 'text/html; charset=utf-8', driveInterstitial(query.get('id') ?? ''))],
  [/^\/drive\/d\/[A-Za-z0-9_-]+$/, ({ res, assets }) => send(res, 200, 'image/png', assets.png)],
  [/^\/drive\/thumbnail$/, ({ res, assets }) => send(res, 200, 'image/png', assets.png)]
]

/**
 * Answers one request under the image host's mount; `subpath` is the path after `/images`.
 * Returns false for an unknown path, so the sandbox answers its own 404.
 */
export const handleImageHostRequest = async (req: IncomingMessage, res: ServerResponse, subpath: string): Promise<boolean> => {
  const url = new URL(req.url ?? '/', 'http://image-host.invalid')
  const path = subpath.split('?')[0]
  const prefix = url.pathname.endsWith(path) ? url.pathname.slice(0, url.pathname.length - path.length) : ''
  for (const [pattern, route] of ROUTES) {
    const match = pattern.exec(path)
    if (!match) continue
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'Method not allowed', { allow: 'GET, HEAD' })
      return true
    }
    await route({ req, res, query: url.searchParams, prefix, assets: await imageHostAssets(), match })
    return true
  }
  return false
}

export { imageHostAssets }
