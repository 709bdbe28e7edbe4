/**
 * The setup guide's exact values ("Create the integration manually"), in one place so the API
 * calls, the plan, the verification and the Admin Center instructions can never disagree.
 */

/** The integration's name, exactly as the guide spells it (the setup finds its integration by it). */
export const INTEGRATION_NAME = 'Aissistant_Conversation_Integration'

/** The webhook subscriptions the gateway needs, in the guide's order. */
export const GUIDE_TRIGGERS = ['conversation:create', 'conversation:message'] as const

/** The payload version the gateway reads (`webhook.version`; v1 and v1.1 bodies differ). */
export const GUIDE_WEBHOOK_VERSION = 'v2'

/** Admin-facing names of the triggers, as Admin Center labels the checkboxes. */
export const TRIGGER_LABELS: Record<string, string> = {
  'conversation:create': 'Conversation created',
  'conversation:message': 'Conversation message'
}

/** Where the integration lives in Admin Center, for every manual instruction. */
export const ADMIN_CENTER_INTEGRATIONS =
  'Admin Center → Apps and integrations → Integrations → Conversations integrations'

/** Where the channel's AI agent (default bot) is chosen, per the guide. */
export const ADMIN_CENTER_AI_AGENTS = 'Admin Center → AI → AI agents'

/** The webhook the guide asks for, for a given gateway URL. */
export interface GuideWebhook {
  target: string
  triggers: string[]
  includeFullUser: boolean
  includeFullSource: boolean
}

/** The guide's webhook for this customer's gateway; every write sends exactly this. */
export const guideWebhook = (gatewayUrl: string): GuideWebhook => ({
  target: gatewayUrl,
  triggers: [...GUIDE_TRIGGERS],
  includeFullUser: true,
  includeFullSource: true
})

/** The create body the guide implies: a custom integration with exactly its one webhook. */
export const guideIntegrationBody = (gatewayUrl: string): {
  type: 'custom'
  displayName: string
  webhooks: [GuideWebhook]
} => ({ type: 'custom', displayName: INTEGRATION_NAME, webhooks: [guideWebhook(gatewayUrl)] })

/**
 * Compares URLs the way a delivery does: scheme and host case-insensitive, default ports and a
 * trailing slash ignored, query kept. Without it `HTTPS://Gateway…/` would look like a duplicate's
 * "other" target and slip through.
 */
export const normalizeUrl = (raw: string): string => {
  try {
    const u = new URL(raw.trim())
    const port = u.port && !((u.protocol === 'https:' && u.port === '443') || (u.protocol === 'http:' && u.port === '80')) ? `:${u.port}` : ''
    const path = u.pathname.replace(/\/+$/, '')
    return `${u.protocol}//${u.hostname.toLowerCase()}${port}${path}${u.search}`
  } catch {
    return raw.trim().replace(/\/+$/, '').toLowerCase()
  }
}

/** True when two webhook targets deliver to the same place. */
export const sameTarget = (a: string, b: string): boolean => normalizeUrl(a) === normalizeUrl(b)

/** A trigger list in admin words ("Conversation created, Conversation message"). */
export const triggersInWords = (triggers: readonly string[]): string =>
  triggers.length === 0 ? 'none' : triggers.map((t) => TRIGGER_LABELS[t] ?? t).join(', ')

/** On/off in admin words. */
export const onOff = (v: boolean | undefined): string => (v ? 'enabled' : 'disabled')
