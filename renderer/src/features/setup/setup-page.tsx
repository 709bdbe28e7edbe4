import { useCallback, useEffect, useRef, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { LG, MD, XXL } from '@zendeskgarden/react-typography'
import type { SetupResult } from '../../../../shared/contract/setup'
import { useActiveProfile, accountLabel } from '../../app/active-profile'
import { ButtonBar } from '../../components/button-bar'
import { RecreateWebhookModal } from '../../components/fix-actions'
import { NeedsCustomer } from '../../components/needs-customer'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'
import { GatewayValues } from './gateway-values'
import { OUTCOME_LOOK, pendingWork, setupOutcome } from './outcome'
import { PlanSection, Section } from './plan-section'
import { StepList } from './step-list'
import { setupSupportText } from './support-text'
import { useSetupIntent } from './use-setup-intent'
import { useSetupRun, type SetupConfirmations, type SetupMode } from './use-setup-run'
import { WebhookLimitNotice, webhookLimitOf } from './webhook-limit-notice'

const RUNNING_WORDS: Record<SetupMode, string> = { plan: 'Checking the account…', apply: 'Applying the plan…', rotate: 'Rotating the webhook secret…' }

/** Whether the plan stays on screen: while it asks something of the admin, or to say there is nothing to do. */
const planShown = (result: SetupResult | null): result is SetupResult => {
  if (!result || result.steps.find((s) => s.id === 'plan')?.status !== 'pass') return false
  const p = pendingWork(result)
  return result.plan.length === 0 || p.changes > 0 || p.recreate > 0 || p.deletions > 0
}

/** The run in one line while it runs, then its outcome (configured only when messages arrive). */
const SetupSummary = ({ running, result }: { running: SetupMode | null; result: SetupResult | null }) => {
  const look = result ? OUTCOME_LOOK[setupOutcome(result)] : null
  return (
    <div role="status" aria-live="polite" data-testid="setup-summary">
      {running && <MD>{RUNNING_WORDS[running]}</MD>}
      {!running && result && look && (
        <Notification type={look.type} data-outcome={setupOutcome(result)}>
          <Notification.Title>{look.title}</Notification.Title>
          {result.summary}
        </Notification>
      )}
    </div>
  )
}

/**
 * The guided setup: check the account and show the plan (nothing is written to Zendesk), apply it
 * after the admin confirms — with the account named beside the button, duplicates and a webhook to
 * recreate each behind their own confirmation — then prove delivery. An account with nothing to
 * change goes straight on to the test events, so "Configured" always means messages arrive. Opened
 * from a fix elsewhere, it starts the plan with that repair preselected; once configured (or when
 * asked), it shows the values the Aissist gateway needs.
 */
export const SetupPage = () => {
  const { profile, refresh } = useActiveProfile()
  const { steps, result, error, running, start, cancel } = useSetupRun(profile?.id ?? null)
  const [copied, setCopied] = useState(false)
  const [rotating, setRotating] = useState(false)
  const valuesRef = useRef<HTMLElement>(null)

  const run = useCallback(
    async (mode: SetupMode, confirmed: SetupConfirmations = {}): Promise<void> => {
      await start(mode, confirmed)
      await refresh()
    },
    [start, refresh]
  )
  const startPlan = useCallback(() => void run('plan'), [run])
  const { repair, showValues, setShowValues } = useSetupIntent(Boolean(profile), startPlan)

  useEffect(() => {
    if (showValues) valuesRef.current?.focus()
  }, [showValues])

  if (!profile) {
    return <NeedsCustomer title="Guided setup" why={"The guided setup creates or repairs the Aissist integration in one customer's Zendesk account. Add or choose that customer first."} testId="setup-empty" />
  }

  const planned = result !== null && steps.find((s) => s.id === 'plan')?.status === 'pass'
  const limit = webhookLimitOf(steps)
  const fixes = { profile, onFixed: startPlan, onRecreate: () => setRotating(true) }

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
        <Button isPrimary={!planned} onClick={startPlan} disabled={running !== null} data-testid="setup-plan">
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
        <Button isBasic onClick={() => setShowValues((v) => !v)} aria-expanded={showValues || Boolean(result?.configured)} data-testid="setup-show-values">
          Values for the Aissist gateway
        </Button>
      </ButtonBar>

      <SetupSummary running={running} result={result} />
      {error && <ErrorNotice title="The setup could not run" error={error} />}
      {!running && limit && <WebhookLimitNotice block={limit} fix={steps.find((s) => s.id === 'plan')?.error?.fix} />}

      {planShown(result) && planned && !running && <PlanSection result={result} profile={profile} preselect={repair} onApply={(c) => void run('apply', c)} />}

      {(showValues || result?.configured) && <GatewayValues ref={valuesRef} profile={profile} rotating={running !== null} onRotate={() => setRotating(true)} />}

      <Section aria-labelledby="steps-title">
        <LG tag="h2" id="steps-title">
          Steps
        </LG>
        <StepList steps={steps} fixes={fixes} />
      </Section>
      {rotating && (
        <RecreateWebhookModal
          profile={profile}
          reason="rotate"
          onCancel={() => setRotating(false)}
          onConfirm={() => {
            setRotating(false)
            void run('rotate')
          }}
        />
      )}
    </section>
  )
}
