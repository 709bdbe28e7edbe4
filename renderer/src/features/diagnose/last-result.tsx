import styled from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { SM } from '@zendeskgarden/react-typography'
import type { DoctorAllProgress, LastResult } from '../../../../shared/contract/doctor'
import { whenWords } from '../../../../shared/doctor/change-sentence'
import { StatusTag } from '../../components/status-tag'

const Cell = styled.div`
  display: grid;
  gap: 2px;
  justify-items: start;
  min-width: 0;
`

const Subtle = styled(SM)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  overflow: hidden;
  text-overflow: ellipsis;
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
`

const VERDICT_LABEL: Record<LastResult['verdict'], string> = { pass: 'Passed', warn: 'Warnings', fail: 'Failed' }

/**
 * A customer's last diagnose in the Customers list: its verdict and when, and the first broken
 * link in a line; while "Diagnose all" runs, that customer's live state instead.
 */
export const LastResultCell = ({ last, live }: { last: LastResult | undefined; live: DoctorAllProgress | undefined }) => {
  if (live && (live.status === 'pending' || live.status === 'running')) {
    return (
      <Cell data-testid="last-result" data-status={live.status}>
        <StatusTag status={live.status} label={live.status === 'pending' ? 'Waiting its turn' : `Checking ${live.checksDone} of ${live.checksTotal}`} size="small" />
      </Cell>
    )
  }
  if (live?.status === 'skipped' && !last) {
    return (
      <Cell data-testid="last-result" data-status="skipped">
        <StatusTag status="skipped" label="Not diagnosed (cancelled)" size="small" />
      </Cell>
    )
  }
  if (!last) {
    return (
      <Cell data-testid="last-result" data-status="none">
        <Subtle>Never diagnosed</Subtle>
      </Cell>
    )
  }
  return (
    <Cell data-testid="last-result" data-status={last.verdict} title={last.firstFailure?.sentence}>
      <StatusTag status={last.verdict} label={VERDICT_LABEL[last.verdict]} size="small" />
      <Subtle>{whenWords(last.at, new Date()).replace(/^./, (c) => c.toUpperCase())}</Subtle>
      {last.firstFailure && <Subtle data-testid="last-result-failure">{last.firstFailure.sentence}</Subtle>}
    </Cell>
  )
}
