import { Agent, request, type Dispatcher } from 'undici'
import type { AppError } from '../../../shared/result'
import { maskHeaders, type MaskedRequest } from '../../../shared/gateway/curl'
import { ZENDESK_WEBHOOK_TIMEOUT_MS, zendeskViewOf, type ZendeskView } from '../../../shared/gateway/zendesk-view'
import { checkUrlSafety } from '../../../shared/net/url-safety'
import { createRedactor, redactDeep } from '../../../shared/redact'
import { WEBHOOK_SECRET_HEADER, type WebhookPayload } from '../../../shared/webhook-events'
import { AppFailure, isAppFailure } from '../errors'
import { USER_AGENT } from '../platform/version'
import { parseRetryAfter } from '../zendesk/retry'
import type { GatewayPool } from './gateway-pool'
import { checkGatewayUrl } from './url-policy'
import { PrivateAddressError, timedConnector, type ConnectTimings } from './timed-connector'

/** Largest part of a gateway's answer body kept (the rest is counted, not stored). */
export const MAX_BODY_BYTES = 64 * 1024

/**
 * Read past the kept part, so a secret echoed across the cut is still whole when it is redacted
 * (longer than any encoding of a secret the contract accepts).
 */
const REDACT_SLACK_BYTES = 16 * 1024

/** What the gateway answered, how long each phase took, and what Zendesk would make of it. */
export interface GatewayResponse {
  ok: boolean
  request: MaskedRequest
  status: number | null
  statusText?: string
  timings: { dnsMs?: number; connectMs?: number; tlsMs?: number; firstByteMs?: number; totalMs: number }
  headers: Record<string, string>
  body: string
  bodyTruncated: boolean
  redirect: { location: string } | null
  error: AppError | null
  zendeskView: ZendeskView
}

export interface SendWebhookEventInput {
  url: string
  secret: string
  payload: WebhookPayload | Record<string, unknown>
  /** Zendesk waits 20 s; tests pass less. */
  timeoutMs?: number
  /** The profile allows private/loopback targets and plain http to them (the sandbox). */
  allowPrivate: boolean
  signal?: AbortSignal
  /** A keep-alive pool to send over (a burst) instead of a connection of the event's own. */
  pool?: GatewayPool
  /**
   * How the answer is redacted before it is returned (and so before it is stored or logged);
   * default: every form of `secret`. A caller passing its own must cover `secret` too.
   */
  redact?: (text: string) => string
}

export interface ProbeGatewayInput {
  url: string
  timeoutMs?: number
  allowPrivate: boolean
  signal?: AbortSignal
}

const round = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * 10) / 10)

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }

const codeOf = (e: unknown): string => {
  const err = e as { code?: unknown; cause?: { code?: unknown } }
  if (typeof err?.code === 'string') return err.code
  if (typeof err?.cause?.code === 'string') return err.cause.code
  return ''
}

/** A network failure in plain words, with the fix; `timeout` is kept apart for Zendesk's view. */
export const describeGatewayFailure = (e: unknown, url: URL, timeoutMs: number): AppError => {
  const host = url.host
  const cause = (e as { cause?: unknown })?.cause
  if (e instanceof PrivateAddressError || cause instanceof PrivateAddressError) {
    const p = (e instanceof PrivateAddressError ? e : cause) as PrivateAddressError
    return { code: 'private-address', message: `The gateway host ${p.host} resolves to ${p.address}, ${p.kind}: Zendesk cannot reach it.`, fix: 'Use the public gateway URL, or turn on "Allow private addresses" on the customer for local testing.' }
  }
  const code = codeOf(e)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { code: 'dns-failed', message: `The gateway host name ${url.hostname} could not be resolved (${code}).`, fix: "Check the spelling of the customer's gateway URL and that this computer is online." }
  }
  if (code === 'ECONNREFUSED') {
    return { code: 'connection-refused', message: `Nothing is listening at ${host}: the connection was refused.`, fix: 'Check the gateway URL (host and port) and that the gateway is running.' }
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { code: 'timeout', message: `Connecting to the gateway at ${host} took longer than ${timeoutMs / 1000} s.`, fix: 'Check the gateway is up and reachable from the internet.' }
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { code: 'connection-reset', message: `The gateway at ${host} closed the connection without answering (${code}).`, fix: 'The gateway or something in front of it (proxy, firewall) dropped the request; check its logs.' }
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME/i.test(code)) {
    return {
      code: 'tls-failed',
      message: `The secure connection to the gateway at ${host} failed (${code}): its certificate is not trusted${code.includes('SELF_SIGNED') ? ' (it is self-signed)' : code.includes('EXPIRED') ? ' (it has expired)' : ''}. Zendesk refuses such a connection too.`,
      fix: 'Give the gateway a valid certificate from a public authority (e.g. Let\'s Encrypt) covering its host name.'
    }
  }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') {
    return { code: 'connection-failed', message: `The gateway at ${host} cannot be reached from this network (${code}).`, fix: 'Check this computer\'s network and the gateway URL.' }
  }
  const msg = e instanceof Error ? e.message : String(e)
  return { code: 'connection-failed', message: `Sending to the gateway at ${host} failed (${code || msg}).`, fix: 'Check the gateway URL and that the gateway is online.' }
}

const headersOf = (raw: Record<string, string | string[] | undefined>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

/** Reads the body up to `limit` bytes; `more` says whether it went on past that. */
const readCapped = async (body: Dispatcher.ResponseData['body'], declared: number, limit: number): Promise<{ buf: Buffer; more: boolean }> => {
  // The common case, a small answer that says its size: one read, no stream iteration.
  if (Number.isInteger(declared) && declared >= 0 && declared <= limit) return { buf: Buffer.from(await body.arrayBuffer()), more: false }
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of body as AsyncIterable<Buffer>) {
    if (size + c.length > limit) {
      chunks.push(c.subarray(0, limit - size))
      body.destroy()
      return { buf: Buffer.concat(chunks), more: true }
    }
    chunks.push(c)
    size += c.length
  }
  return { buf: Buffer.concat(chunks, size), more: false }
}

/**
 * The answer's text, redacted, then cut to {@link MAX_BODY_BYTES}: redacting first means an echoed
 * secret is replaced whole even where the cut falls inside it.
 */
const bodyText = (read: { buf: Buffer; more: boolean }, redact: (s: string) => string): { text: string; truncated: boolean } => {
  const truncated = read.more || read.buf.length > MAX_BODY_BYTES
  const text = redact(read.buf.toString('utf8'))
  if (!truncated) return { text, truncated }
  return { text: Buffer.from(text, 'utf8').subarray(0, MAX_BODY_BYTES).toString('utf8'), truncated }
}

/**
 * Everything the gateway sent back, redacted: a hostile or buggy gateway echoing the secret (plain,
 * URL-encoded, JSON-escaped, base64, hex) in its body, headers or a redirect must not get it into
 * the history, the logs or a report. The request is left as is (its secret is already masked).
 */
const redactAnswer = (r: GatewayResponse, redact: (s: string) => string): GatewayResponse => ({
  ...r,
  statusText: r.statusText === undefined ? undefined : redact(r.statusText),
  headers: redactDeep(r.headers, redact),
  redirect: r.redirect ? { location: redact(r.redirect.location) } : null,
  error: r.error ? redactDeep(r.error, redact) : null,
  zendeskView: redactDeep(r.zendeskView, redact)
})

interface ExchangeOptions {
  timeoutMs: number
  allowPrivate: boolean
  signal?: AbortSignal
  pool?: GatewayPool
  redact: (text: string) => string
}

const noAnswer = (masked: MaskedRequest, timings: GatewayResponse['timings'], error: AppError, zendeskView: ZendeskView): GatewayResponse => ({
  ok: false,
  request: masked,
  status: null,
  timings,
  headers: {},
  body: '',
  bodyTruncated: false,
  redirect: null,
  error,
  zendeskView
})

/** A failure before any answer, in plain words: cancelled, timed out, or the network's reason. */
const failureOf = (e: unknown, url: URL, masked: MaskedRequest, timings: GatewayResponse['timings'], state: { cancelled: boolean; timedOut: boolean; timeoutMs: number }): GatewayResponse => {
  if (state.cancelled && !state.timedOut) {
    const error: AppError = { code: 'cancelled', message: 'The test event was cancelled before the gateway answered.', fix: 'Send it again.' }
    return noAnswer(masked, timings, error, { verdict: 'unreachable', message: error.message })
  }
  if (state.timedOut) {
    const view = zendeskViewOf({ status: null, timedOut: true, timeoutMs: state.timeoutMs })
    const error: AppError = { code: 'gateway-timeout', message: `The gateway at ${url.host} did not answer within ${state.timeoutMs / 1000} s.`, fix: view.fix ?? '' }
    return noAnswer(masked, timings, error, view)
  }
  const error = isAppFailure(e) ? e.toData() : describeGatewayFailure(e, url, state.timeoutMs)
  return noAnswer(masked, timings, error, zendeskViewOf({ status: null, networkError: error.message }))
}

interface Deadline {
  signal: AbortSignal | undefined
  state: { cancelled: boolean; timedOut: boolean; timeoutMs: number }
  /** undici's own header and body timeouts for the request. */
  undiciTimeoutMs: number
  /** Reads a failure as a timeout where it is one. */
  settle(error: unknown): void
  clear(): void
}

/**
 * The request's time limit and cancel. A single send has a timer of its own that aborts it at
 * exactly `timeoutMs`. Over a burst's pool, undici's header and body timeouts are the limit and the
 * burst's signal the cancel: no controller, timer or listener per event, which at thousands of
 * events a second is most of the sender's own cost.
 */
const deadlineFor = (opts: ExchangeOptions): Deadline => {
  const state = { cancelled: false, timedOut: false, timeoutMs: opts.timeoutMs }
  if (opts.pool) {
    return {
      signal: opts.signal,
      state,
      undiciTimeoutMs: opts.timeoutMs,
      settle: (e) => {
        state.cancelled = Boolean(opts.signal?.aborted)
        state.timedOut = /^UND_ERR_(?:HEADERS|BODY)_TIMEOUT$/.test(codeOf(e))
      },
      clear: () => undefined
    }
  }
  const controller = new AbortController()
  const timer = setTimeout(() => {
    state.timedOut = true
    controller.abort(new Error('timeout'))
  }, opts.timeoutMs)
  const onAbort = (): void => controller.abort(opts.signal?.reason)
  opts.signal?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    state,
    undiciTimeoutMs: opts.timeoutMs + 1000,
    settle: () => {
      state.cancelled = Boolean(opts.signal?.aborted)
    },
    clear: () => {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
    }
  }
}

/**
 * One request, timed, never following a redirect; failures become data, never throws (except URL
 * policy). Over a pool the connection may be reused, so only first-byte and total times are its own.
 */
const exchange = async (
  method: 'POST' | 'HEAD',
  url: URL,
  headers: Record<string, string>,
  body: string | undefined,
  masked: MaskedRequest,
  opts: ExchangeOptions
): Promise<GatewayResponse> => {
  const connect: ConnectTimings = {}
  const timeoutMs = opts.timeoutMs
  const agent: Dispatcher = opts.pool?.dispatcher ?? new Agent({ connect: timedConnector(connect, { allowPrivate: opts.allowPrivate, timeoutMs }), pipelining: 0 })
  const deadline = deadlineFor(opts)
  const start = performance.now()
  const timings = (): GatewayResponse['timings'] => ({
    dnsMs: round(connect.dnsMs),
    connectMs: round(connect.connectMs),
    tlsMs: round(connect.tlsMs),
    totalMs: round(performance.now() - start) ?? 0
  })
  try {
    if (opts.signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' })
    const res = await request(url, {
      method,
      headers,
      body,
      dispatcher: agent,
      signal: deadline.signal,
      headersTimeout: deadline.undiciTimeoutMs,
      bodyTimeout: deadline.undiciTimeoutMs
    })
    const firstByteMs = performance.now() - start
    const h = headersOf(res.headers)
    let answer = { text: '', truncated: false }
    if (method === 'HEAD') await res.body.dump().catch(() => undefined)
    else answer = bodyText(await readCapped(res.body, h['content-length'] ? Number(h['content-length']) : NaN, MAX_BODY_BYTES + REDACT_SLACK_BYTES), opts.redact)
    const isRedirect = res.statusCode >= 300 && res.statusCode < 400
    const redirect = isRedirect && h.location ? { location: h.location } : null
    const view = zendeskViewOf({ status: res.statusCode, redirectLocation: redirect?.location, retryAfterMs: parseRetryAfter(h['retry-after']) })
    return redactAnswer({
      ok: view.verdict === 'accepted',
      request: masked,
      status: res.statusCode,
      statusText: STATUS_TEXT[res.statusCode],
      timings: { ...timings(), firstByteMs: round(firstByteMs) },
      headers: h,
      body: answer.text,
      bodyTruncated: answer.truncated,
      redirect,
      error: null,
      zendeskView: view
    }, opts.redact)
  } catch (e) {
    deadline.settle(e)
    return redactAnswer(failureOf(e, url, masked, timings(), deadline.state), opts.redact)
  } finally {
    deadline.clear()
    if (!opts.pool) void agent.destroy().catch(() => undefined)
  }
}

/** Refuses a URL with a backslash, credentials or a control character before anything is sent. */
const safeGatewayUrl = (raw: string, allowPrivate: boolean): URL => {
  const safety = checkUrlSafety(raw, 'The gateway URL')
  if (!safety.ok) {
    throw new AppFailure({ code: 'gateway-url-invalid', message: safety.problem.message, fix: `${safety.problem.fix} Then correct the customer's gateway URL (Customers → Edit).`, details: { reason: safety.problem.code } })
  }
  return checkGatewayUrl(raw, allowPrivate)
}

/** The headers Zendesk sends with a webhook delivery (the secret in X-API-Key). */
export const webhookHeaders = (secret: string): Record<string, string> => ({
  'content-type': 'application/json',
  [WEBHOOK_SECRET_HEADER]: secret,
  'user-agent': USER_AGENT
})

/** The request a delivery makes, with the secret masked: for dry runs, history and curl. */
export const maskedWebhookRequest = (url: string, payload: unknown): MaskedRequest => ({
  method: 'POST',
  url,
  headers: maskHeaders(webhookHeaders('x')),
  body: payload
})

/**
 * Delivers a payload the way Zendesk does — POST JSON with X-API-Key, a 20 s limit, no redirect
 * followed — and reports the answer, each phase's time and Zendesk's view of it. Network failures
 * come back as data (`error`), so diagnose and the UI can show them; only a URL the policy refuses
 * throws (nothing is sent then).
 */
export const sendWebhookEvent = async (input: SendWebhookEventInput): Promise<GatewayResponse> => {
  const check = (): URL => safeGatewayUrl(input.url, input.allowPrivate)
  const url = input.pool ? input.pool.checkedUrl(`${input.allowPrivate}\u0000${input.url}`, check) : check()
  const body = JSON.stringify(input.payload)
  return exchange('POST', url, webhookHeaders(input.secret), body, maskedWebhookRequest(url.toString(), input.payload), {
    timeoutMs: input.timeoutMs ?? ZENDESK_WEBHOOK_TIMEOUT_MS,
    allowPrivate: input.allowPrivate,
    signal: input.signal,
    pool: input.pool,
    redact: input.redact ?? createRedactor([input.secret])
  })
}

/** The HEAD request Zendesk sends to a webhook target when the webhook is created. */
export const probeGatewayHead = async (input: ProbeGatewayInput): Promise<GatewayResponse> => {
  const url = safeGatewayUrl(input.url, input.allowPrivate)
  const headers = { 'user-agent': USER_AGENT }
  return exchange('HEAD', url, headers, undefined, { method: 'HEAD', url: url.toString(), headers }, {
    timeoutMs: input.timeoutMs ?? ZENDESK_WEBHOOK_TIMEOUT_MS,
    allowPrivate: input.allowPrivate,
    signal: input.signal,
    redact: (text) => text
  })
}
