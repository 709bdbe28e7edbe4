import { repairedTriggers } from '../../../shared/setup/diff'
import { guideIntegrationBody, guideWebhook, sameTarget, INTEGRATION_NAME } from '../../../shared/setup/guide'
import { manualCreateIntegration, manualDeleteDuplicates, manualRecreateWebhook, manualRepairWebhook } from '../../../shared/setup/manual'
import { targetWords } from '../../../shared/setup/target'
import type { PlanItem } from '../../../shared/setup/types'
import type { Webhook, WebhookUpdateBody } from '../../../shared/schemas/zendesk'
import { actionsOf, adminCenterAction } from '../../../shared/fix-actions'
import { toAppError } from '../errors'
import type { ZendeskClient } from '../zendesk/client'
import { isZendeskApiError } from '../zendesk/errors'
import { connected, must, StepFailure, type SetupState, type SetupStepImpl, type StepOutcome } from './state'

/**
 * Step 5: the only step that writes to Zendesk, and only what the confirmed plan lists — one
 * create, or one webhook create, or one PATCH with every drifted setting; duplicates only with
 * their own confirmation. Every write names the account it goes to.
 */

/**
 * Adds the guide's webhook to an existing integration. A POST is never repeated blindly: when its
 * answer is lost, the webhooks are read back and the one with the gateway target is taken.
 */
const createWebhookSafely = async (client: ZendeskClient, integrationId: string, gatewayUrl: string, signal?: AbortSignal): Promise<Webhook> => {
  try {
    return await client.createWebhook(integrationId, guideWebhook(gatewayUrl), { signal })
  } catch (e) {
    if (!isZendeskApiError(e) || !e.outcomeUnknown) throw e
    const found = (await client.listWebhooks(integrationId, { signal })).find((w) => sameTarget(w.target, gatewayUrl))
    if (found) return found
    throw e
  }
}

/** Creates the integration (or finds the one a lost answer made), then adds a missing webhook. */
const createWhatIsMissing = async (s: SetupState, items: PlanItem[], done: string[]): Promise<void> => {
  const { profile, client } = connected(s)
  if (items.some((p) => p.kind === 'create-integration')) {
    const res = await client.createCustomIntegration(guideIntegrationBody(profile.gatewayUrl), { signal: s.signal })
    s.writes++
    s.integrationId = res.integration.id
    s.webhook = res.integration.webhooks.find((w) => sameTarget(w.target, profile.gatewayUrl)) ?? res.integration.webhooks[0] ?? null
    done.push(res.recovered
      ? `Created ${INTEGRATION_NAME} (${s.integrationId}); its answer was lost, and the integration it made was found instead of creating a second one`
      : `Created ${INTEGRATION_NAME} (${s.integrationId})`)
  }
  if (items.some((p) => p.kind === 'create-webhook')) {
    s.webhook = await createWebhookSafely(client, must(s.integrationId, 'the integration'), profile.gatewayUrl, s.signal)
    s.writes++
    done.push(`Added the webhook to ${profile.gatewayUrl}`)
  }
}

/** Repairs every drifted setting of the existing webhook in one PATCH (other triggers kept). */
const repairWebhook = async (s: SetupState, items: PlanItem[], done: string[]): Promise<void> => {
  const updates = items.filter((p) => p.kind === 'update-webhook')
  const integration = s.inspection?.integration
  if (!updates.length || !integration?.webhook) return
  const { profile, client } = connected(s)
  const current = integration.webhook
  const want = guideWebhook(profile.gatewayUrl)
  const body: WebhookUpdateBody = {}
  for (const u of updates) {
    if (u.field === 'target') body.target = want.target
    if (u.field === 'triggers') body.triggers = repairedTriggers(current.triggers)
    if (u.field === 'includeFullUser') body.includeFullUser = true
    if (u.field === 'includeFullSource') body.includeFullSource = true
  }
  s.webhook = await client.updateWebhook(integration.id, current.id, body, { signal: s.signal })
  s.writes++
  done.push(`Repaired the webhook in place: ${updates.map((u) => u.title.toLowerCase()).join('; ')}`)
}

/**
 * Recreates our webhook (delete, then create the guide's): the only way to a v2 payload, and how a
 * secret is rotated. Deleting first keeps the app within Zendesk's 10 webhooks and never leaves two
 * webhooks delivering to the gateway; if the create then fails, the next run plans "add the webhook".
 */
const recreateWebhook = async (s: SetupState, item: PlanItem, done: string[]): Promise<void> => {
  const { profile, client } = connected(s)
  const integrationId = must(item.integrationId, 'the integration of the webhook to recreate')
  const oldId = must(item.webhookId, 'the webhook to recreate')
  try {
    await client.deleteWebhook(integrationId, oldId, { signal: s.signal })
  } catch (e) {
    if (!isZendeskApiError(e) || e.status !== 404) throw new StepFailure(toAppError(e, s.services.secrets.redact), manualRecreateWebhook(profile.gatewayUrl))
  }
  s.writes++
  s.webhook = await createWebhookSafely(client, integrationId, profile.gatewayUrl, s.signal)
  s.writes++
  const why = item.reason === 'rotate' ? 'to rotate its secret' : `as version ${s.webhook.version}`
  done.push(`Recreated the webhook ${why}: deleted ${oldId}, created ${s.webhook.id} with a new secret`)
}

/** Lets Aissist's switchboard integration receive a conversation's messages while another responder leads it. */
const updateSwitchboard = async (s: SetupState, items: PlanItem[], done: string[]): Promise<void> => {
  const item = items.find((p) => p.kind === 'update-switchboard')
  if (!item) return
  const { client } = connected(s)
  const updated = await client.updateSwitchboardIntegration(must(item.switchboardId, 'the switchboard'), must(item.switchboardIntegrationId, "Aissist's switchboard integration"), { deliverStandbyEvents: true }, { signal: s.signal })
  s.writes++
  const member = s.inspection?.channelBot.aissistMember
  if (member) member.deliverStandbyEvents = updated.deliverStandbyEvents
  done.push(`Turned on standby events for the switchboard integration "${updated.name}"`)
}

/** Deletes one duplicate (the whole integration, or only its webhook); already gone counts as done. */
const deleteDuplicate = async (s: SetupState, d: PlanItem, done: string[]): Promise<void> => {
  const { profile, client } = connected(s)
  const integrationId = must(d.integrationId, 'the duplicate\'s integration')
  const onlyWebhook = d.webhookId && s.inspection?.duplicates.find((x) => x.integrationId === integrationId && x.webhookId === d.webhookId)?.remove === 'webhook'
  const deleted = d.title.replace(/^Delete/, 'Deleted')
  try {
    if (onlyWebhook && d.webhookId) await client.deleteWebhook(integrationId, d.webhookId, { signal: s.signal })
    else await client.deleteIntegration(integrationId, { signal: s.signal })
    done.push(deleted)
  } catch (e) {
    if (!isZendeskApiError(e) || e.status !== 404) throw new StepFailure(toAppError(e, s.services.secrets.redact), manualDeleteDuplicates(profile.gatewayUrl))
    done.push(`${deleted} (it was already gone)`)
  }
  s.writes++
}

/** 5. Apply the plan. */
export const applyStep: SetupStepImpl = {
  async run(s): Promise<StepOutcome> {
    const { profile } = connected(s)
    const changes = s.plan.filter((p) => p.confirm === 'apply')
    const deletions = s.plan.filter((p) => p.confirm === 'deleteDuplicates')
    const done: string[] = []
    await createWhatIsMissing(s, changes, done)
    await repairWebhook(s, changes, done)
    await updateSwitchboard(s, changes, done)
    if (s.confirm.recreateWebhook) for (const r of s.plan.filter((p) => p.confirm === 'recreateWebhook')) await recreateWebhook(s, r, done)
    if (s.confirm.deleteDuplicates) for (const d of deletions) await deleteDuplicate(s, d, done)
    const where = targetWords(s.target)
    const base = done.length ? `${done.join('. ')} — on ${where}.` : `Nothing to change on ${where}: 0 writes.`
    const left = s.confirm.deleteDuplicates ? 0 : deletions.length
    if (left) {
      return {
        status: 'warn',
        message: `${base} ${left} duplicate${left === 1 ? ' was' : 's were'} NOT deleted: deleting needs its own confirmation. Until then every message reaches Aissist more than once.`,
        manual: manualDeleteDuplicates(profile.gatewayUrl)
      }
    }
    return { message: base }
  },
  manualOnFailure: (s) => {
    const gatewayUrl = s.profile?.gatewayUrl ?? ''
    if (s.plan.some((p) => p.kind === 'recreate-webhook') && s.confirm.recreateWebhook) return manualRecreateWebhook(gatewayUrl)
    return s.inspection?.integration ? manualRepairWebhook(gatewayUrl) : manualCreateIntegration(gatewayUrl)
  },
  actionsOnFailure: (s, error) => actionsOf(error.code === 'zendesk-webhook-limit' && adminCenterAction(s.profile?.subdomain, 'integrations'))
}
