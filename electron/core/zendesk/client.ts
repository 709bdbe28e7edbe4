import { Agent, request, type Dispatcher } from 'undici'
import type { z } from 'zod'
import {
  AppResponse,
  ConversationCreateBody,
  ConversationResponse,
  CustomIntegration,
  CustomIntegrationCreateBody,
  EmptyResponse,
  IntegrationListResponse,
  IntegrationResponse,
  IntegrationUpdateBody,
  MessageListResponse,
  MessagePostBody,
  MessagePostResponse,
  SwitchboardIntegrationListResponse,
  SwitchboardIntegrationResponse,
  SwitchboardIntegrationUpdateBody,
  SwitchboardListResponse,
  UserCreateBody,
  UserResponse,
  WebhookCreateBody,
  WebhookListResponse,
  WebhookResponse,
  WebhookUpdateBody,
  ZendeskErrorBody,
  type App,
  type Conversation,
  type Integration,
  type Message,
  type PageMeta,
  type Switchboard,
  type SwitchboardIntegration,
  type User,
  type Webhook,
  type ZendeskErrorItem
} from '../../../shared/schemas/zendesk'
import { redactDeep } from '../../../shared/redact'
import { USER_AGENT } from '../platform/version'
import { createSecretRegistry } from '../platform/secret-registry'
import { ZendeskApiError, describeHttpStatus, describeNetworkError, describeRetryLater, isZendeskApiError, type ZendeskErrorDetails } from './errors'
import { DEFAULT_RETRY_POLICY, backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry'

/** Where secrets go to be redacted everywhere (the services' registry; a private one by default). */
export interface SecretSink {
  add(secret: string | null | undefined, keyId?: string): void
  redact(text: string): string
}

export interface ZendeskClientOptions {
  /** `https://{subdomain}.zendesk.com/sc` is built from this when `baseUrl` is not given. */
  subdomain?: string
  /** An explicit API base (legacy `https://api.smooch.io`, the sandbox's zendeskUrl); `/v2/…` is appended. */
  baseUrl?: string
  appId: string
  keyId: string
  keySecret: string
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number }
  /** Largest response body accepted (bytes); default 5 MB. */
  maxResponseBytes?: number
  retry?: Partial<RetryPolicy>
  /** Random source for the backoff jitter (tests pass a fixed one). */
  random?: () => number
  secrets?: SecretSink
  /** A dispatcher of the caller's (proxy agent, test agent); default a private Agent. */
  dispatcher?: Dispatcher
}

/** Per-request options. */
export interface RequestOptions {
  signal?: AbortSignal
}

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[]
  meta: PageMeta
  next?: string
}

export interface ListIntegrationsQuery {
  /** `filter[types]`, e.g. `['custom']`. */
  types?: string[]
  /** `page[size]` (Zendesk: 1 to 100). */
  pageSize?: number
  /** `page[after]`: the previous page's `meta.afterCursor`. */
  after?: string
}

/** What a safe create returns: the integration, and whether it was found rather than created. */
export interface CreateIntegrationResult {
  integration: CustomIntegration
  /** True when the create's answer was lost and the integration it had made was found by listing. */
  recovered: boolean
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/**
 * Retry rules by method. GET/PUT/DELETE are idempotent by HTTP. Sunshine's PATCH sets fields to the
 * given values (no increments, no appends), so repeating it lands in the same state: it is retried
 * too. POST creates and is retried only when the request provably was not processed (429, or no
 * connection was ever made); otherwise its outcome is "unknown" and the caller must look first.
 */
const IDEMPOTENT: Record<Method, boolean> = { GET: true, PUT: true, DELETE: true, PATCH: true, POST: false }

/** Network failures where the request never reached the server: safe to repeat even a POST. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH'])
/** Network failures that will not heal by retrying now. */
const PERMANENT_CODES = new Set(['ENOTFOUND', 'ABORTED', 'RESPONSE_TOO_LARGE'])

const DEFAULT_TIMEOUTS = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 }
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

/** `https://{subdomain}.zendesk.com/sc` from a profile, or the explicit base without trailing slash. */
export const zendeskBaseUrl = (o: { subdomain?: string; baseUrl?: string }): string => {
  if (o.baseUrl) return o.baseUrl.replace(/\/+$/, '')
  if (!o.subdomain) throw new Error('A Zendesk subdomain or API base URL is required.')
  return `https://${o.subdomain}.zendesk.com/sc`
}

const networkCodeOf = (e: unknown): string => {
  const err = e as { code?: unknown; cause?: { code?: unknown }; name?: unknown }
  if (err?.name === 'AbortError') return 'ABORTED'
  if (typeof err?.code === 'string') return err.code
  if (typeof err?.cause?.code === 'string') return err.cause.code
  return 'UNKNOWN'
}

/**
 * The product's only way to talk to the Sunshine Conversations v2 API: Basic auth with the app
 * key, explicit timeouts and a size cap, every answer validated against our schemas, one typed
 * error ({@link ZendeskApiError}) for every failure, and retries that never duplicate a write.
 * Redirects are never followed (undici's `request` does not follow them, and we report any 3xx as
 * `zendesk-redirect`), so the key can never be sent to another host.
 */
export class ZendeskClient {
  readonly baseUrl: string
  readonly appId: string
  private readonly origin: string
  private readonly basePath: string
  private readonly auth: string
  private readonly policy: RetryPolicy
  private readonly random: () => number
  private readonly secrets: SecretSink
  private readonly dispatcher: Dispatcher
  private readonly ownsDispatcher: boolean
  private readonly timeouts: { connectMs: number; headersMs: number; bodyMs: number }
  private readonly maxBytes: number

  constructor(options: ZendeskClientOptions) {
    this.baseUrl = zendeskBaseUrl(options)
    const url = new URL(this.baseUrl)
    this.origin = url.origin
    this.basePath = url.pathname.replace(/\/+$/, '')
    this.appId = options.appId
    this.secrets = options.secrets ?? createSecretRegistry()
    this.secrets.add(options.keySecret, options.keyId)
    this.auth = `Basic ${Buffer.from(`${options.keyId}:${options.keySecret}`).toString('base64')}`
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
    this.random = options.random ?? Math.random
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES
    this.ownsDispatcher = !options.dispatcher
    this.dispatcher = options.dispatcher ?? new Agent({
      connect: { timeout: this.timeouts.connectMs },
      headersTimeout: this.timeouts.headersMs,
      bodyTimeout: this.timeouts.bodyMs
    })
  }

  /** Releases the private connection pool. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close()
  }

  private app(path = ''): string {
    return `/v2/apps/${encodeURIComponent(this.appId)}${path}`
  }

  // ---- apps -------------------------------------------------------------------------------

  /** Proves the key, the host and the app ID in one call. */
  async getApp(opts: RequestOptions = {}): Promise<App> {
    return (await this.send('GET', this.app(), AppResponse, opts)).app
  }

  // ---- integrations -----------------------------------------------------------------------

  /** One page of integrations (cursor pagination, optional type filter). */
  async listIntegrations(query: ListIntegrationsQuery = {}, opts: RequestOptions = {}): Promise<Page<Integration>> {
    const q = new URLSearchParams()
    if (query.types?.length) q.set('filter[types]', query.types.join(','))
    if (query.pageSize) q.set('page[size]', String(query.pageSize))
    if (query.after) q.set('page[after]', query.after)
    const qs = q.toString()
    const res = await this.send('GET', this.app(`/integrations${qs ? `?${qs}` : ''}`), IntegrationListResponse, opts)
    for (const i of res.integrations) for (const w of i.webhooks ?? []) this.secrets.add(w.secret)
    return { items: res.integrations, meta: res.meta, ...(res.links?.next ? { next: res.links.next } : {}) }
  }

  /** Every integration, following `meta.afterCursor` (bounded at `maxPages`). */
  async listAllIntegrations(query: Omit<ListIntegrationsQuery, 'after'> = {}, opts: RequestOptions & { maxPages?: number } = {}): Promise<Integration[]> {
    const all: Integration[] = []
    let after: string | undefined
    for (let page = 0; page < (opts.maxPages ?? 50); page++) {
      const res = await this.listIntegrations({ ...query, after }, opts)
      all.push(...res.items)
      if (!res.meta.hasMore || !res.meta.afterCursor) break
      after = res.meta.afterCursor
    }
    return all
  }

  async getIntegration(integrationId: string, opts: RequestOptions = {}): Promise<Integration> {
    const res = await this.send('GET', this.app(`/integrations/${encodeURIComponent(integrationId)}`), IntegrationResponse, opts)
    for (const w of res.integration.webhooks ?? []) this.secrets.add(w.secret)
    return res.integration
  }

  /**
   * Creates a custom integration with its one webhook — safely: if the answer is lost after the
   * request went out (dropped connection, timeout, 5xx), it lists the integrations and returns the
   * one matching displayName and webhook target instead of creating a duplicate; only when none is
   * found is the create tried again.
   */
  async createCustomIntegration(body: CustomIntegrationCreateBody, opts: RequestOptions = {}): Promise<CreateIntegrationResult> {
    const parsed = CustomIntegrationCreateBody.parse(body)
    const path = this.app('/integrations')
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.send('POST', path, IntegrationResponse, opts, parsed)
        for (const w of res.integration.webhooks ?? []) this.secrets.add(w.secret)
        return { integration: this.asCustom(res.integration, `POST ${path}`), recovered: false }
      } catch (e) {
        if (!isZendeskApiError(e) || !e.outcomeUnknown || attempt >= this.policy.maxAttempts) throw e
        const found = await this.findCreatedIntegration(parsed, opts)
        if (found) return { integration: found, recovered: true }
        await sleep(backoffDelay(attempt - 1, this.policy, this.random), opts.signal)
      }
    }
  }

  /** The integration a lost create may have made: same displayName and same webhook target. */
  async findCreatedIntegration(body: CustomIntegrationCreateBody, opts: RequestOptions = {}): Promise<CustomIntegration | null> {
    const target = body.webhooks[0].target
    const all = await this.listAllIntegrations({ types: ['custom'] }, opts)
    const match = all.find((i) => i.type === 'custom' && i.displayName === body.displayName && (i.webhooks ?? []).some((w) => w.target === target))
    if (!match) return null
    const integration = this.asCustom(match, 'GET integrations')
    if (integration.webhooks.some((w) => !w.secret)) {
      integration.webhooks = await this.listWebhooks(integration.id, opts)
    }
    return integration
  }

  async updateIntegration(integrationId: string, body: IntegrationUpdateBody, opts: RequestOptions = {}): Promise<Integration> {
    const parsed = IntegrationUpdateBody.parse(body)
    return (await this.send('PATCH', this.app(`/integrations/${encodeURIComponent(integrationId)}`), IntegrationResponse, opts, parsed)).integration
  }

  async deleteIntegration(integrationId: string, opts: RequestOptions = {}): Promise<void> {
    await this.send('DELETE', this.app(`/integrations/${encodeURIComponent(integrationId)}`), EmptyResponse, opts)
  }

  // ---- webhooks ---------------------------------------------------------------------------

  /** The webhooks of an integration, each with its secret (registered for redaction). */
  async listWebhooks(integrationId: string, opts: RequestOptions = {}): Promise<Webhook[]> {
    const res = await this.send('GET', this.app(`/integrations/${encodeURIComponent(integrationId)}/webhooks`), WebhookListResponse, opts)
    for (const w of res.webhooks) this.secrets.add(w.secret)
    return res.webhooks
  }

  /** Creates a webhook; a POST, so never repeated blindly (an unknown outcome is raised as such). */
  async createWebhook(integrationId: string, body: WebhookCreateBody, opts: RequestOptions = {}): Promise<Webhook> {
    const parsed = WebhookCreateBody.parse(body)
    const res = await this.send('POST', this.app(`/integrations/${encodeURIComponent(integrationId)}/webhooks`), WebhookResponse, opts, parsed)
    this.secrets.add(res.webhook.secret)
    return res.webhook
  }

  async updateWebhook(integrationId: string, webhookId: string, body: WebhookUpdateBody, opts: RequestOptions = {}): Promise<Webhook> {
    const parsed = WebhookUpdateBody.parse(body)
    const res = await this.send(
      'PATCH',
      this.app(`/integrations/${encodeURIComponent(integrationId)}/webhooks/${encodeURIComponent(webhookId)}`),
      WebhookResponse,
      opts,
      parsed
    )
    this.secrets.add(res.webhook.secret)
    return res.webhook
  }

  async deleteWebhook(integrationId: string, webhookId: string, opts: RequestOptions = {}): Promise<void> {
    await this.send('DELETE', this.app(`/integrations/${encodeURIComponent(integrationId)}/webhooks/${encodeURIComponent(webhookId)}`), EmptyResponse, opts)
  }

  // ---- switchboards -----------------------------------------------------------------------

  async listSwitchboards(opts: RequestOptions = {}): Promise<Switchboard[]> {
    return (await this.send('GET', this.app('/switchboards'), SwitchboardListResponse, opts)).switchboards
  }

  async listSwitchboardIntegrations(switchboardId: string, opts: RequestOptions = {}): Promise<SwitchboardIntegration[]> {
    const path = this.app(`/switchboards/${encodeURIComponent(switchboardId)}/switchboardIntegrations`)
    return (await this.send('GET', path, SwitchboardIntegrationListResponse, opts)).switchboardIntegrations
  }

  /** Changes a switchboard integration (setup turns on `deliverStandbyEvents` for Aissist's). */
  async updateSwitchboardIntegration(
    switchboardId: string,
    switchboardIntegrationId: string,
    body: SwitchboardIntegrationUpdateBody,
    opts: RequestOptions = {}
  ): Promise<SwitchboardIntegration> {
    const path = this.app(`/switchboards/${encodeURIComponent(switchboardId)}/switchboardIntegrations/${encodeURIComponent(switchboardIntegrationId)}`)
    return (await this.send('PATCH', path, SwitchboardIntegrationResponse, opts, SwitchboardIntegrationUpdateBody.parse(body))).switchboardIntegration
  }

  // ---- users, conversations, messages (the live round trip) -----------------------------

  async createUser(body: UserCreateBody, opts: RequestOptions = {}): Promise<User> {
    return (await this.send('POST', this.app('/users'), UserResponse, opts, UserCreateBody.parse(body))).user
  }

  async createConversation(body: ConversationCreateBody, opts: RequestOptions = {}): Promise<Conversation> {
    return (await this.send('POST', this.app('/conversations'), ConversationResponse, opts, ConversationCreateBody.parse(body))).conversation
  }

  async postMessage(conversationId: string, body: MessagePostBody, opts: RequestOptions = {}): Promise<Message[]> {
    const path = this.app(`/conversations/${encodeURIComponent(conversationId)}/messages`)
    return (await this.send('POST', path, MessagePostResponse, opts, MessagePostBody.parse(body))).messages
  }

  /**
   * Removes a user (by id or external id) with its clients and conversation history: how the live
   * round trip cleans up after itself. A DELETE, so retried like the other idempotent calls.
   */
  async deleteUser(userIdOrExternalId: string, opts: RequestOptions = {}): Promise<void> {
    await this.send('DELETE', this.app(`/users/${encodeURIComponent(userIdOrExternalId)}`), EmptyResponse, opts)
  }

  /**
   * Removes a conversation with its messages. Zendesk refuses (400) the user's default
   * conversation; deleting the user removes that one.
   */
  async deleteConversation(conversationId: string, opts: RequestOptions = {}): Promise<void> {
    await this.send('DELETE', this.app(`/conversations/${encodeURIComponent(conversationId)}`), EmptyResponse, opts)
  }

  async listMessages(conversationId: string, query: { after?: string; pageSize?: number } = {}, opts: RequestOptions = {}): Promise<Page<Message>> {
    const q = new URLSearchParams()
    if (query.pageSize) q.set('page[size]', String(query.pageSize))
    if (query.after) q.set('page[after]', query.after)
    const qs = q.toString()
    const path = this.app(`/conversations/${encodeURIComponent(conversationId)}/messages${qs ? `?${qs}` : ''}`)
    const res = await this.send('GET', path, MessageListResponse, opts)
    return { items: res.messages, meta: res.meta, ...(res.links?.next ? { next: res.links.next } : {}) }
  }

  // ---- the transport ----------------------------------------------------------------------

  private asCustom(integration: Integration, request: string): CustomIntegration {
    const r = CustomIntegration.safeParse(integration)
    if (r.success) return r.data
    throw this.schemaError(request, 201, r.error)
  }

  private schemaError(request: string, status: number, error: z.ZodError): ZendeskApiError {
    const where = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    return new ZendeskApiError({
      code: 'zendesk-unexpected-response',
      message: `Zendesk's answer to ${request} (HTTP ${status}) does not have the expected shape: ${where}.`,
      fix: 'Check that the base URL points at the Zendesk Conversations API (https://{subdomain}.zendesk.com/sc); if it does, export a support report — the API may have changed.',
      details: { request, status, errors: [], attempts: 1 }
    })
  }

  /** Sends one call with the retry policy, and returns the validated answer. */
  private async send<S extends z.ZodType>(method: Method, path: string, schema: S, opts: RequestOptions, body?: unknown): Promise<z.output<S>> {
    const request = `${method} ${path}`
    let attempts = 0
    for (;;) {
      attempts++
      const outcome = await this.once(method, path, body, opts.signal)
      if (outcome.kind === 'ok') {
        const parsed = schema.safeParse(outcome.json)
        if (!parsed.success) throw this.schemaError(request, outcome.status, parsed.error)
        return parsed.data
      }
      const { retryable, retryAfterMs, error } = this.classify(method, request, outcome, attempts)
      if (retryable && retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs && outcome.kind === 'http') {
        throw this.retryLaterError(request, outcome.status, outcome.errors, retryAfterMs, attempts, error)
      }
      if (!retryable || attempts >= this.policy.maxAttempts) throw error
      const wait = retryAfterMs ?? backoffDelay(attempts - 1, this.policy, this.random)
      try {
        await sleep(wait, opts.signal)
      } catch (e) {
        throw this.abortError(request, attempts, e)
      }
    }
  }

  /** A wait too long to make here: the error says when to try again (the clock time). */
  private retryLaterError(request: string, status: number, errors: ZendeskErrorItem[], retryAfterMs: number, attempts: number, base: ZendeskApiError): ZendeskApiError {
    const d = describeRetryLater(status, errors, request, retryAfterMs)
    return new ZendeskApiError({ code: d.code, message: d.message, fix: d.fix, details: { ...base.details, attempts, retryAt: d.retryAt } })
  }

  private abortError(request: string, attempts: number, cause: unknown): ZendeskApiError {
    const d = describeNetworkError('ABORTED', this.origin, request)
    return new ZendeskApiError({ ...d, details: { request, errors: [], attempts, networkCode: 'ABORTED' } }, { cause })
  }

  private classify(
    method: Method,
    request: string,
    outcome: Exclude<Outcome, { kind: 'ok' }>,
    attempts: number
  ): { retryable: boolean; retryAfterMs: number | null; error: ZendeskApiError } {
    const idempotent = IDEMPOTENT[method]
    if (outcome.kind === 'http') {
      const { status, errors } = outcome
      const retryAfterMs = parseRetryAfter(outcome.retryAfter)
      const d = describeHttpStatus(status, errors, request)
      const outcomeUnknown = !idempotent && status >= 500
      const details: ZendeskErrorDetails = {
        request,
        status,
        errors,
        attempts,
        ...(retryAfterMs !== null ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
        ...(outcomeUnknown ? { outcomeUnknown: true } : {}),
        ...(outcome.location ? { redirectTo: outcome.location } : {})
      }
      const retryable = status === 429 || (status >= 500 && idempotent)
      return { retryable, retryAfterMs: status === 429 || status === 503 ? retryAfterMs : null, error: new ZendeskApiError({ ...d, details }) }
    }
    const code = outcome.code
    if (code === 'ABORTED') return { retryable: false, retryAfterMs: null, error: this.abortError(request, attempts, outcome.cause) }
    const d =
      code === 'RESPONSE_TOO_LARGE'
        ? {
            code: 'zendesk-response-too-large',
            message: `The answer to ${request} is larger than ${this.maxBytes} bytes and was cut off.`,
            fix: 'Check that the base URL points at the Zendesk Conversations API; use page[size] to ask for fewer records.'
          }
        : describeNetworkError(code, new URL(this.origin).host, request)
    const notSent = NOT_SENT_CODES.has(code)
    const outcomeUnknown = !idempotent && !notSent && !PERMANENT_CODES.has(code) && !d.code.startsWith('zendesk-tls')
    const retryable = !PERMANENT_CODES.has(code) && d.code !== 'zendesk-tls' && (idempotent || notSent)
    const details: ZendeskErrorDetails = { request, errors: [], attempts, networkCode: code, ...(outcomeUnknown ? { outcomeUnknown: true } : {}) }
    return { retryable, retryAfterMs: null, error: new ZendeskApiError({ ...d, details }, { cause: outcome.cause }) }
  }

  /** One HTTP exchange; never throws, every failure comes back as data. */
  private async once(method: Method, path: string, body: unknown, signal?: AbortSignal): Promise<Outcome> {
    const url = `${this.origin}${this.basePath}${path}`
    try {
      const res = await request(url, {
        method,
        dispatcher: this.dispatcher,
        signal,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {})
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {})
      })
      const text = await this.readCapped(res.body)
      if (text === null) return { kind: 'network', code: 'RESPONSE_TOO_LARGE' }
      const status = res.statusCode
      if (status >= 200 && status < 300) {
        let json: unknown
        try {
          json = text.length === 0 ? {} : JSON.parse(text)
        } catch {
          json = Symbol('not-json')
        }
        return { kind: 'ok', status, json }
      }
      return {
        kind: 'http',
        status,
        errors: this.errorsOf(text),
        retryAfter: res.headers['retry-after'] as string | undefined,
        location: status >= 300 && status < 400 ? this.safeLocation(res.headers.location as string | undefined) : undefined
      }
    } catch (e) {
      if (signal?.aborted) return { kind: 'network', code: 'ABORTED', cause: e }
      return { kind: 'network', code: networkCodeOf(e), cause: e }
    }
  }

  private safeLocation(location: string | undefined): string | undefined {
    if (!location) return undefined
    try {
      const u = new URL(location, this.origin)
      return `${u.origin}${u.pathname}`
    } catch {
      return undefined
    }
  }

  private errorsOf(text: string): ZendeskErrorItem[] {
    try {
      const parsed = ZendeskErrorBody.safeParse(JSON.parse(text))
      if (parsed.success) {
        return redactDeep(
          parsed.data.errors.map((e) => ({ code: e.code, ...(e.title !== undefined ? { title: e.title } : {}) })),
          this.secrets.redact
        )
      }
    } catch {
      /* not JSON: an HTML error page from a proxy; the status says enough */
    }
    return []
  }

  private async readCapped(body: Dispatcher.ResponseData['body']): Promise<string | null> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of body) {
      size += (chunk as Buffer).length
      if (size > this.maxBytes) {
        body.destroy()
        return null
      }
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks).toString('utf8')
  }
}

type Outcome =
  | { kind: 'ok'; status: number; json: unknown }
  | { kind: 'http'; status: number; errors: ZendeskErrorItem[]; retryAfter?: string; location?: string }
  | { kind: 'network'; code: string; cause?: unknown }
