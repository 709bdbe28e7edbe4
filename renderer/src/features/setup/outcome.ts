import type { SetupResult } from '../../../../shared/contract/setup'

/** How a run ended, as the page's summary names it. */
export type SetupOutcome = 'stopped' | 'plan-ready' | 'configured' | 'unproven'

/**
 * Configured only when the core says messages arrive (the account matches the guide and the
 * gateway accepted test events); a plan awaiting confirmation is "plan ready"; a run that matched
 * the guide but could not prove delivery says so instead of claiming success.
 */
export const setupOutcome = (r: SetupResult): SetupOutcome => {
  if (!r.ok) return 'stopped'
  if (r.configured) return 'configured'
  return r.steps.find((s) => s.id === 'apply')?.status === 'waiting' ? 'plan-ready' : 'unproven'
}

/** The summary's title and colour for each outcome. */
export const OUTCOME_LOOK: Record<SetupOutcome, { type: 'success' | 'info' | 'warning' | 'error'; title: string }> = {
  stopped: { type: 'error', title: 'Setup stopped' },
  'plan-ready': { type: 'info', title: 'Plan ready' },
  configured: { type: 'success', title: 'Configured: messages arrive' },
  unproven: { type: 'warning', title: 'Set up, but delivery is not proven' }
}

/** What the plan still asks of the admin: changes to confirm, the webhook to recreate, duplicates still to delete. */
export const pendingWork = (r: SetupResult): { changes: number; recreate: number; deletions: number } => {
  const apply = r.steps.find((s) => s.id === 'apply')?.status
  const changes = apply === 'waiting' ? r.plan.filter((p) => p.confirm === 'apply').length : 0
  const recreate = apply === 'waiting' ? r.plan.filter((p) => p.confirm === 'recreateWebhook').length : 0
  const dels = r.plan.filter((p) => p.confirm === 'deleteDuplicates').length
  return { changes, recreate, deletions: apply === 'waiting' || apply === 'warn' ? dels : 0 }
}
