import { useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import { useActiveProfile, accountLabel } from '../../app/active-profile'
import { ButtonBar } from '../../components/button-bar'
import { NeedsCustomer } from '../../components/needs-customer'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'
import { OUTCOME_LOOK, pendingWork, setupOutcome } from './outcome'
import { PlanSection, Section } from './plan-section'
import { StepList } from './step-list'
import { setupSupportText } from './support-text'
import { useSetupRun } from './use-setup-run'

/**
 * The guided setup: check the account and show the plan (nothing is written to Zendesk), apply it
 * after the admin confirms — with the account named beside the button and duplicates deleted only
 * after their own confirmation — then prove delivery. An account with nothing to change goes
 * straight on to the test events, so "Configured" always means messages arrive.
 */
export const SetupPage = () => {
  const { profile, refresh } = useActiveProfile()
  const { steps, result, error, running, start, cancel } = useSetupRun(profile?.id ?? null)
  const [copied, setCopied] = useState(false)

  if (!profile) {
    return <NeedsCustomer title="Guided setup" why={"The guided setup creates or repairs the Aissist integration in one customer's Zendesk account. Add or choose that customer first."} testId="setup-empty" />
  }

  const run = async (mode: 'plan' | 'apply', deleteDuplicates = false): Promise<void> => {
    await start(mode, deleteDuplicates)
    await refresh()
  }
  const look = result ? OUTCOME_LOOK[setupOutcome(result)] : null
  const planned = result !== null && steps.find((s) => s.id === 'plan')?.status === 'pass'
  const pending = result ? pendingWork(result) : null
  // The plan stays on screen while it asks something of the admin (or to say there is nothing to do).
  const showPlan = planned && result !== null && pending !== null && (result.plan.length === 0 || pending.changes > 0 || pending.deletions > 0)

  return (
    <section aria-labelledby="setup-title">
      <XXL tag="h1" id="setup-title">
        Guided setup
      </XXL>
      <MD>
        Creates or repairs <code>Aissistant_Conversation_Integration</code> for <strong>{profile.name}</strong> ({accountLabel(profile)}) with exactly the values of
        the setup guide, then sends test events to prove messages arrive. It reads first and shows the plan; nothing is written until you confirm.
      </MD>

      <ButtonBar>
        <Button isPrimary={!planned} onClick={() => void run('plan')} disabled={running !== null} data-testid="setup-plan">
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
        {running && <MD>{running === 'plan' ? 'Checking the account…' : 'Applying the plan…'}</MD>}
        {!running && result && look && (
          <Notification type={look.type} data-outcome={setupOutcome(result)}>
            <Notification.Title>{look.title}</Notification.Title>
            {result.summary}
          </Notification>
        )}
      </div>
      {error && <ErrorNotice title="The setup could not run" error={error} />}

      {showPlan && !running && <PlanSection result={result} profile={profile} onApply={(d) => void run('apply', d)} />}

      <Section aria-labelledby="steps-title">
        <LG tag="h2" id="steps-title">
          Steps
        </LG>
        <StepList steps={steps} />
      </Section>
    </section>
  )
}
