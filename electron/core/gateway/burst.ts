import { setMaxListeners } from 'node:events'
import { latencyStats } from '../../../shared/gateway/latency'
import { ZENDESK_WEBHOOK_TIMEOUT_MS } from '../../../shared/gateway/zendesk-view'
import type { BurstResult, BurstSample } from '../../../shared/contract/test-events'
import type { AppError } from '../../../shared/result'
import type { WebhookEventType } from '../../../shared/webhook-events'
import { AppFailure } from '../errors'
import type { Services } from '../services'
import { createGatewayPool } from './gateway-pool'
import { buildTestEvent, secretFor } from './test-event'
import { sendWebhookEvent } from './send-event'

/** Bounds that keep a burst a test, not a load attack on someone's gateway. */
export const BURST_LIMITS = { maxCount: 500, maxConcurrency: 50 } as const

export interface BurstInput {
  profileRef: string
  count: number
  concurrency: number
  type: WebhookEventType
  timeoutMs?: number
  signal?: AbortSignal
  /** Called after each answer (progress bars, the CLI spinner). */
  onProgress?: (sample: BurstSample) => void
}

/**
 * Sends `count` fresh events at `concurrency` to the profile's own gateway over a keep-alive pool
 * of at most `concurrency` connections, and reports the latency distribution, the answers by
 * Zendesk verdict and status, and how many connections were opened for how many events.
 * Cancelling stops new sends and reports what finished.
 */
export const runBurst = async (services: Services, input: BurstInput): Promise<BurstResult> => {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > BURST_LIMITS.maxCount) {
    throw new AppFailure({ code: 'invalid-input', message: `A burst sends 1 to ${BURST_LIMITS.maxCount} events (asked: ${input.count}).`, fix: `Choose a count up to ${BURST_LIMITS.maxCount}.` })
  }
  if (!Number.isInteger(input.concurrency) || input.concurrency < 1 || input.concurrency > BURST_LIMITS.maxConcurrency) {
    throw new AppFailure({ code: 'invalid-input', message: `A burst runs 1 to ${BURST_LIMITS.maxConcurrency} events at a time (asked: ${input.concurrency}).`, fix: `Choose a concurrency up to ${BURST_LIMITS.maxConcurrency}.` })
  }
  const profile = await services.vault.getProfile(input.profileRef)
  const secret = await secretFor(services, profile)
  const timeoutMs = input.timeoutMs ?? ZENDESK_WEBHOOK_TIMEOUT_MS
  const pool = createGatewayPool({ allowPrivate: profile.allowPrivate, timeoutMs, connections: input.concurrency })
  // One redactor for the whole burst: the registry's, which holds the secret (read or typed) too.
  services.secrets.add(secret)
  const redact = services.secrets.redact
  // One cancel signal every in-flight event listens to (undici adds a few listeners per request);
  // none at all when the burst cannot be cancelled.
  const cancel = input.signal ? new AbortController() : null
  if (cancel) setMaxListeners(input.concurrency * 4 + 10, cancel.signal)
  const onCancel = (): void => cancel?.abort(input.signal?.reason)
  if (input.signal?.aborted) onCancel()
  else input.signal?.addEventListener('abort', onCancel, { once: true })
  const latencies: number[] = []
  const byVerdict: Record<string, number> = {}
  const byStatus: Record<string, number> = {}
  let firstError: AppError | null = null
  let next = 0
  let done = 0
  const start = performance.now()
  const worker = async (): Promise<void> => {
    while (next < input.count && !input.signal?.aborted) {
      next++
      const payload = buildTestEvent(profile, { type: input.type, text: `Burst test event ${next} of ${input.count}` })
      const r = await sendWebhookEvent({ url: profile.gatewayUrl, secret, payload, timeoutMs, allowPrivate: profile.allowPrivate, signal: cancel?.signal, pool, redact })
      if (r.error?.code === 'cancelled') break
      done++
      latencies.push(r.timings.totalMs)
      byVerdict[r.zendeskView.verdict] = (byVerdict[r.zendeskView.verdict] ?? 0) + 1
      const key = r.status === null ? (r.error?.code ?? 'no-answer') : String(r.status)
      byStatus[key] = (byStatus[key] ?? 0) + 1
      if (!r.ok && !firstError) firstError = r.error ?? { code: `http-${r.status}`, message: r.zendeskView.message, fix: r.zendeskView.fix ?? '' }
      input.onProgress?.({ done, total: input.count, lastMs: r.timings.totalMs })
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(input.concurrency, input.count) }, worker))
  } finally {
    input.signal?.removeEventListener('abort', onCancel)
    await pool.close()
  }
  const durationMs = performance.now() - start
  const connections = { opened: pool.opened, reused: Math.max(0, done - pool.opened) }
  services.logger.info('burst finished', { profileId: profile.id, count: input.count, done, byVerdict, connections })
  return {
    requested: input.count,
    completed: done,
    cancelled: Boolean(input.signal?.aborted),
    concurrency: input.concurrency,
    durationMs: Math.round(durationMs),
    perSecond: durationMs > 0 ? Math.round((done / durationMs) * 10_000) / 10 : 0,
    stats: latencyStats(latencies),
    byVerdict,
    byStatus,
    latencies: latencies.map((l) => Math.round(l * 10) / 10),
    firstError,
    connections
  }
}
