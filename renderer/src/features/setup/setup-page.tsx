import { useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import { useActiveProfile, accountLabel } from '../../app/active-profile'
import { ButtonBar } from '../../components/button-bar'
import { NeedsCustomer } from '../../components/needs-customer'
import { ErrorNotice } from '../../components/error-notice'
import { WriteTarget } from '../../components/write-target'
import { call } from '../../lib/api'
import { PlanTable } from './plan-table'
import { StepList } from './step-list'
import { setupSupportText } from './support-text'
import { useSetupRun } from './use-setup-run'
import { ConfirmModal } from '../../components/confirm-modal'


const Section = styled.section`
  margin-top: 24px;
`

/**
 * The guided setup: check the account and show the plan (read-only), then apply it after the
 * admin confirms — with the account named beside the button, duplicates deleted only after their
 * own confirmation, every step live, and the manual Admin Center way for any step that fails.
 */
export const SetupPage = () => {
  const { profile, refresh } = useActiveProfile()
  const { steps, result, error, running, start, cancel } = useSetupRun(profile?.id ?? null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [copied, setCopied] = useState(false)

  if (!profile) {
    return <NeedsCustomer title="Guided setup" why={"The guided setup creates or repairs the Aissist integration in one customer's Zendesk account. Add or choose that customer first."} testId="setup-empty" />
  }

  const plan = result?.plan ?? []
  const changes = plan.filter((p) => p.confirm === 'apply')
  const deletions = plan.filter((p) => p.confirm === 'deleteDuplicates')
  const planned = result !== null && steps.find((s) => s.id === 'plan')?.status === 'passed'
  const applied = result !== null && ['passed', 'warn', 'failed'].includes(steps.find((s) => s.id === 'apply')?.status ?? '')
  const afterApply = async (deleteDuplicates: boolean): Promise<void> => {
    await start('apply', deleteDuplicates)
    await refresh()
  }

  return (
    <section aria-labelledby="setup-title">
      <XXL tag="h1" id="setup-title">
        Guided setup
      </XXL>
      <MD>
        Creates or repairs <code>Aissistant_Conversation_Integration</code> for <strong>{profile.name}</strong> ({accountLabel(profile)}) with exactly the values of
        the setup guide. It reads first and shows the plan; nothing is written until you confirm.
      </MD>

      <ButtonBar>
        <Button isPrimary={!planned} onClick={() => void start('plan')} disabled={running !== null} data-testid="setup-plan">
          {result ? 'Check again' : 'Check the account'}
        </Button>
        {running && (
          <>
            <Dots aria-hidden />
            <Button onClick={() => void cancel()} data-testid="setup-cancel">
              Cancel
            </Button>
          </>
        )}
        <Button
          isBasic
          onClick={() => void call('copyText', { text: setupSupportText(steps, result) }).then((r) => setCopied(r.ok))}
          disabled={running !== null || !result}
          data-testid="setup-copy-support"
        >
          {copied ? 'Copied' : 'Copy for support'}
        </Button>
      </ButtonBar>

      <div role="status" aria-live="polite" data-testid="setup-summary">
        {running && <MD>{running === 'plan' ? 'Reading the account…' : 'Applying the plan…'}</MD>}
        {!running && result && (
          <Notification type={result.ok ? (result.configured ? 'success' : 'info') : 'error'}>
            <Notification.Title>{result.ok ? (result.configured ? 'Configured' : 'Plan ready') : 'Setup stopped'}</Notification.Title>
            {result.summary}
          </Notification>
        )}
      </div>
      {error && <ErrorNotice title="The setup could not run" error={error} />}

      {planned && !applied && !running && (
        <Section aria-labelledby="plan-title">
          <LG tag="h2" id="plan-title">
            The plan
          </LG>
          {plan.length === 0 ? (
            <MD data-testid="plan-nothing">Nothing to change: the account already matches the setup guide.</MD>
          ) : (
            <>
              <PlanTable plan={plan} />
              {changes.length > 0 && (
                <>
                  <WriteTarget profile={profile} action={`Apply ${changes.length} change${changes.length === 1 ? '' : 's'}`} />
                  <ButtonBar>
                    <Button isPrimary onClick={() => void afterApply(false)} data-testid="setup-apply">
                      Apply {changes.length} change{changes.length === 1 ? '' : 's'}
                    </Button>
                  </ButtonBar>
                </>
              )}
              {deletions.length > 0 && (
                <ButtonBar>
                  <Button isDanger onClick={() => setConfirmDelete(true)} data-testid="setup-delete-duplicates">
                    Delete {deletions.length} duplicate{deletions.length === 1 ? '' : 's'}…
                  </Button>
                </ButtonBar>
              )}
            </>
          )}
        </Section>
      )}

      <Section aria-labelledby="steps-title">
        <LG tag="h2" id="steps-title">
          Steps
        </LG>
        <StepList steps={steps} />
      </Section>

      {confirmDelete && (
        <ConfirmModal
          title={`Delete ${deletions.length} duplicate${deletions.length === 1 ? '' : 's'}?`}
          label="Delete duplicates"
          confirmLabel="Delete duplicates"
          testId="delete-duplicates-modal"
          confirmTestId="delete-duplicates-confirm"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false)
            void afterApply(true)
          }}
        >
          <MD>These also send every conversation to the Aissist gateway, so each message arrives more than once:</MD>
          <ul>
            {deletions.map((d) => (
              <li key={d.id}>{d.before}</li>
            ))}
          </ul>
          <WriteTarget profile={profile} action="Delete in Zendesk" />
          <MD>This cannot be undone. {changes.length > 0 ? 'The other planned changes are applied too.' : ''}</MD>
        </ConfirmModal>
      )}
    </section>
  )
}
