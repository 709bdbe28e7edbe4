import type { WebhookEventType } from '../../../shared/webhook-events'
import { AppFailure } from '../errors'
import { sendTestEvent } from '../gateway/test-event'
import type { GatewayResponse } from '../gateway/send-event'
import type { SetupHook } from './hooks'

/** The triggers the guide's webhook subscribes to, sent in this order. */
const TYPES: readonly WebhookEventType[] = ['conversation:create', 'conversation:message']

/** What step 8 shows for one event (no secret, no body beyond a short excerpt). */
export interface TestEventOutcome {
  type: WebhookEventType
  status: number | null
  verdict: GatewayResponse['zendeskView']['verdict']
  totalMs: number
  historyId: string
  message: string
}

const BODY_EXCERPT = 200

/** The gateway's own words, short: status line and the start of its body. */
const gatewayAnswer = (r: GatewayResponse): string => {
  if (r.status === null) return r.error?.message ?? 'no answer'
  const body = r.body.trim().replace(/\s+/g, ' ')
  const excerpt = body.length > BODY_EXCERPT ? `${body.slice(0, BODY_EXCERPT)}…` : body
  return `HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${excerpt ? ` "${excerpt}"` : ''}`
}

/**
 * Step 8: proves right after setup that the gateway accepts what Zendesk will now send it, signed
 * with the webhook secret just stored — the commonest reason messages never reach the agent is a
 * secret that differs. Only talks to the gateway: it is not a Zendesk write.
 */
export const testEventsStep: SetupHook = {
  async run({ services, profile, signal }) {
    if ((await services.vault.hasSecret(profile.id, 'webhookSecret')) !== 'present') {
      return {
        status: 'warn',
        message: 'No webhook secret is stored for this profile, so test events cannot be signed as Zendesk signs them. Store the webhook secret in the profile, then send test events from the Test events screen (or `aissist-zd events send`).'
      }
    }
    const outcomes: TestEventOutcome[] = []
    let firstBad: { type: WebhookEventType; response: GatewayResponse } | null = null
    for (const type of TYPES) {
      const { response, historyId } = await sendTestEvent(services, { profileRef: profile.id, type, signal })
      const view = response.zendeskView
      const accepted = view.verdict === 'accepted'
      outcomes.push({
        type,
        status: response.status,
        verdict: view.verdict,
        totalMs: Math.round(response.timings.totalMs),
        historyId,
        message: accepted ? `${type}: accepted (HTTP ${response.status}, ${Math.round(response.timings.totalMs)} ms)` : `${type}: ${view.verdict} — the gateway answered ${gatewayAnswer(response)}`
      })
      if (!accepted && !firstBad) firstBad = { type, response }
    }
    if (firstBad) {
      const view = firstBad.response.zendeskView
      throw new AppFailure({
        code: firstBad.response.status === 401 ? 'gateway-unauthorized' : firstBad.response.error?.code ?? `gateway-${view.verdict}`,
        message: `${outcomes.map((o) => o.message).join('. ')}. Zendesk's view: ${view.message}`,
        fix: view.fix ?? firstBad.response.error?.fix ?? 'Check the gateway URL and the gateway\'s status, then run the setup again.',
        details: { events: outcomes }
      })
    }
    return {
      status: 'passed',
      message: `The gateway accepts what Zendesk sends, signed with the stored webhook secret: ${outcomes.map((o) => o.message).join('; ')}.`,
      data: { events: outcomes }
    }
  }
}
