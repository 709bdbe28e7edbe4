import { GUIDE_TRIGGERS, GUIDE_WEBHOOK_VERSION, guideWebhook, onOff, sameTarget, triggersInWords } from './guide'
import type { Drift, InspectedWebhook } from './types'

/** The trigger that subscribes a webhook to every event Zendesk has. */
export const ALL_EVENTS_TRIGGER = '*'

/**
 * Every way an existing webhook differs from the guide, one entry per setting, so the plan can
 * repair exactly those settings (one PATCH) and the diagnose screen can name each one.
 * `null` means the integration has no webhook at all.
 */
export const compareWebhook = (webhook: InspectedWebhook | null, gatewayUrl: string): Drift[] => {
  const want = guideWebhook(gatewayUrl)
  if (!webhook) {
    return [{ field: 'webhook-missing', expected: want, actual: null, message: 'The integration has no webhook, so Zendesk sends nothing to the Aissist gateway.' }]
  }
  const out: Drift[] = []
  if (webhook.version !== GUIDE_WEBHOOK_VERSION) {
    out.push({
      field: 'version',
      expected: GUIDE_WEBHOOK_VERSION,
      actual: webhook.version,
      message: `The webhook sends version ${webhook.version} payloads; the Aissist gateway reads version ${GUIDE_WEBHOOK_VERSION}, whose shape differs, so it cannot read what Zendesk sends. A webhook's version cannot be changed: it has to be recreated (with a new secret).`
    })
  }
  if (!sameTarget(webhook.target, want.target)) {
    out.push({
      field: 'target',
      expected: want.target,
      actual: webhook.target,
      message: `The webhook sends to ${webhook.target} instead of the gateway ${want.target}.`
    })
  }
  const missing = GUIDE_TRIGGERS.filter((t) => !webhook.triggers.includes(t))
  if (webhook.triggers.includes(ALL_EVENTS_TRIGGER)) {
    out.push({
      field: 'triggers',
      expected: [...GUIDE_TRIGGERS],
      actual: webhook.triggers,
      message: `The webhook is subscribed to every event (${ALL_EVENTS_TRIGGER}), not to the guide's ${triggersInWords(GUIDE_TRIGGERS)}: the gateway also gets typing, read, delivery and switchboard events it does not handle, and Zendesk drops the events the gateway refuses.`
    })
  } else if (missing.length) {
    out.push({
      field: 'triggers',
      expected: [...GUIDE_TRIGGERS],
      actual: webhook.triggers,
      message: `The webhook is not subscribed to ${triggersInWords(missing)}, so those events never reach Aissist.`
    })
  }
  if (!webhook.includeFullUser) {
    out.push({ field: 'includeFullUser', expected: true, actual: false, message: 'Include full user is off: Aissist does not get the customer\'s name and details.' })
  }
  if (!webhook.includeFullSource) {
    out.push({ field: 'includeFullSource', expected: true, actual: false, message: 'Include full source is off: Aissist cannot tell which channel (web, WhatsApp, SMS…) a message came from.' })
  }
  return out
}

/**
 * The triggers a repair sends: the guide's two plus any others the admin added, so a repair never
 * removes a subscription someone relies on — except `*`, which is replaced by the guide's two.
 */
export const repairedTriggers = (current: readonly string[]): string[] => {
  const out = current.filter((t) => t !== ALL_EVENTS_TRIGGER)
  for (const t of GUIDE_TRIGGERS) if (!out.includes(t)) out.push(t)
  return out
}

/** A drift's before/after in admin words. */
export const driftInWords = (d: Drift): { before: string; after: string } => {
  switch (d.field) {
    case 'version':
      return { before: `version ${String(d.actual)} payloads`, after: `version ${String(d.expected)} payloads, a new webhook secret (kept on this computer)` }
    case 'target':
      return { before: String(d.actual), after: String(d.expected) }
    case 'triggers':
      return { before: triggersInWords(d.actual as string[]), after: triggersInWords(repairedTriggers(d.actual as string[])) }
    case 'includeFullUser':
    case 'includeFullSource':
      return { before: onOff(d.actual as boolean), after: onOff(true) }
    case 'webhook-missing':
      return { before: 'no webhook', after: `webhook to ${(d.expected as { target: string }).target}` }
  }
}

const FIELD_TITLES: Record<Drift['field'], string> = {
  version: 'Recreate the webhook as version v2',
  target: 'Point the webhook at the Aissist gateway',
  triggers: 'Subscribe the webhook to Conversation created and Conversation message',
  includeFullUser: 'Turn on Include full user',
  includeFullSource: 'Turn on Include full source',
  'webhook-missing': 'Add the webhook to the integration'
}

/** The plan title for a drift, as an admin would say it. */
export const driftTitle = (field: Drift['field']): string => FIELD_TITLES[field]
