import { AppFailure } from '../errors'
import { retryLater } from '../../../shared/retry-later'
import type { ZendeskErrorItem } from '../../../shared/schemas/zendesk'
import { ADMIN_CENTER_INTEGRATIONS } from '../../../shared/setup/guide'

/** What every Zendesk failure carries as evidence (never a secret, never the Authorization header). */
export interface ZendeskErrorDetails extends Record<string, unknown> {
  /** `GET /v2/apps/{appId}/integrations` — method and path, query included, nothing else. */
  request: string
  /** HTTP status, when an answer came back. */
  status?: number
  /** Every `{code, title}` of Zendesk's body, verbatim (redacted). */
  errors: ZendeskErrorItem[]
  /** How many attempts were made (retries included). */
  attempts: number
  /** Node/undici error code for network failures (`ENOTFOUND`, `UND_ERR_HEADERS_TIMEOUT`, …). */
  networkCode?: string
  /** Seconds Zendesk asked us to wait (429/503 `Retry-After`). */
  retryAfterSeconds?: number
  /** When a wait too long to make here ends (ISO): the time to try again. */
  retryAt?: string
  /**
   * True when a write may have happened although no answer came back (connection dropped after
   * the request was sent, timeout): the caller must look before writing again.
   */
  outcomeUnknown?: boolean
}

/**
 * The one error the Zendesk client throws: an {@link AppFailure} whose code says which link broke
 * (`zendesk-unauthorized`, `zendesk-dns`, …), whose message quotes Zendesk verbatim and whose fix
 * says what to do — so setup, doctor and the CLI can show it as is.
 */
export class ZendeskApiError extends AppFailure {
  declare readonly details: ZendeskErrorDetails

  constructor(init: { code: string; message: string; fix: string; terminalFix?: string; details: ZendeskErrorDetails }, options?: { cause?: unknown }) {
    super(init, options)
    this.name = 'AppFailure'
  }

  get status(): number | undefined {
    return this.details.status
  }

  get errors(): ZendeskErrorItem[] {
    return this.details.errors
  }

  get outcomeUnknown(): boolean {
    return this.details.outcomeUnknown === true
  }
}

/** True for a {@link ZendeskApiError} (also across module copies). */
export const isZendeskApiError = (e: unknown): e is ZendeskApiError =>
  e instanceof ZendeskApiError ||
  (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' &&
    String((e as { code: string }).code).startsWith('zendesk-') && 'details' in e)

const quote = (errors: ZendeskErrorItem[]): string =>
  errors.length === 0 ? '' : ` Zendesk says: ${errors.map((e) => (e.title ? `${e.code}: ${e.title}` : e.code)).join('; ')}.`

/**
 * Fixes for the error titles Zendesk really sends (the API reference's examples and what the
 * webhook and switchboard endpoints answer), so a refusal gets the fix for what was refused rather
 * than a guess from the status. A title not listed here is quoted verbatim with a generic fix.
 */
const TITLE_FIXES: readonly { match: RegExp; code: string; fix: string }[] = [
  {
    match: /limited to \d+ webhooks/i,
    code: 'zendesk-webhook-limit',
    fix: `The app already has Zendesk's maximum of 10 webhooks (across all its integrations): delete a webhook or an integration it no longer uses in ${ADMIN_CENTER_INTEGRATIONS}, then run the setup again.`
  },
  {
    match: /requires exactly one webhook/i,
    code: 'zendesk-one-webhook',
    fix: 'Zendesk creates a custom integration with exactly one webhook: create it with one, then add others to it.'
  },
  {
    match: /displayName|display name/i,
    code: 'zendesk-display-name',
    fix: 'The integration name must be 1 to 100 characters: the guide\'s name Aissistant_Conversation_Integration fits.'
  },
  {
    match: /target must be a valid URL|invalid (webhook )?target/i,
    code: 'zendesk-webhook-target',
    fix: 'Zendesk refuses the webhook endpoint URL: edit the customer\'s gateway URL (an https address Zendesk can reach), then run the setup again.'
  },
  {
    match: /triggers/i,
    code: 'zendesk-webhook-triggers',
    fix: 'Zendesk refuses the webhook subscriptions: the guide subscribes to Conversation created and Conversation message (conversation:create, conversation:message).'
  },
  {
    match: /max number of switchboard integrations/i,
    code: 'zendesk-switchboard-limit',
    fix: 'The switchboard already holds Zendesk\'s 10 switchboard integrations: remove one that is no longer used (Admin Center → AI agents), then try again.'
  },
  {
    match: /default switchboardIntegration/i,
    code: 'zendesk-switchboard-default',
    fix: 'An enabled switchboard needs a default responder: choose one in Admin Center → AI agents, then try again.'
  },
  {
    match: /already exists/i,
    code: 'zendesk-already-exists',
    fix: 'It already exists in Zendesk (made by another run or another tool): run the setup again, which finds and reuses what exists instead of creating it twice.'
  },
  {
    match: /Invalid integration type|only for custom integrations/i,
    code: 'zendesk-integration-type',
    fix: 'That only works on a custom integration: the Aissist integration is a custom integration named Aissistant_Conversation_Integration.'
  },
  {
    match: /Unknown property/i,
    code: 'zendesk-unknown-property',
    fix: 'Zendesk does not accept a field this app sent: export a support report and send it to Aissist support (the API may have changed).'
  }
]

/** The specific fix for Zendesk's own title, when one of its titles is known. */
export const fixForZendeskTitle = (errors: readonly ZendeskErrorItem[]): { code: string; fix: string } | null => {
  for (const e of errors) {
    const t = e.title ?? ''
    const hit = TITLE_FIXES.find((f) => f.match.test(t))
    if (hit) return { code: hit.code, fix: hit.fix }
  }
  return null
}

/**
 * A 429 (or 503) whose `Retry-After` is longer than the client waits: when to try again, as a clock
 * time, instead of "the retries ran out".
 */
export const describeRetryLater = (
  status: number,
  errors: ZendeskErrorItem[],
  request: string,
  retryAfterMs: number,
  now = new Date()
): { code: string; message: string; fix: string; retryAt: string } => {
  const when = retryLater(retryAfterMs, now)
  const what = status === 429 ? `Zendesk rate-limited ${request} (HTTP 429)` : `Zendesk is unavailable for ${request} (HTTP ${status})`
  return {
    code: status === 429 ? 'zendesk-rate-limited' : 'zendesk-server-error',
    message: `${what} and asked to wait ${when.wait} (Retry-After) before trying again.${quote(errors)}`,
    fix: `Try again after ${when.at}${status === 429 ? '; if other tools use the same key meanwhile, pause them' : ''}.`,
    retryAt: when.iso
  }
}

/** Meaning and fix for an HTTP error status, per the API reference's error and auth sections. */
export const describeHttpStatus = (
  status: number,
  errors: ZendeskErrorItem[],
  request: string
): { code: string; message: string; fix: string } => {
  const said = quote(errors)
  const known = status === 400 || status === 409 || status === 422 ? fixForZendeskTitle(errors) : null
  if (known) {
    const what = status === 409 ? 'reported a conflict for' : 'refused'
    return { code: known.code, message: `Zendesk ${what} the request ${request} (HTTP ${status}).${said}`, fix: known.fix }
  }
  switch (true) {
    case status === 400:
      return {
        code: 'zendesk-bad-request',
        message: `Zendesk refused the request ${request} as invalid (HTTP 400).${said}`,
        fix: errors.length
          ? 'Zendesk\'s own words above name what it refused: correct that and try again; if it is not a value you set, export a support report for Aissist support.'
          : 'Zendesk gave no reason: try again, and if it happens again export a support report for Aissist support.'
      }
    case status === 401:
      return {
        code: 'zendesk-unauthorized',
        message: `Zendesk did not accept the API key for ${request} (HTTP 401).${said}`,
        fix: 'Check the key ID and secret (Admin Center → Apps and integrations → Conversations API), and that the subdomain is the account the key was created in: a key is valid only for its own account and region.'
      }
    case status === 403:
      return {
        code: 'zendesk-forbidden',
        message: `The API key may not do ${request} (HTTP 403).${said}`,
        fix: 'Use an app-scoped key of this app (or an account-scoped key with access to it); integration-scoped keys cannot manage integrations.'
      }
    case status === 404:
      return {
        code: 'zendesk-not-found',
        message: `Zendesk found nothing at ${request} (HTTP 404).${said}`,
        fix: "Check the customer's app ID (it must be the app of this account); if an integration or webhook was named, it may have been deleted — run setup again."
      }
    case status === 409:
      return {
        code: 'zendesk-conflict',
        message: `Zendesk reported a conflict for ${request} (HTTP 409).${said}`,
        fix: 'Something with the same identity already exists or changed meanwhile: reload the integration list and run setup again.'
      }
    case status === 422:
      return {
        code: 'zendesk-unprocessable',
        message: `Zendesk could not process ${request} (HTTP 422).${said}`,
        fix: 'Zendesk\'s own words above say which value it could not use: correct it and try again, or export a support report for Aissist support.'
      }
    case status === 423:
      return {
        code: 'zendesk-locked',
        message: `Zendesk locked the resource for ${request} (HTTP 423).${said}`,
        fix: 'The conversation has reached its message limit or is being changed; delete old messages or use a new test conversation.'
      }
    case status === 429:
      return {
        code: 'zendesk-rate-limited',
        message: `Zendesk rate-limited ${request} (HTTP 429) and the retries ran out.${said}`,
        fix: 'Wait a minute and try again; if other tools use the same key at the same time, pause them.'
      }
    case status >= 500:
      return {
        code: 'zendesk-server-error',
        message: `Zendesk failed to answer ${request} (HTTP ${status}) after the retries.${said}`,
        fix: 'This is on Zendesk\'s side: check https://status.zendesk.com and try again later.'
      }
    case status >= 300 && status < 400:
      return {
        code: 'zendesk-redirect',
        message: `Zendesk answered ${request} with a redirect (HTTP ${status}); it was not followed so the API key is never sent elsewhere.`,
        fix: 'Use the API host exactly: https://{subdomain}.zendesk.com/sc (https, no trailing path), or the base URL your Zendesk administrator gave you.'
      }
    default:
      return {
        code: 'zendesk-http-error',
        message: `Zendesk answered ${request} with HTTP ${status}.${said}`,
        fix: 'Check the request details above; if it persists, export a support report.'
      }
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID', 'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO', 'CERT_UNTRUSTED'
])

/** Meaning and fix for a failure before any HTTP status came back. */
export const describeNetworkError = (
  networkCode: string,
  host: string,
  request: string
): { code: string; message: string; fix: string; terminalFix?: string } => {
  if (networkCode === 'ENOTFOUND' || networkCode === 'EAI_AGAIN') {
    return {
      code: 'zendesk-dns',
      message: `The host ${host} could not be found (${networkCode}) for ${request}.`,
      fix: 'Check the subdomain for typos (it is the part before .zendesk.com in your Zendesk URL) and that this computer is online.'
    }
  }
  if (TLS_CODES.has(networkCode) || networkCode.startsWith('ERR_TLS') || networkCode.includes('CERT')) {
    return {
      code: 'zendesk-tls',
      message: `The secure connection to ${host} failed (${networkCode}) for ${request}.`,
      fix: 'A proxy or antivirus may be intercepting HTTPS, or the base URL does not point at Zendesk; use https://{subdomain}.zendesk.com/sc and check the system clock.'
    }
  }
  if (networkCode === 'ECONNREFUSED') {
    return {
      code: 'zendesk-connection-refused',
      message: `${host} refused the connection (${networkCode}) for ${request}.`,
      fix: 'Check the API base URL and port; if it is the sandbox, start it again (Start → Try the sandbox).',
      terminalFix: 'Check the API base URL and port; if it is the sandbox, start it with aissist-zd sandbox.'
    }
  }
  if (networkCode.includes('TIMEOUT') || networkCode === 'ETIMEDOUT') {
    return {
      code: 'zendesk-timeout',
      message: `${host} did not answer ${request} in time (${networkCode}).`,
      fix: 'Check the network (proxy, VPN, firewall) and try again; if Zendesk is slow, check https://status.zendesk.com.'
    }
  }
  if (networkCode === 'ABORTED') {
    return { code: 'zendesk-aborted', message: `${request} was cancelled.`, fix: 'Run the step again when ready.' }
  }
  return {
    code: 'zendesk-network',
    message: `The connection to ${host} broke during ${request} (${networkCode}).`,
    fix: 'Check the network (proxy, VPN, firewall) and try again.'
  }
}
