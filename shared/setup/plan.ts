import { driftInWords, driftTitle } from './diff'
import { INTEGRATION_NAME, onOff, triggersInWords, guideWebhook } from './guide'
import type { AccountInspection, PlanItem } from './types'

/**
 * What a setup would change on this account, derived only from what was read: nothing is written
 * until the admin confirms this list. An empty plan means the account already matches the guide.
 */
export const buildPlan = (inspection: Pick<AccountInspection, 'integration' | 'drift' | 'duplicates'>, gatewayUrl: string): PlanItem[] => {
  const items: PlanItem[] = []
  const want = guideWebhook(gatewayUrl)
  if (!inspection.integration) {
    items.push({
      id: 'create-integration',
      kind: 'create-integration',
      title: `Create the integration ${INTEGRATION_NAME}`,
      before: 'no integration',
      after: `${INTEGRATION_NAME}: webhook to ${want.target}; ${triggersInWords(want.triggers)}; Include full user ${onOff(true)}; Include full source ${onOff(true)}`,
      confirm: 'apply'
    })
  } else {
    const { id: integrationId, webhook } = inspection.integration
    for (const d of inspection.drift) {
      const words = driftInWords(d)
      items.push({
        id: d.field === 'webhook-missing' ? 'create-webhook' : `update-${d.field}`,
        kind: d.field === 'webhook-missing' ? 'create-webhook' : 'update-webhook',
        title: driftTitle(d.field),
        before: words.before,
        after: words.after,
        confirm: 'apply',
        field: d.field,
        integrationId,
        ...(webhook ? { webhookId: webhook.id } : {})
      })
    }
  }
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

/** One line for the plan's summary ("2 changes, 1 deletion waiting for its own confirmation"). */
export const planSummary = (plan: PlanItem[]): string => {
  const changes = plan.filter((p) => p.confirm === 'apply').length
  const deletions = plan.filter((p) => p.confirm === 'deleteDuplicates').length
  if (changes === 0 && deletions === 0) return 'Nothing to change: the account already matches the setup guide.'
  const parts: string[] = []
  if (changes) parts.push(`${changes} change${changes === 1 ? '' : 's'}`)
  if (deletions) parts.push(`${deletions} duplicate${deletions === 1 ? '' : 's'} to delete (needs its own confirmation)`)
  return `${parts.join(', ')}.`
}
