import type { LookupFunction } from 'node:net'
import { Agent, request } from './undici-lean'
import type { FetchHop } from '../../../shared/avatar/assess'
import { checkUrlSafety } from '../../../shared/net/url-safety'
import { AppFailure } from '../errors'
import { USER_AGENT } from '../platform/version'
import { resolvePublic, type HostResolver } from './resolve-public'

/**
 * Fetches a URL the way an anonymous member of the public would — no cookies, no credentials — and
 * only from public addresses: every hop's host is resolved here, every answer checked, and the
 * connection pinned to the checked address, so neither a redirect nor a DNS rebinding can turn the
 * fetch towards this computer, the LAN or a cloud metadata service. Other features (gateway checks,
 * diagnose) may reuse it for any user-supplied URL.
 */

export type { FetchHop }

export interface SafeFetchOptions {
  /** Allow loopback/private/link-local targets (the sandbox, intranet testing). */
  allowPrivate?: boolean
  /** Non-public addresses allowed anyway (only the sandbox's 127.0.0.1, say), narrower than allowPrivate. */
  allowAddresses?: readonly string[]
  /** Redirects followed by hand (default 5). */
  maxRedirects?: number
  /** The body is cut off past this many bytes, whatever Content-Length says (default 10 MB). */
  maxBytes?: number
  connectTimeoutMs?: number
  headersTimeoutMs?: number
  /** Longest silence between two chunks of the body. */
  bodyTimeoutMs?: number
  /** The whole fetch, all hops and the body. */
  totalTimeoutMs?: number
  signal?: AbortSignal
  /** The Accept header (default: what a browser sends for an <img>). */
  accept?: string
  /** The resolver (default: the OS's, via dns.lookup); tests pass a stand-in for DNS names that cannot exist here. */
  resolver?: HostResolver
  /** Called as each hop is answered (progress on a terminal or in the UI). */
  onHop?: (hop: FetchHop) => void
}

export interface SafeFetchResponse {
  url: string
  status: number
  headers: Record<string, string>
  body: Buffer
  hops: FetchHop[]
  /** The address the final hop connected to. */
  address: string
  timeMs: number
}

/** A fetch failure that still carries what was seen on the way (hops, last status, headers). */
export class SafeFetchFailure extends AppFailure {
  constructor(
    error: ConstructorParameters<typeof AppFailure>[0],
    readonly hops: FetchHop[],
    readonly response: { status: number; headers: Record<string, string>; bytesRead: number } | null = null,
    readonly timeMs = 0,
    options?: { cause?: unknown }
  ) {
    super(error, options)
  }
}

export const SAFE_FETCH_DEFAULTS = {
  maxRedirects: 5,
  maxBytes: 10 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  totalTimeoutMs: 30_000
} as const

const BROWSER_IMG_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'

/** A lookup that always answers the address already checked, whatever the OS resolver would say. */
const pinnedLookup = (address: string, family: 4 | 6): LookupFunction =>
  ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts && opts.all) cb(null, [{ address, family }])
    else cb(null, address, family)
  }) as unknown as LookupFunction

/** Drops a body we will not read; the abort error it emits is expected, not a crash. */
const discard = (body: NodeJS.ReadableStream & { destroy(): void }): void => {
  body.on('error', () => undefined)
  body.destroy()
}

const headersOf = (raw: Record<string, string | string[] | undefined>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || /^set-cookie$/i.test(k)) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

const describeNetworkError = (e: unknown, url: string, timeouts: { connect: number; headers: number; body: number; total: number }): AppFailure => {
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = err.code ?? err.cause?.code ?? ''
  const host = (() => {
    try {
      return new URL(url).host
    } catch {
      return url
    }
  })()
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new AppFailure({ code: 'timeout', message: `Connecting to ${host} timed out after ${timeouts.connect / 1000} s.`, fix: 'Check the link and that the host is up, or use a different public image host.' })
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new AppFailure({ code: 'timeout', message: `${host} did not answer within ${timeouts.headers / 1000} s.`, fix: 'The image host is too slow; use a different public image host.' })
  if (code === 'UND_ERR_BODY_TIMEOUT') return new AppFailure({ code: 'timeout', message: `${host} stopped sending the image for more than ${timeouts.body / 1000} s.`, fix: 'The image host is too slow; use a different public image host.' })
  if (err.name === 'TimeoutError' || code === 'ABORT_ERR' || err.name === 'AbortError') {
    return new AppFailure({ code: 'timeout', message: `Loading ${host} took longer than ${timeouts.total / 1000} s.`, fix: 'Use a faster host or a smaller image.' })
  }
  if (/CERT|SSL|TLS|ERR_TLS/i.test(code)) return new AppFailure({ code: 'connection-failed', message: `The secure connection to ${host} failed (${code}): its certificate is not valid.`, fix: 'The image host has a certificate problem; use a different public image host.' })
  return new AppFailure({ code: 'connection-failed', message: `Connecting to ${host} failed (${code || err.message || 'unknown error'}).`, fix: 'Check the link and that the host is up, or use a different public image host.' })
}

/**
 * The host's first public address, or the failure `onAbort` names once `signal` fires: a resolver
 * can hang for many seconds offline, and the overall timeout and cancel must cover it too.
 */
const resolveUntil = async (hostname: string, opts: Parameters<typeof resolvePublic>[1], signal: AbortSignal, onAbort: () => AppFailure): Promise<{ address: string; family: 4 | 6 }> => {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(onAbort())
    signal.addEventListener('abort', () => reject(onAbort()), { once: true })
  })
  aborted.catch(() => undefined)
  const [first] = await Promise.race([resolvePublic(hostname, opts), aborted])
  return { address: first.address, family: first.family }
}

/** The whole body, read no further than `maxBytes` (then dropped), or the network error that cut it. */
const readBounded = async (body: AsyncIterable<unknown> & { destroy?: unknown }, maxBytes: number): Promise<{ body: Buffer; bytes: number; tooLarge?: true; error?: unknown }> => {
  const chunks: Buffer[] = []
  let bytes = 0
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer
      bytes += buf.length
      if (bytes > maxBytes) {
        discard(body as Parameters<typeof discard>[0])
        return { body: Buffer.alloc(0), bytes, tooLarge: true }
      }
      chunks.push(buf)
    }
  } catch (error) {
    return { body: Buffer.alloc(0), bytes, error }
  }
  return { body: Buffer.concat(chunks, bytes), bytes }
}

/** Why a body is refused for its size: what it declared, or where reading stopped. */
const tooLargeError = (maxBytes: number, declared: number, bytes: number): ConstructorParameters<typeof AppFailure>[0] => ({
  code: 'body-too-large',
  message: `The file is larger than ${(maxBytes / 1024 / 1024).toFixed(0)} MB${Number.isFinite(declared) && declared > 0 ? ` (it says ${declared} bytes)` : ` (reading stopped after ${bytes} bytes)`}; an avatar should be a few hundred kB.`,
  fix: 'Resize the image to 512 × 512 pixels and save it as PNG or JPG, then use its new link.'
})

/**
 * The link as given, parsed, or why not. What the user gave is refused, not cleaned up, when its
 * host may not be the one it shows.
 */
const startUrl = (input: string): URL | ConstructorParameters<typeof AppFailure>[0] => {
  const safety = checkUrlSafety(input, 'The link')
  if (!safety.ok && safety.problem.code !== 'url-invalid') return safety.problem
  try {
    return new URL(input)
  } catch {
    return { code: 'invalid-url', message: `"${input.slice(0, 200)}" is not a valid URL.`, fix: 'Paste the full link, starting with https://.' }
  }
}

/** Fetches `input` anonymously from public addresses only, following at most `maxRedirects` redirects by hand. */
export const safeFetch = async (input: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> => {
  const o = { ...SAFE_FETCH_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<SafeFetchOptions, 'signal' | 'onHop' | 'accept' | 'allowAddresses' | 'resolver'>> & SafeFetchOptions
  const timeouts = { connect: o.connectTimeoutMs, headers: o.headersTimeoutMs, body: o.bodyTimeoutMs, total: o.totalTimeoutMs }
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  const hops: FetchHop[] = []
  const totalTimer = AbortSignal.timeout(o.totalTimeoutMs)
  const signals = [totalTimer]
  if (options.signal) signals.push(options.signal)
  const signal = AbortSignal.any(signals)
  const seen = new Set<string>()
  const fail = (error: AppFailure | ConstructorParameters<typeof AppFailure>[0], response: SafeFetchFailure['response'] = null): never => {
    const data = error instanceof AppFailure ? error.toData() : error
    throw new SafeFetchFailure(data, hops, response, elapsed(), { cause: error })
  }

  /** Names why a request failed: the user's cancel, the overall timeout, or the network. */
  const networkFailure = (e: unknown, url: string): AppFailure => {
    if (options.signal?.aborted) return new AppFailure({ code: 'cancelled', message: 'The check was cancelled.', fix: 'Start the check again when you are ready.' })
    if (totalTimer.aborted) return describeNetworkError({ name: 'TimeoutError' }, url, timeouts)
    return describeNetworkError(e, url, timeouts)
  }

  const start = startUrl(input)
  if (!(start instanceof URL)) return fail(start)
  let current = start

  for (let hopIndex = 0; ; hopIndex++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return fail({ code: hopIndex ? 'bad-redirect' : 'unsupported-scheme', message: `${hopIndex ? 'A redirect leads' : 'The link leads'} to a "${current.protocol}" URL; only http and https are fetched.`, fix: 'Use a direct https link to the image.' })
    }
    // The public has no credentials for this host: never send any (a redirect may carry some).
    current.username = ''
    current.password = ''
    current.hash = ''
    const url = current.toString()
    if (seen.has(url)) {
      return fail({ code: 'redirect-loop', message: `The redirects loop back to ${url}.`, fix: 'The host redirects in circles (often a sign-in or cookie check); use a different public image host.' })
    }
    seen.add(url)
    const hop: FetchHop = { url, status: null, location: null, address: null }
    hops.push(hop)

    let address: string
    let family: 4 | 6
    try {
      ;({ address, family } = await resolveUntil(current.hostname, { allowPrivate: o.allowPrivate, allowAddresses: o.allowAddresses, resolver: options.resolver }, signal, () => networkFailure(signal.reason, url)))
    } catch (e) {
      const refused = (e as AppFailure).details?.address
      if (typeof refused === 'string') hop.address = refused
      return fail(e as AppFailure)
    }
    hop.address = address
    if (signal.aborted) return fail(networkFailure(signal.reason, url))

    const agent = new Agent({
      connect: { timeout: o.connectTimeoutMs, lookup: pinnedLookup(address, family) },
      headersTimeout: o.headersTimeoutMs,
      bodyTimeout: o.bodyTimeoutMs,
      connections: 1
    })
    try {
      let res: Awaited<ReturnType<typeof request>>
      try {
        res = await request(url, {
          method: 'GET',
          dispatcher: agent,
          signal,
          headers: { accept: options.accept ?? BROWSER_IMG_ACCEPT, 'user-agent': USER_AGENT, 'accept-encoding': 'identity' }
        })
      } catch (e) {
        return fail(networkFailure(e, url))
      }
      hop.status = res.statusCode
      const headers = headersOf(res.headers)
      const location = headers.location ?? null
      if ([301, 302, 303, 307, 308].includes(res.statusCode) && location) {
        discard(res.body)
        let next: URL
        try {
          next = new URL(location, url)
        } catch {
          options.onHop?.(hop)
          return fail({ code: 'bad-redirect', message: `${current.host} redirects to an invalid location "${location.slice(0, 200)}".`, fix: 'Use a different public image host.' })
        }
        hop.location = next.toString()
        options.onHop?.(hop)
        if (hopIndex + 1 > o.maxRedirects) {
          return fail({ code: 'too-many-redirects', message: `The link redirects more than ${o.maxRedirects} times.`, fix: 'Use the final, direct image link (open it in a browser and copy the address of the image itself).' })
        }
        current = next
        continue
      }
      options.onHop?.(hop)
      const declared = Number(headers['content-length'])
      const response = (bytesRead: number): SafeFetchFailure['response'] => ({ status: res.statusCode, headers, bytesRead })
      const tooLarge = (bytes: number): ConstructorParameters<typeof AppFailure>[0] => tooLargeError(o.maxBytes, declared, bytes)
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        discard(res.body)
        return fail(tooLarge(0), response(0))
      }
      const read = await readBounded(res.body, o.maxBytes)
      if (read.tooLarge) return fail(tooLarge(read.bytes), response(read.bytes))
      if (read.error) return fail(networkFailure(read.error, url), response(read.bytes))
      return { url, status: res.statusCode, headers, body: read.body, hops, address, timeMs: elapsed() }
    } finally {
      void agent.destroy().catch(() => undefined)
    }
  }
}
