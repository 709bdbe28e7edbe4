import { createRequire } from 'node:module'
import type * as Undici from 'undici'
import type { Agent as UndiciAgent, Dispatcher } from 'undici'

/**
 * undici's `Agent` and `request`, without the rest of undici. `import 'undici'` loads all of it —
 * fetch, WebSocket, cookies, caches, mocks, HTTP/2: about 110 modules, 60–250 ms on a small busy
 * machine — and the avatar checker process, which starts for one check (the command line starts
 * one per `avatar check`), uses only these two. The same classes, loaded from undici's own files;
 * if a later undici moves them, the whole package is loaded instead (`whole` says which).
 */

type RequestOptions = { dispatcher: Dispatcher } & Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & Partial<Pick<Dispatcher.RequestOptions, 'method'>>
type ApiRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>

const load = (): { Agent: typeof UndiciAgent; apiRequest: ApiRequest; whole: boolean } => {
  const req = typeof require === 'function' ? require : createRequire(import.meta.url)
  try {
    const Agent = req('undici/lib/dispatcher/agent.js') as typeof UndiciAgent
    const apiRequest = req('undici/lib/api/api-request.js') as ApiRequest
    if (typeof Agent === 'function' && typeof apiRequest === 'function') return { Agent, apiRequest, whole: false }
  } catch {
    /* undici's files moved: the whole package below */
  }
  const undici = req('undici') as typeof Undici
  return { Agent: undici.Agent, apiRequest: undici.Dispatcher.prototype.request as ApiRequest, whole: true }
}

const loaded = load()

export const Agent = loaded.Agent

/** True when the whole of undici had to be loaded (its files moved in a later version). */
export const wholeUndiciLoaded = loaded.whole

/**
 * `undici.request(url, { dispatcher, … })`, as undici's own does it: http or https only, the URL
 * split into origin and path (the fragment never sent), GET unless a method is given.
 */
export const request = (url: string | URL, options: RequestOptions): Promise<Dispatcher.ResponseData> => {
  const u = typeof url === 'string' ? new URL(url) : url
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError('Invalid URL protocol: the URL must start with `http:` or `https:`.')
  const { dispatcher, ...rest } = options
  return loaded.apiRequest.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}`, method: rest.method ?? 'GET' })
}
