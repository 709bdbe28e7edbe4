import { Fragment } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification, Well } from '@zendeskgarden/react-notifications'
import { MD, SM, XXL } from '@zendeskgarden/react-typography'
import type { DoctorReport, OpenedReport } from '../../../../shared/contract/doctor'
import { dateTimeWords } from '../../../../shared/doctor/change-sentence'
import { reportCustomerRows } from '../../../../shared/doctor/render'
import { ButtonBar } from '../../components/button-bar'
import { ResultRecord } from '../diagnose/result-record'
import { OpenReportButton } from './open-report-button'
import { closeReport } from './opened-report-store'
import { ReportFailure } from './report-failure'

const HOST: Record<string, string> = { electron: 'the desktop app', cli: 'the command line', harness: 'the browser test harness' }

const Facts = styled.dl`
  display: grid;
  grid-template-columns: max-content minmax(0, 1fr);
  gap: 4px 16px;
  margin: 0;
  dt {
    font-weight: ${(p) => p.theme.fontWeights.semibold};
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`

/** The customer's record as the report carries it (no secret, only whether each was stored). No picture is fetched. */
const CustomerFacts = ({ p }: { p: DoctorReport['profile'] }) => {
  // The report's own rows, minus the name (the heading shows it).
  const rows = reportCustomerRows(p).filter(([k]) => k !== 'Name')
  return (
    <Well isRecessed data-testid="report-customer">
      <Well.Title>The customer, as recorded in the report</Well.Title>
      <Facts>
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </Facts>
    </Well>
  )
}

/**
 * A support report someone sent, opened read-only in the Diagnose view: marked with when and by
 * which version it was made, the customer as recorded, and the chain exactly as that run found
 * it. Nothing here touches the network: no check runs, no picture loads.
 */
export const ReportView = ({ opened }: { opened: OpenedReport }) => {
  const r = opened.report
  const made = dateTimeWords(r.generatedAt)
  return (
    <section aria-labelledby="report-title" data-testid="report-view" data-format-version={opened.formatVersion}>
      <XXL tag="h1" id="report-title">
        Support report: {r.profile.name}
      </XXL>
      <Notification type="info" data-testid="report-origin">
        <Notification.Title>
          From a report made on {made} with version {r.app.version}
        </Notification.Title>
        <MD>
          Read-only: nothing was checked now. This is what that run found, on {r.app.platform} with {HOST[r.app.host] ?? r.app.host}
          {opened.fileName ? ` (file ${opened.fileName})` : ''}.
        </MD>
        {opened.formatVersion < r.version && (
          <SM data-testid="report-older-format">
            The file is in an older report format ({opened.formatVersion}), so it does not say what changed since the customer&apos;s last passing run.
          </SM>
        )}
      </Notification>
      <ButtonBar>
        <Button onClick={closeReport} data-testid="report-close">
          Close report
        </Button>
        <OpenReportButton label="Open another report…" />
      </ButtonBar>
      <ReportFailure />
      <CustomerFacts p={r.profile} />
      <ResultRecord result={r.result} now={new Date(r.generatedAt)} reason={`a report made on ${made}`} />
    </section>
  )
}
