import { useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Input, Select } from '@zendeskgarden/react-forms'
import { Progress } from '@zendeskgarden/react-loaders'
import { Notification } from '@zendeskgarden/react-notifications'
import { MD } from '@zendeskgarden/react-typography'
import type { BurstResult } from '../../../../shared/contract/test-events'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../../shared/webhook-events'
import { ErrorNotice } from '../../components/error-notice'
import { ConfirmModal } from '../../components/confirm-modal'
import { useActiveProfile } from '../../app/active-profile'
import { useTaskRun } from '../../app/use-task-run'
import { call } from '../../lib/api'
import { ButtonBar } from '../../components/button-bar'
import { Columns, Facts } from './layout'
import { LatencyChart } from './latency-chart'
import { burstBlocker, gatewayIsThisComputer, hostOf } from './burst-target'

/** Asks before a burst goes to a gateway that is not on this computer: real customers may be behind it. */
const ConfirmBurst = ({ profile, count, onConfirm, onCancel }: { profile: ProfileView; count: number; onConfirm(): void; onCancel(): void }) => (
  <ConfirmModal
    title={`Send ${count} test events to ${profile.name}'s gateway?`}
    label="Send a burst of test events"
    confirmLabel={`Send ${count} events`}
    onConfirm={onConfirm}
    onCancel={onCancel}
    testId="burst-confirm-modal"
    confirmTestId="burst-confirm"
  >
    <MD>
      {count} conversation events go to <strong>{hostOf(profile.gatewayUrl)}</strong>, signed with {profile.name}&apos;s webhook secret, as fast as {profile.name}&apos;s Zendesk would send
      them. This gateway is not on this computer: if it serves real customers, the AI agent works through every one of these events.
    </MD>
  </ConfirmModal>
)

/** The burst's latency figures and chart. */
const BurstFigures = ({ result }: { result: BurstResult }) => (
  <Columns>
    <div>
      <Facts aria-label="Latency">
        <dt>p50</dt>
        <dd data-testid="burst-p50">{result.stats.p50} ms</dd>
        <dt>p95</dt>
        <dd data-testid="burst-p95">{result.stats.p95} ms</dd>
        <dt>max</dt>
        <dd>{result.stats.max} ms</dd>
        {Object.entries(result.byVerdict).map(([k, v]) => (
          <FactRow key={k} label={k} value={String(v)} />
        ))}
        {Object.entries(result.byStatus).map(([k, v]) => (
          <FactRow key={`s${k}`} label={`answer ${k}`} value={String(v)} />
        ))}
        {result.connections && <FactRow label="connections" value={`${result.connections.opened} opened, ${result.connections.reused} events reused one`} />}
      </Facts>
      {result.firstError && <ErrorNotice title="First failure in the burst" error={result.firstError} />}
    </div>
    <LatencyChart latencies={result.latencies} stats={result.stats} />
  </Columns>
)

/**
 * N events at concurrency C to the customer's own gateway, with the latency distribution. It is
 * refused (disabled, the reason beside it) without a webhook secret, and asks first when the
 * gateway is not on this computer.
 */
export const BurstPanel = ({ profileId }: { profileId: string }) => {
  const { profile } = useActiveProfile()
  const [count, setCount] = useState('50')
  const [concurrency, setConcurrency] = useState('5')
  const [type, setType] = useState<WebhookEventType>('conversation:message')
  const { start: startTask, cancel, running, progress } = useTaskRun('burst')
  const [result, setResult] = useState<BurstResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [confirming, setConfirming] = useState(false)
  const last = progress.at(-1)
  const n = Number(count)
  const c = Number(concurrency)
  const countError = !Number.isInteger(n) || n < 1 || n > 500 ? 'Send 1 to 500 events.' : null
  const concError = !Number.isInteger(c) || c < 1 || c > 50 ? 'Run 1 to 50 at a time.' : null
  if (!profile || profile.id !== profileId) return null
  const blocker = burstBlocker(profile)
  const local = gatewayIsThisComputer(profile.gatewayUrl)

  const start = async (): Promise<void> => {
    setConfirming(false)
    setResult(null)
    setError(null)
    const r = await startTask((taskId) => call('runBurst', { profileRef: profileId, taskId, count: n, concurrency: c, type }))
    if (r?.ok) setResult(r.value)
    else if (r) setError(r.error)
  }

  return (
    <div data-testid="burst-panel">
      <MD>Sends fresh events to this customer&apos;s gateway to see how it holds up. Events share a few connections kept open between them, as a busy webhook sender does; the result shows how many were opened.</MD>
      <Columns style={{ marginTop: 12 }}>
        <Field>
          <Field.Label>Number of events</Field.Label>
          <Input type="number" min={1} max={500} value={count} onChange={(e) => setCount(e.target.value)} validation={countError ? 'error' : undefined} data-testid="burst-count" />
          {countError && <Field.Message validation="error">{countError}</Field.Message>}
        </Field>
        <Field>
          <Field.Label>At a time</Field.Label>
          <Input type="number" min={1} max={50} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} validation={concError ? 'error' : undefined} data-testid="burst-concurrency" />
          {concError && <Field.Message validation="error">{concError}</Field.Message>}
        </Field>
        <Field>
          <Field.Label>Event</Field.Label>
          <Select value={type} onChange={(e) => setType(WEBHOOK_EVENT_TYPES.find((t) => t === e.target.value) ?? type)}>
            {WEBHOOK_EVENT_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
      </Columns>
      <Notification type={local ? 'info' : 'warning'} data-testid="burst-target" style={{ marginTop: 12 }}>
        <Notification.Title>{local ? 'To a gateway on this computer' : "To the customer's gateway"}</Notification.Title>
        The events go to <strong>{hostOf(profile.gatewayUrl)}</strong>, {profile.name}&apos;s gateway{local ? '.' : ': you will be asked to confirm.'}
      </Notification>
      <ButtonBar>
        <Button
          isPrimary
          onClick={() => (local ? void start() : setConfirming(true))}
          disabled={running || Boolean(countError || concError || blocker)}
          aria-describedby={blocker ? 'burst-blocked' : undefined}
          data-testid="burst-start"
        >
          Start burst
        </Button>
        {running && (
          <Button onClick={() => void cancel()} data-testid="burst-cancel">
            Cancel
          </Button>
        )}
        {blocker && (
          <MD id="burst-blocked" data-testid="burst-blocked">
            {blocker}
          </MD>
        )}
      </ButtonBar>
      <div role="status" aria-live="polite">
        {running && (
          <>
            <Progress value={last ? (100 * last.done) / last.total : 0} aria-label="Burst progress" />
            <MD>{last ? `${last.done} of ${last.total} sent…` : 'Starting…'}</MD>
          </>
        )}
        {result && (
          <MD data-testid="burst-summary">
            {result.completed} of {result.requested} events in {(result.durationMs / 1000).toFixed(1)} s ({result.perSecond}/s){result.cancelled ? ' — cancelled' : ''}.
          </MD>
        )}
      </div>
      {error && <ErrorNotice title="The burst did not run" error={error} onDismiss={() => setError(null)} />}
      {result && <BurstFigures result={result} />}
      {confirming && <ConfirmBurst profile={profile} count={n} onConfirm={() => void start()} onCancel={() => setConfirming(false)} />}
    </div>
  )
}

const FactRow = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
)
