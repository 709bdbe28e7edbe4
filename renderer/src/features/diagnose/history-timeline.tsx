import { useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { getColor } from '@zendeskgarden/react-theming'
import { LG, MD, SM } from '@zendeskgarden/react-typography'
import type { HistoryRunSummary } from '../../../../shared/contract/doctor'
import { whenWords } from '../../../../shared/doctor/change-sentence'
import { HISTORY_LIMIT } from '../../../../shared/doctor/history'
import { StatusTag } from '../../components/status-tag'

const SHOWN = 8

const SOURCE: Record<HistoryRunSummary['source'], string> = { app: 'Diagnose', 'app-all': 'Diagnose all', cli: 'command line', 'cli-all': 'command line, every customer' }

const List = styled.ol`
  list-style: none;
  margin: ${(p) => p.theme.space.xs} 0 0;
  padding: 0;
  border-left: 2px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
`

const Entry = styled.button<{ $selected: boolean }>`
  display: grid;
  grid-template-columns: auto 1fr;
  gap: 2px 10px;
  width: 100%;
  margin: 2px 0 2px 8px;
  padding: 6px 10px;
  border-radius: 4px;
  border: 1px solid ${(p) => (p.$selected ? getColor({ theme: p.theme, variable: 'border.primaryEmphasis' }) : 'transparent')};
  background: ${(p) => (p.$selected ? getColor({ theme: p.theme, variable: 'background.subtle' }) : 'transparent')};
  color: inherit;
  font: inherit;
  text-align: left;
  cursor: pointer;
  &:hover {
    background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  }
  &:focus-visible {
    outline: 2px solid ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
  }
`

const Subtle = styled(SM)`
  grid-column: 2;
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`

const RunEntry = ({ run, selected, onSelect }: { run: HistoryRunSummary; selected: boolean; onSelect: () => void }) => (
  <li data-testid="history-run" data-run-id={run.id} data-verdict={run.cancelled ? 'cancelled' : run.verdict}>
    <Entry type="button" $selected={selected} aria-pressed={selected} onClick={onSelect}>
      <StatusTag status={run.cancelled ? 'skipped' : run.verdict} label={run.cancelled ? 'Cancelled' : undefined} size="small" />
      <MD>{whenWords(run.at, new Date()).replace(/^on /, '').replace(/^./, (c) => c.toUpperCase())}</MD>
      <Subtle>
        {run.firstFailure?.sentence ?? run.summary}
        {run.offline ? ' (offline)' : ''} · {SOURCE[run.source]}
      </Subtle>
    </Entry>
  </li>
)

/**
 * A customer's diagnose runs over time (the last 50 kept), newest first, each with its verdict;
 * selecting one shows it read-only in place of the current run.
 */
export const HistoryTimeline = ({ runs, selected, onSelect, loading }: { runs: HistoryRunSummary[]; selected: string | null; onSelect: (runId: string) => void; loading: boolean }) => {
  const [all, setAll] = useState(false)
  const shown = all ? runs : runs.slice(0, SHOWN)
  return (
    <section aria-labelledby="history-title" data-testid="doctor-history">
      <LG tag="h2" id="history-title">
        History
      </LG>
      <SM>Every diagnose of this customer is kept (the last {HISTORY_LIMIT}), from this app and the command line. Select one to see it as it was.</SM>
      {!loading && runs.length === 0 && <MD data-testid="history-empty">No diagnose of this customer is kept yet.</MD>}
      {runs.length > 0 && (
        <List aria-label="Diagnose runs, newest first">
          {shown.map((r) => (
            <RunEntry key={r.id} run={r} selected={r.id === selected} onSelect={() => onSelect(r.id)} />
          ))}
        </List>
      )}
      {runs.length > SHOWN && (
        <Button isLink size="small" onClick={() => setAll((a) => !a)} data-testid="history-show-all">
          {all ? 'Show fewer' : `Show all ${runs.length}`}
        </Button>
      )}
    </section>
  )
}
