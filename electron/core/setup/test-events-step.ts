import type { TestEventOutcome } from '../../../shared/contract/setup'
import { ROTATE_SECRET, SHOW_GATEWAY_VALUES, actionsOf, editCustomerAction } from '../../../shared/fix-actions'
import type { WebhookEventType } from '../../../shared/webhook-events'
import { AppFailure } from '../errors'
import { sendTestEventWith } from '../gateway/test-event'
import type { GatewayResponse } from '../gateway/send-event'
import { connected, type SetupStepImpl } from './state'

/** The triggers the guide's webhook subscribes to, sent in this order. */
const TYPES: readonly WebhookEventType[] = ['conversation:create', 'conversation:message']

const BODY_EXCERPT = 200

/** The gateway's own words, short: status line and the start of its body. */
const gatewayAnswer = (r: GatewayResponse): string => {
  if (r.status === null) return r.error?.message ?? 'no answer'
  const body = r.body.trim().replace(/\s+/g, ' ')
  const excerpt = body.length > BODY_EXCERPT ? `${body.slice(0, BODY_EXCERPT)}…` : body
  return `HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${excerpt ? ` "${excerpt}"` : ''}`
}

const outcomeOf = (type: WebhookEventType, response: GatewayResponse, historyId: string): TestEventOutcome => {
  const view = response.zendeskView
  const totalMs = Math.round(response.timings.totalMs)
  return {
    type,
    status: response.status,
    verdict: view.verdict,
    totalMs,
    historyId,
    message: view.verdict === 'accepted' ? `${type}: accepted (HTTP ${response.status}, ${totalMs} ms)` : `${type}: ${view.verdict} — the gateway answered ${gatewayAnswer(response)}`
  }
}

/**
 * Step 8: proves that the gateway accepts what Zendesk will send it, signed with the webhook
 * secret step 6 kept — the commonest reason messages never reach the agent is a secret that
 * differs. Runs on every setup, a configured account included: "configured" means messages
 * arrive. Only talks to the gateway: it is not a Zendesk write.
 */
export const testEventsStep: SetupStepImpl = {
  async run(s) {
    const { profile } = connected(s)
    const secret = s.webhookSecret
    if (!secret) {
      return {
        status: 'warn',
        message: 'No webhook secret is stored for this customer, so test events cannot be signed as Zendesk signs them, and delivery is not proven. Store the webhook secret on the Customers screen, then send test events from the Test events screen.'
      }
    }
    const outcomes: TestEventOutcome[] = []
    let firstBad: GatewayResponse | null = null
    for (const type of TYPES) {
      const { response, historyId } = await sendTestEventWith(s.services, profile, { value: secret, source: 'keychain' }, { type, signal: s.signal })
      outcomes.push(outcomeOf(type, response, historyId))
      if (response.zendeskView.verdict !== 'accepted') firstBad ??= response
    }
    if (firstBad) {
      const view = firstBad.zendeskView
      const unauthorized = firstBad.status === 401
      throw new AppFailure({
        code: unauthorized ? 'gateway-unauthorized' : firstBad.error?.code ?? `gateway-${view.verdict}`,
        message: `${outcomes.map((o) => o.message).join('. ')}. Zendesk's view: ${view.message}`,
        fix: unauthorized
          ? s.webhookSecretFromZendesk
            ? "This computer holds Zendesk's webhook secret, so the gateway holds another one: enter the webhook secret in the Aissist gateway (Values for the Aissist gateway), or rotate the secret and enter the new one there."
            : 'Zendesk did not return the webhook secret, so the stored one may be old: copy the secret from the integration in Admin Center into the customer, and enter the same one in the Aissist gateway.'
          : view.fix ?? firstBad.error?.fix ?? 'Check the gateway URL and the gateway\'s status, then run the setup again.',
        details: { events: outcomes }
      })
    }
    return {
      message: `The gateway accepts what Zendesk sends, signed with the stored webhook secret: ${outcomes.map((o) => o.message).join('; ')}.`,
      data: { events: outcomes }
    }
  },
  actionsOnFailure: (_s, error) =>
    error.code === 'gateway-unauthorized'
      ? actionsOf(SHOW_GATEWAY_VALUES, ROTATE_SECRET)
      : error.code.startsWith('gateway-') || ['dns-failed', 'connection-refused', 'tls-failed', 'private-address', 'connection-failed'].includes(error.code)
        ? actionsOf(editCustomerAction('gatewayUrl'))
        : []
}
