import { lazy, Suspense, useEffect, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Checkbox } from '@zendeskgarden/react-forms'
import { Notification, Well } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { MD, XXL } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import type { DoctorResult } from '../../../../shared/contract/doctor'
import type { AppError } from '../../../../shared/result'
import { accountLabel, useActiveProfile } from '../../app/active-profile'
import { ButtonBar } from '../../components/button-bar'
import { NeedsCustomer } from '../../components/needs-customer'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'
import { ChainView } from './chain-view'
import { CheckDetails } from './check-details'
import { useDoctorRun, type LinkView } from './use-doctor-run'

// The picture of the chain is drawn once the page is on screen.
const ChainPicture = lazy(() => import('./chain-picture').then((m) => ({ default: m.ChainPicture })))


const Layout = styled.div`
  display: grid;
  grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 24px;
  align-items: start;
  margin-top: 16px;
  /* The chain and its details side by side only where both have room (the navigation takes 200 px). */
  @media (max-width: 1000px) {
    grid-template-columns: minmax(0, 1fr);
  }
`

const Subtle = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`

/** The link to show first: the first failure, else the first warning, else the first link. */
const defaultSelection = (links: LinkView[]): LinkView['id'] =>
  (links.find((l) => l.status === 'fail') ?? links.find((l) => l.status === 'warn') ?? links[0]).id

/** The verdict in one sentence: the first broken link, or that everything passed. */
const DiagnoseSummary = ({ result, running }: { result: DoctorResult | null; running: boolean }) => (
  <div role="status" aria-live="polite" data-testid="diagnose-summary">
    {running && <MD>Checking the chain…</MD>}
    {!running && result && (
      <Notification type={result.firstFailure ? 'error' : result.verdict === 'warn' ? 'warning' : 'success'} data-testid="diagnose-verdict" data-verdict={result.verdict}>
        <Notification.Title>{result.firstFailure ? 'Broken link found' : result.verdict === 'warn' ? 'Working, with warnings' : 'Every check passed'}</Notification.Title>
        <span data-testid="diagnose-first-failure">{result.firstFailure ? result.firstFailure.sentence : result.summary}</span>
        {result.firstFailure && <MD>{result.summary}.</MD>}
        {result.offline && <MD>This machine was treated as offline: network checks were skipped.</MD>}
        {result.cancelled && <MD>The run was cancelled.</MD>}
      </Notification>
    )}
  </div>
)

/** Export or copy the last run's support report (secrets removed in main). */
const ReportActions = ({ profileId, disabled }: { profileId: string; disabled: boolean }) => {
  const [notice, setNotice] = useState<string | null>(null)
  const [actionError, setActionError] = useState<AppError | null>(null)
  const exportReport = async (format: 'md' | 'json'): Promise<void> => {
    setNotice(null)
    setActionError(null)
    const r = await call('exportDoctorReport', { profileRef: profileId, format })
    if (!r.ok) setActionError(r.error)
    else setNotice(r.value.saved ? `Report saved: ${r.value.paths.join(', ')}` : 'Export cancelled.')
  }
  const copyReport = async (): Promise<void> => {
    setNotice(null)
    setActionError(null)
    const r = await call('copyDoctorReport', { profileRef: profileId })
    if (!r.ok) setActionError(r.error)
    else setNotice('Report copied to the clipboard (secrets removed).')
  }
  return (
    <>
      <ButtonBar>
        <Button onClick={() => void exportReport('md')} disabled={disabled} data-testid="diagnose-export-md">
          Export report (Markdown)
        </Button>
        <Button onClick={() => void exportReport('json')} disabled={disabled} data-testid="diagnose-export-json">
          Export report (JSON)
        </Button>
        <Button isBasic onClick={() => void copyReport()} disabled={disabled} data-testid="diagnose-copy">
          Copy report
        </Button>
      </ButtonBar>
      <div role="status" aria-live="polite" data-testid="diagnose-notice">
        {notice && <MD>{notice}</MD>}
      </div>
      {actionError && <ErrorNotice title="The report could not be exported" error={actionError} />}
    </>
  )
}

/**
 * Diagnose: one button checks every link of the chain for the active customer, the links turn
 * green, amber or red as they finish, the first broken one is named at the top in one sentence,
 * and the redacted support report can be exported or copied for a ticket.
 */
export const DiagnosePage = () => {
  const { profile } = useActiveProfile()
  const { links, result, error, running, run, cancel } = useDoctorRun(profile?.id ?? null)
  const [selected, setSelected] = useState<LinkView['id'] | null>(null)
  const [offline, setOffline] = useState(false)

  useEffect(() => {
    if (result) setSelected((s) => s ?? defaultSelection(links))
  }, [result, links])

  if (!profile) {
    return <NeedsCustomer title="Diagnose" why={"Diagnose checks one customer's whole chain, from the keychain to the channel bot. Add or choose that customer first."} testId="diagnose-empty" />
  }

  const start = (): void => {
    setSelected(null)
    void run(offline)
  }
  const current = links.find((l) => l.id === selected) ?? null

  return (
    <section aria-labelledby="diagnose-title">
      <XXL tag="h1" id="diagnose-title">
        Diagnose
      </XXL>
      <Subtle>
        Checks every link for <strong>{profile.name}</strong> ({accountLabel(profile)}): keychain → Zendesk → credentials → integration → webhook → duplicates
        → gateway → test events → agent name → avatar → channel bot. It only reads Zendesk; the test events go to the gateway.
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
      </ButtonBar>

      <Suspense fallback={<div style={{ aspectRatio: '760 / 120', maxWidth: 760 }} />}>
        <ChainPicture links={links} />
      </Suspense>
      <DiagnoseSummary result={result} running={running} />
      {error && <ErrorNotice title="Diagnose could not run" error={error} />}

      <Layout>
        <ChainView links={links} selected={selected} onSelect={setSelected} />
        {current ? (
          <CheckDetails link={current} />
        ) : (
          <Well isRecessed>
            <Well.Title>Details</Well.Title>
            <MD>Select a link to see what was found, the evidence and what to do.</MD>
          </Well>
        )}
      </Layout>

      <ReportActions key={result?.startedAt ?? 'no-result'} profileId={profile.id} disabled={running || !result} />
    </section>
  )
}
