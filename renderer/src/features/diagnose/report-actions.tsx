import { useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { MD } from '@zendeskgarden/react-typography'
import type { AppError } from '../../../../shared/result'
import { ButtonBar } from '../../components/button-bar'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'

/** Export or copy the last run's support report (secrets removed in main). */
export const ReportActions = ({ profileId, disabled }: { profileId: string; disabled: boolean }) => {
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
