import { lazy, Suspense, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Checkbox } from '@zendeskgarden/react-forms'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { MD, XXL } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import type { DoctorResult } from '../../../../shared/contract/doctor'
import { dateTimeWords } from '../../../../shared/doctor/change-sentence'
import type { AppError } from '../../../../shared/result'
import { accountLabel, useActiveProfile } from '../../app/active-profile'
import { ButtonBar } from '../../components/button-bar'
import { NeedsCustomer } from '../../components/needs-customer'
import { ErrorNotice } from '../../components/error-notice'
import { OpenReportButton } from '../report-viewer/open-report-button'
import { useOpenedReport } from '../report-viewer/opened-report-store'
import { ReportFailure } from '../report-viewer/report-failure'
import { ReportView } from '../report-viewer/report-view'
import { HistoryTimeline } from './history-timeline'
import { ReportActions } from './report-actions'
import { ChainWithDetails, DiagnoseSummary } from './result-panels'
import { ResultRecord } from './result-record'
import { SinceLastPassLine } from './since-last-pass'
import { useDoctorHistory } from './use-doctor-history'
import { useDoctorRun } from './use-doctor-run'

// The picture of the chain is drawn once the page is on screen.
const ChainPicture = lazy(() => import('./chain-picture').then((m) => ({ default: m.ChainPicture })))

const Subtle = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`

const Section = styled.div`
  margin-top: ${(p) => p.theme.space.lg};
`

/** A kept run being looked at instead of the current one. */
interface Viewing {
  runId: string
  result: DoctorResult
}

/** A kept run, read-only, with the way back to the current one. */
const PastRun = ({ viewing, customer, onBack, onOpenRun }: { viewing: Viewing; customer: string; onBack: () => void; onOpenRun: (runId: string) => void }) => (
  <div data-testid="history-run-view">
    <Notification type="info" data-testid="history-run-banner">
      <Notification.Title>
        A past run of {customer}, {dateTimeWords(viewing.result.startedAt)}
      </Notification.Title>
      <MD>Read-only: this is what that run found.</MD>
      <Button size="small" onClick={onBack} data-testid="history-back">
        Back to the latest run
      </Button>
    </Notification>
    <ResultRecord result={viewing.result} now={new Date(viewing.result.startedAt)} reason={`a run of ${dateTimeWords(viewing.result.startedAt)}`} onOpenRun={onOpenRun} />
  </div>
)

/**
 * Diagnose: one button checks every link of the chain for the active customer, the links turn
 * green, amber or red as they finish, the first broken one is named at the top in one sentence
 * with what changed since the customer last worked, the redacted support report can be exported
 * or copied, and every earlier run is a click away on the timeline.
 */
const LiveDiagnose = () => {
  const { profile } = useActiveProfile()
  const { links, result, error, running, run, cancel } = useDoctorRun(profile?.id ?? null)
  const [offline, setOffline] = useState(false)
  const [viewing, setViewing] = useState<Viewing | null>(null)
  const [viewError, setViewError] = useState<AppError | null>(null)
  const history = useDoctorHistory(profile?.id ?? null, `${profile?.id ?? ''}|${result?.startedAt ?? ''}|${running}`)

  if (!profile) {
    return (
      <>
        <NeedsCustomer title="Diagnose" why={"Diagnose checks one customer's whole chain, from the keychain to the channel bot. Add or choose that customer first."} testId="diagnose-empty" />
        <ReportFailure />
        <ButtonBar>
          <MD>Or open a support report someone sent:</MD>
          <OpenReportButton />
        </ButtonBar>
      </>
    )
  }

  const start = (): void => {
    setViewing(null)
    void run(offline)
  }
  const openRun = async (runId: string): Promise<void> => {
    setViewError(null)
    const r = await history.openRun(runId)
    if ('result' in r) setViewing({ runId, result: r.result })
    else setViewError(r.error)
  }

  return (
    <section aria-labelledby="diagnose-title">
      <XXL tag="h1" id="diagnose-title">
        Diagnose
      </XXL>
      <Subtle>
        Checks every link for <strong>{profile.name}</strong> ({accountLabel(profile)}): keychain → Zendesk → credentials → integration → webhook → webhook secret →
        duplicates → who gets the messages → gateway → test events → agent name → avatar → channel bot. It only reads Zendesk; the test events go to the gateway.
      </Subtle>

      <ButtonBar>
        <Button isPrimary onClick={start} disabled={running} data-testid="diagnose-run">
          {result ? 'Run again' : 'Run diagnose'}
        </Button>
        {running && (
          <>
            <Dots aria-hidden />
            <Button onClick={() => void cancel()} data-testid="diagnose-cancel">
              Cancel
            </Button>
          </>
        )}
        <Field>
          <Checkbox checked={offline} onChange={(e) => setOffline(e.target.checked)} disabled={running}>
            <Field.Label>Offline (skip everything that needs the network)</Field.Label>
          </Checkbox>
        </Field>
        <OpenReportButton />
      </ButtonBar>

      <ReportFailure />
      {viewError && <ErrorNotice title="That run could not be shown" error={viewError} onDismiss={() => setViewError(null)} />}
      {viewing ? (
        <PastRun viewing={viewing} customer={profile.name} onBack={() => setViewing(null)} onOpenRun={(id) => void openRun(id)} />
      ) : (
        <>
          {!running && result && <SinceLastPassLine since={result.sinceLastPass} now={new Date()} onOpenRun={(id) => void openRun(id)} />}
          <Suspense fallback={<div style={{ aspectRatio: '760 / 120', maxWidth: 760 }} />}>
            <ChainPicture links={links} />
          </Suspense>
          <DiagnoseSummary result={result} running={running} />
          {error && <ErrorNotice title="Diagnose could not run" error={error} />}
          <ChainWithDetails key={`chain-${result?.startedAt ?? 'live'}`} links={links} finished={Boolean(result)} profile={profile} onFixed={start} />
          <ReportActions key={`report-${result?.startedAt ?? 'none'}`} profileId={profile.id} disabled={running || !result} />
        </>
      )}

      <Section>
        <HistoryTimeline runs={history.runs} loading={history.loading} selected={viewing?.runId ?? null} onSelect={(id) => void openRun(id)} />
      </Section>
    </section>
  )
}

/** Diagnose, or a support report someone sent when one is open (read-only, in the same view). */
export const DiagnosePage = () => {
  const { opened } = useOpenedReport()
  const { profile } = useActiveProfile()
  // Another customer chosen: a past run of the previous one is no longer on screen.
  return opened ? <ReportView opened={opened} /> : <LiveDiagnose key={profile?.id ?? 'none'} />
}
