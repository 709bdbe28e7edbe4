/**
 * What Zendesk itself does with a gateway's answer to a webhook delivery (the OpenAPI "Webhooks"
 * retry policy): 2xx is accepted; 400, 401, 403, 404 and 406 are dropped for good; any other answer,
 * a timeout (20 s) or an unreachable gateway is retried, up to 5 attempts. Pure, so the core, the
 * CLI and the UI explain an answer in the same words.
 */

import type { FixAction } from '../fix-actions'
import { LONG_RETRY_AFTER_MS, retryLater } from '../retry-later'

/** How long Zendesk waits for the gateway before it counts the delivery as timed out. */
export const ZENDESK_WEBHOOK_TIMEOUT_MS = 20_000
/** How many times Zendesk tries one delivery in all. */
export const ZENDESK_MAX_ATTEMPTS = 5
/** Answers Zendesk treats as final failures: the event is dropped, never retried. */
export const NON_RECOVERABLE_STATUSES: readonly number[] = [400, 401, 403, 404, 406]

export type ZendeskVerdict = 'accepted' | 'dropped' | 'retried' | 'timed-out' | 'unreachable'

/** Zendesk's view of one answer, with the plain-words explanation and, when useful, the fix. */
export interface ZendeskView {
  verdict: ZendeskVerdict
  message: string
  fix?: string
  /** Fixes the app can carry out for this answer (buttons beside the verdict). */
  actions?: FixAction[]
}

/** What is known of one attempt: the status (null when no answer), and why there was none. */
export interface AnswerFacts {
  status: number | null
  timedOut?: boolean
  timeoutMs?: number
  /** Plain-words network failure (DNS, TLS, refused), when there was no answer. */
  networkError?: string
  redirectLocation?: string | null
  /** The answer's `Retry-After`, in ms, when it had one. */
  retryAfterMs?: number | null
  /** The time of the answer (for "try again after 14:32"); default now. */
  now?: Date
}

const FIX_GATEWAY_URL: FixAction = { kind: 'edit-customer', field: 'gatewayUrl', label: "Edit the customer's gateway URL" }

/** The webhook-secret mismatch, the commonest reason events never reach the agent. */
export const SECRET_MISMATCH_VIEW: ZendeskView = {
  verdict: 'dropped',
  message:
    'The gateway answered 401 Unauthorized: it did not accept the X-API-Key header, so the webhook secret Zendesk sends does not match the one the gateway expects. Zendesk drops the event for good (401 is not retried), so the AI agent never sees the message.',
  fix: "Make the two secrets equal. Zendesk keeps the webhook secret readable: store Zendesk's secret on this computer, and enter the same one in the Aissist gateway settings (Values for the Aissist gateway). If the secret may have leaked, rotate it and enter the new one in the gateway.",
  actions: [
    { kind: 'resync-webhook-secret', label: "Store Zendesk's webhook secret" },
    { kind: 'gateway-values', label: 'Show the values for the Aissist gateway' }
  ]
}

/** A 429 whose Retry-After is longer than a minute: when to send again, as a clock time. */
const rateLimitedLong = (retryAfterMs: number, now: Date): ZendeskView => {
  const when = retryLater(retryAfterMs, now)
  return {
    verdict: 'retried',
    message: `The gateway answered 429 and asked to wait ${when.wait} (Retry-After). Zendesk retries on its own schedule (${ZENDESK_MAX_ATTEMPTS} attempts in all), so events sent before ${when.at} may be dropped.`,
    fix: `Send test events again after ${when.at}. If the gateway keeps rate-limiting, lower the traffic or ask Aissist to raise the limit.`
  }
}

const STATUS_FIX: Record<number, string> = {
  400: 'The gateway refused the payload itself. Check the gateway URL points at the Zendesk conversation endpoint and the gateway accepts Zendesk\'s webhook v2 format.',
  403: 'The gateway refused access. Check the gateway account is active and allows this Zendesk app.',
  404: 'The gateway URL path does not exist. Use the URL from the setup guide (…/gateway/zendesk/conversation) in the webhook.',
  406: 'The gateway cannot answer in the format asked for. Contact Aissist support with this answer.'
}

/** Zendesk's view of an answer (or of its absence). */
export const zendeskViewOf = (a: AnswerFacts): ZendeskView => {
  if (a.timedOut) {
    const s = Math.round((a.timeoutMs ?? ZENDESK_WEBHOOK_TIMEOUT_MS) / 100) / 10
    return {
      verdict: 'timed-out',
      message: `The gateway did not answer within ${s} s. Zendesk gives up on an attempt after 20 s and retries it (${ZENDESK_MAX_ATTEMPTS} attempts in all), so replies arrive late or twice.`,
      fix: 'The gateway must answer quickly (acknowledge first, work afterwards). Check the gateway\'s health and load.'
    }
  }
  if (a.status === null) {
    return {
      verdict: 'unreachable',
      message: `Zendesk could not deliver the event: ${a.networkError ?? 'no answer from the gateway'}. Zendesk retries (${ZENDESK_MAX_ATTEMPTS} attempts in all), then drops it.`,
      fix: "Check the customer's gateway URL and the webhook's, and that the gateway is online with a valid public https certificate.",
      actions: [FIX_GATEWAY_URL]
    }
  }
  const st = a.status
  if (st >= 200 && st < 300) return { verdict: 'accepted', message: `The gateway accepted the event (${st}). Zendesk counts it as delivered.` }
  if (st === 401) return SECRET_MISMATCH_VIEW
  if (NON_RECOVERABLE_STATUSES.includes(st)) {
    return {
      verdict: 'dropped',
      message: `The gateway answered ${st}. Zendesk treats ${st} as non-recoverable and drops the event for good: it is never retried.`,
      fix: STATUS_FIX[st],
      ...(st === 404 ? { actions: [FIX_GATEWAY_URL] } : {})
    }
  }
  if (st === 429 && a.retryAfterMs != null && a.retryAfterMs > LONG_RETRY_AFTER_MS) return rateLimitedLong(a.retryAfterMs, a.now ?? new Date())
  if (st >= 300 && st < 400) {
    return {
      verdict: 'retried',
      message: `The gateway answered ${st} (a redirect${a.redirectLocation ? ` to ${a.redirectLocation}` : ''}). Zendesk does not follow redirects: it counts this as a failed attempt and retries (${ZENDESK_MAX_ATTEMPTS} attempts in all).`,
      fix: a.redirectLocation ? `Put the final URL (${a.redirectLocation}) in the webhook and on the customer.` : 'Put the gateway\'s final URL in the webhook and on the customer.',
      actions: [FIX_GATEWAY_URL]
    }
  }
  return {
    verdict: 'retried',
    message: `The gateway answered ${st}. Zendesk retries such answers (${ZENDESK_MAX_ATTEMPTS} attempts in all) and then drops the event.`,
    fix: st === 429 ? 'The gateway is rate-limiting; lower the traffic or ask Aissist to raise the limit.' : 'The gateway had a problem on its side; check its status and try again, then contact Aissist support.'
  }
}
