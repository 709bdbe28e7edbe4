import { useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Dots } from '@zendeskgarden/react-loaders'
import { MD } from '@zendeskgarden/react-typography'
import type { FixAction } from '../../../shared/fix-actions'
import type { ProfileView } from '../../../shared/contract/vault'
import type { AppError } from '../../../shared/result'
import { call, newTaskId } from '../lib/api'
import { openScreen } from '../lib/hash-route'
import { ButtonBar } from './button-bar'
import { ConfirmModal } from './confirm-modal'
import { ErrorNotice } from './error-notice'
import { WriteTarget } from './write-target'

type Recreate = Extract<FixAction, { kind: 'recreate-webhook' }>

/**
 * Recreating the webhook asks first, naming the account: the webhook is deleted and created again
 * with the guide's settings and a new secret, which the Aissist gateway must be given too.
 */
export const RecreateWebhookModal = ({ profile, reason, onCancel, onConfirm }: { profile: ProfileView; reason: Recreate['reason']; onCancel(): void; onConfirm(): void }) => (
  <ConfirmModal
    title={reason === 'rotate' ? 'Rotate the webhook secret?' : 'Recreate the webhook as version v2?'}
    label={reason === 'rotate' ? 'Rotate the webhook secret' : 'Recreate the webhook'}
    confirmLabel={reason === 'rotate' ? 'Rotate the secret' : 'Recreate the webhook'}
    testId="recreate-webhook-modal"
    confirmTestId="recreate-webhook-confirm"
    onCancel={onCancel}
    onConfirm={onConfirm}
  >
    <MD>
      {reason === 'rotate'
        ? 'The webhook of the Aissist integration is deleted and created again with the setup guide’s settings. Zendesk gives the new webhook a new secret; this computer keeps it and sends test events signed with it.'
        : 'A webhook’s payload version cannot be changed, so it is deleted and created again as version v2 with the setup guide’s settings and a new secret, which this computer keeps.'}
    </MD>
    <MD>Afterwards, enter the new webhook secret in the Aissist gateway (Values for the Aissist gateway on Guided setup): until then the gateway refuses what Zendesk sends.</MD>
    <WriteTarget profile={profile} action="Delete and create the webhook in Zendesk" />
  </ConfirmModal>
)

interface FixActionsProps {
  actions: readonly FixAction[] | undefined
  profile: ProfileView
  /** Called once a fix carried out here succeeded (re-run the check, re-read the account). */
  onFixed?: () => void
  /** A screen that shows the recreate itself (the guided setup's stepper) takes it over. */
  onRecreate?: (reason: Recreate['reason']) => void
}

/**
 * The fixes the app can carry out for a finding, as buttons beside it: store Zendesk's webhook
 * secret, open the guided setup with the repair preselected, recreate the webhook (after a
 * confirmation), open the customer's form at the wrong field, open Admin Center at the right page,
 * show the values for the Aissist gateway.
 */
export const FixActions = ({ actions, profile, onFixed, onRecreate }: FixActionsProps) => {
  const [busy, setBusy] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [confirming, setConfirming] = useState<Recreate | null>(null)
  if (!actions?.length) return null

  const resync = async (): Promise<void> => {
    setBusy('resync-webhook-secret')
    const r = await call('resyncWebhookSecret', { profileRef: profile.id })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    setNote(r.value.message)
    onFixed?.()
  }
  const recreate = async (a: Recreate): Promise<void> => {
    setConfirming(null)
    if (onRecreate) return onRecreate(a.reason)
    setBusy('recreate-webhook')
    const r = await call('rotateWebhookSecret', { profileRef: profile.id, taskId: newTaskId(), confirmRotate: true })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    setNote(r.value.summary)
    if (r.value.ok) onFixed?.()
  }
  const run = async (a: FixAction): Promise<void> => {
    setError(null)
    setNote('')
    switch (a.kind) {
      case 'resync-webhook-secret':
        return resync()
      case 'recreate-webhook':
        return setConfirming(a)
      case 'run-setup':
        return openScreen('setup', { repair: a.repair })
      case 'gateway-values':
        return openScreen('setup', { panel: 'gateway-values' })
      case 'edit-customer':
        return openScreen('profiles', { edit: profile.id, field: a.field })
      case 'open-admin-center': {
        const r = await call('openExternal', { url: a.url })
        if (!r.ok) setError(r.error)
        return
      }
    }
  }

  return (
    <div data-testid="fix-actions">
      <ButtonBar>
        {actions.map((a, i) => (
          <Button key={`${a.kind}-${i}`} size="small" isPrimary={i === 0} onClick={() => void run(a)} disabled={busy !== null} data-testid={`fix-${a.kind}`}>
            {busy === a.kind ? <Dots aria-label={`${a.label}: working`} /> : a.label}
          </Button>
        ))}
      </ButtonBar>
      <div role="status" aria-live="polite" data-testid="fix-note">
        {note && <MD>{note}</MD>}
      </div>
      {error && <ErrorNotice title="The fix could not be carried out" error={error} onDismiss={() => setError(null)} />}
      {confirming && <RecreateWebhookModal profile={profile} reason={confirming.reason} onCancel={() => setConfirming(null)} onConfirm={() => void recreate(confirming)} />}
    </div>
  )
}
