import { useState } from 'react'
import styled from 'styled-components'
import { Notification, Well } from '@zendeskgarden/react-notifications'
import { MD } from '@zendeskgarden/react-typography'
import type { DoctorResult } from '../../../../shared/contract/doctor'
import type { ProfileView } from '../../../../shared/contract/vault'
import { ChainView } from './chain-view'
import { CheckDetails } from './check-details'
import type { LinkView } from './use-doctor-run'

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

/** The link to show first: the first failure, else the first warning, else (once finished) the first link. */
const defaultSelection = (links: LinkView[], finished: boolean): LinkView['id'] | null =>
  (links.find((l) => l.status === 'fail') ?? links.find((l) => l.status === 'warn') ?? (finished ? links[0] : undefined))?.id ?? null

/** A finished result's links, as the chain shows them. */
export const linksOf = (r: DoctorResult): LinkView[] => r.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, message: c.message, check: c }))

/** The verdict in one sentence: the first broken link, or that everything passed. */
export const DiagnoseSummary = ({ result, running }: { result: DoctorResult | null; running: boolean }) => (
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

/**
 * The chain beside the details of the selected link. The first broken link is selected when a
 * result arrives (give the component a new `key` per result). Fix buttons show only for a live run
 * of a customer on this computer (`profile`), never on a kept run or a report.
 */
export const ChainWithDetails = ({ links, finished, profile, onFixed }: { links: LinkView[]; finished: boolean; profile?: ProfileView; onFixed?: () => void }) => {
  const [chosen, setChosen] = useState<LinkView['id'] | null>(null)
  const selected = chosen ?? defaultSelection(links, finished)
  const current = links.find((l) => l.id === selected) ?? null
  return (
    <Layout>
      <ChainView links={links} selected={selected} onSelect={setChosen} />
      {current ? (
        <CheckDetails link={current} profile={profile} onFixed={onFixed} />
      ) : (
        <Well isRecessed>
          <Well.Title>Details</Well.Title>
          <MD>Select a link to see what was found, the evidence and what to do.</MD>
        </Well>
      )}
    </Layout>
  )
}
