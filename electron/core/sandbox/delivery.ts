import { Agent, request } from 'undici'
import { WEBHOOK_SECRET_HEADER } from '../../../shared/webhook-events'
import { USER_AGENT } from '../platform/version'
import { newId, type DeliveryAttempt, type HeadCheck, type StoredWebhook } from './state'

/** Statuses after which Zendesk does not retry (tag Webhooks, "Non-recoverable errors"). */
export const NON_RECOVERABLE = new Set([400, 401, 403, 404, 406])

/** Waits between attempts: Zendesk makes up to 5 attempts in 15 minutes at growing intervals. */
export const ZENDESK_RETRY_SCHEDULE_MS = [10_000, 30_000, 120_000, 600_000]

export interface DeliveryOptions {
  timeoutMs: number
  /** Waits before attempts 2..n; its length + 1 is the number of attempts. */
  retryScheduleMs: number[]
  record: (a: DeliveryAttempt) => void
}

/**
 * Delivers webhooks the way Zendesk does: POST with the `X-API-Key` secret, a 20 s timeout, up to
 * five attempts, no retry after a non-recoverable status; every attempt recorded. Redirects are
 * not followed (a 3xx counts as a failed attempt).
 */
export class WebhookDeliverer {
  private readonly agent: Agent
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly inflight = new Set<Promise<void>>()
  private closed = false

  constructor(private readonly options: DeliveryOptions) {
    this.agent = new Agent({ connect: { timeout: 5_000 }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs })
  }

  /** Starts delivering `payload` (labelled `eventType` in the record); does not wait for the outcome. */
  deliver(webhook: StoredWebhook, payload: object, eventType: string): void {
    const deliveryId = newId()
    const run = (attempt: number): void => {
      if (this.closed) return
      const p = this.attempt(webhook, payload).then(({ status, error }) => {
        const ok = status !== undefined && status >= 200 && status < 300
        const nonRecoverable = status !== undefined && NON_RECOVERABLE.has(status)
        const more = attempt <= this.options.retryScheduleMs.length
        const result: DeliveryAttempt['result'] = ok ? 'delivered' : nonRecoverable ? 'dropped' : more ? 'retry' : 'gave-up'
        this.options.record({
          deliveryId,
          webhookId: webhook.id,
          target: webhook.target,
          eventType,
          attempt,
          at: new Date().toISOString(),
          ...(status !== undefined ? { status } : {}),
          ...(error ? { error } : {}),
          result
        })
        if (result === 'retry' && !this.closed) {
          const t = setTimeout(() => {
            this.timers.delete(t)
            run(attempt + 1)
          }, this.options.retryScheduleMs[attempt - 1])
          this.timers.add(t)
        }
      })
      this.inflight.add(p)
      void p.finally(() => this.inflight.delete(p))
    }
    run(1)
  }

  /** Sends the HEAD Zendesk sends to a new webhook's target. */
  async head(webhook: StoredWebhook): Promise<HeadCheck> {
    const at = new Date().toISOString()
    try {
      const res = await request(webhook.target, {
        method: 'HEAD',
        dispatcher: this.agent,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        headers: { 'user-agent': USER_AGENT }
      })
      await res.body.dump()
      return { webhookId: webhook.id, target: webhook.target, at, status: res.statusCode }
    } catch (e) {
      return { webhookId: webhook.id, target: webhook.target, at, error: (e as { code?: string }).code ?? String(e) }
    }
  }

  /** True while a delivery is in flight or waiting for its next attempt. */
  get busy(): boolean {
    return this.inflight.size > 0 || this.timers.size > 0
  }

  async close(): Promise<void> {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    await Promise.allSettled([...this.inflight])
    await this.agent.destroy()
  }

  private async attempt(webhook: StoredWebhook, payload: object): Promise<{ status?: number; error?: string }> {
    try {
      const res = await request(webhook.target, {
        method: 'POST',
        dispatcher: this.agent,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        headers: { 'content-type': 'application/json', [WEBHOOK_SECRET_HEADER]: webhook.secret, 'user-agent': 'Zendesk Sunshine Conversations (sandbox)' },
        body: JSON.stringify(payload)
      })
      await res.body.dump()
      return { status: res.statusCode }
    } catch (e) {
      const code = (e as { code?: string }).code
      return { error: code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' ? `timeout after ${this.options.timeoutMs} ms` : (code ?? String(e)) }
    }
  }
}
