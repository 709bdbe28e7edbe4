import { ErrorNotice } from '../../components/error-notice'
import { dismissReportFailure, useOpenedReport } from './opened-report-store'

/** Why the last file dropped or chosen could not be opened as a report (what it is, what to ask for). */
export const ReportFailure = () => {
  const { failed } = useOpenedReport()
  if (!failed) return null
  return (
    <div data-testid="report-failure">
      <ErrorNotice title={`"${failed.fileName}" could not be opened as a support report`} error={failed.error} onDismiss={dismissReportFailure} />
    </div>
  )
}
