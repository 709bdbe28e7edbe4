import { driftInWords, driftTitle } from './diff'
import { INTEGRATION_NAME, onOff, triggersInWords, guideWebhook } from './guide'
import type { AccountInspection, PlanItem, WebhookLimit } from './types'

/** What a plan is built from: the inspection's findings. */
export type PlanInput = Pick<AccountInspection, 'integration' | 'drift' | 'duplicates'> & Partial<Pick<AccountInspection, 'channelBot' | 'webhookLimit'>>

/** Options of a plan: `rotate` recreates the webhook even when it matches the guide (a new secret). */
export interface PlanOptions {
  rotate?: boolean
}

const createItem = (gatewayUrl: string): PlanItem => {
  const want = guideWebhook(gatewayUrl)
  return {
    id: 'create-integration',
    kind: 'create-integration',
    title: `Create the integration ${INTEGRATION_NAME}`,
    before: 'no integration',
    after: `${INTEGRATION_NAME}: webhook to ${want.target}; ${triggersInWords(want.triggers)}; Include full user ${onOff(true)}; Include full source ${onOff(true)}`,
    confirm: 'apply'
  }
}

/**
 * Recreating the webhook (delete + create): the only way to change its payload version, and how a
 * secret is rotated. It gets its own confirmation, as deleting does: the new secret must reach the
 * gateway too.
 */
const recreateItem = (integrationId: string, webhookId: string, reason: 'version' | 'rotate', before: string, gatewayUrl: string): PlanItem => ({
  id: 'recreate-webhook',
  kind: 'recreate-webhook',
  title: reason === 'version' ? 'Recreate the webhook as version v2 (a new secret)' : 'Recreate the webhook to rotate its secret',
  before,
  after: `a new webhook to ${gatewayUrl} with the guide's settings, version v2 and a new secret (kept on this computer; the Aissist gateway needs it too)`,
  confirm: 'recreateWebhook',
  reason,
  integrationId,
  webhookId
})

/** Items for the existing integration's webhook: one recreate, or one item per drifted setting. */
const webhookItems = (inspection: PlanInput, gatewayUrl: string, options: PlanOptions): PlanItem[] => {
  const integration = inspection.integration
  if (!integration) return []
  const { id: integrationId, webhook } = integration
  const version = inspection.drift.find((d) => d.field === 'version')
  if (webhook && version) return [recreateItem(integrationId, webhook.id, 'version', driftInWords(version).before, gatewayUrl)]
  const items: PlanItem[] = inspection.drift.map((d) => {
    const words = driftInWords(d)
    return {
      id: d.field === 'webhook-missing' ? 'create-webhook' : `update-${d.field}`,
      kind: d.field === 'webhook-missing' ? 'create-webhook' : 'update-webhook',
      title: driftTitle(d.field),
      before: words.before,
      after: words.after,
      confirm: 'apply',
      field: d.field,
      integrationId,
      ...(webhook ? { webhookId: webhook.id } : {})
    }
  })
  // A rotation recreates the guide's webhook anyway: it replaces the in-place repairs.
  if (webhook && options.rotate) return [recreateItem(integrationId, webhook.id, 'rotate', `webhook ${webhook.id} with its current secret`, gatewayUrl)]
  return items
}

/** Aissist on standby without standby events hears nothing of the conversations it does not lead. */
const switchboardItems = (inspection: PlanInput): PlanItem[] => {
  const bot = inspection.channelBot
  const m = bot?.aissistMember
  if (!bot || !m || m.deliverStandbyEvents || bot.switchboardEnabled === false || bot.aissistIsDefault) return []
  return [
    {
      id: 'update-switchboard',
      kind: 'update-switchboard',
      title: 'Let Aissist receive messages while another responder leads the conversation (deliver standby events)',
      before: `switchboard integration "${m.name}": standby events off, so Aissist gets no message of a conversation it does not lead`,
      after: `switchboard integration "${m.name}": standby events on`,
      confirm: 'apply',
      switchboardIntegrationId: m.id,
      ...(bot.switchboardId ? { switchboardId: bot.switchboardId } : {})
    }
  ]
}

/**
 * What a setup would change on this account, derived only from what was read: nothing is written
 * until the admin confirms this list. An empty plan means the account already matches the guide.
 */
export const buildPlan = (inspection: PlanInput, gatewayUrl: string, options: PlanOptions = {}): PlanItem[] => {
  const items: PlanItem[] = inspection.integration ? webhookItems(inspection, gatewayUrl, options) : [createItem(gatewayUrl)]
  items.push(...switchboardItems(inspection))
  for (const dup of inspection.duplicates) {
    items.push({
      id: `delete-${dup.remove}-${dup.remove === 'integration' ? dup.integrationId : dup.webhookId}`,
      kind: 'delete-duplicate',
      title: dup.remove === 'integration'
        ? `Delete the duplicate integration "${dup.displayName}"`
        : `Delete the duplicate webhook of "${dup.displayName}"`,
      before: `${dup.displayName} → ${dup.target} (${dup.reason})`,
      after: null,
      confirm: 'deleteDuplicates',
      integrationId: dup.integrationId,
      ...(dup.webhookId ? { webhookId: dup.webhookId } : {})
    })
  }
  return items
}

/** How many webhooks a plan adds to the app (a recreate deletes before it creates: none). */
export const webhooksAdded = (plan: readonly PlanItem[]): number => plan.filter((p) => p.kind === 'create-integration' || p.kind === 'create-webhook').length

/** A plan Zendesk would refuse: the app's webhooks plus the plan's would pass Zendesk's limit. */
export interface WebhookLimitBlock extends WebhookLimit {
  adds: number
  /** The plain words: "The app already has 10 webhooks, Zendesk's limit: …". */
  message: string
}

const holdersInWords = (limit: WebhookLimit): string =>
  limit.holders.map((h) => `${h.displayName} (${h.type}, ${h.webhooks} webhook${h.webhooks === 1 ? '' : 's'})`).join('; ')

/**
 * The pre-flight before any write: null when Zendesk has room for what the plan creates, else the
 * block in plain words, naming the integrations that hold the webhooks. Nothing may be written then.
 */
export const webhookLimitBlock = (plan: readonly PlanItem[], limit: WebhookLimit | undefined): WebhookLimitBlock | null => {
  const adds = webhooksAdded(plan)
  if (!limit || adds === 0 || limit.used + adds <= limit.limit) return null
  const full = limit.used >= limit.limit
  const message = full
    ? `The app already has ${limit.used} webhooks, Zendesk's limit, so the Aissist webhook cannot be added. Nothing was written. The webhooks belong to: ${holdersInWords(limit)}.`
    : `The app has ${limit.used} webhooks and Zendesk allows ${limit.limit}: the plan's ${adds} new webhooks would pass the limit. Nothing was written. The webhooks belong to: ${holdersInWords(limit)}.`
  return { ...limit, adds, message }
}

/** One line for the plan's summary ("2 changes, 1 deletion waiting for its own confirmation"). */
export const planSummary = (plan: PlanItem[]): string => {
  const changes = plan.filter((p) => p.confirm === 'apply').length
  const deletions = plan.filter((p) => p.confirm === 'deleteDuplicates').length
  const recreate = plan.find((p) => p.confirm === 'recreateWebhook')
  if (changes === 0 && deletions === 0 && !recreate) return 'Nothing to change: the account already matches the setup guide.'
  const parts: string[] = []
  if (recreate) parts.push(`the webhook to recreate${recreate.reason === 'rotate' ? ' with a new secret' : ' as version v2'} (needs its own confirmation)`)
  if (changes) parts.push(`${changes} change${changes === 1 ? '' : 's'}`)
  if (deletions) parts.push(`${deletions} duplicate${deletions === 1 ? '' : 's'} to delete (needs its own confirmation)`)
  const text = parts.join(', ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
