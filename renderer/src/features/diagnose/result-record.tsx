import type { DoctorResult } from '../../../../shared/contract/doctor'
import { DiagnoseReadOnlyContext } from './read-only'
import { ChainWithDetails, DiagnoseSummary, linksOf } from './result-panels'
import { SinceLastPassLine } from './since-last-pass'

/**
 * A finished run shown as a record, read-only: what changed since it last worked, the verdict,
 * the chain and each link's details, exactly as they were. Nothing on it acts or checks again.
 * A kept run and a report someone sent both look like this.
 */
export const ResultRecord = ({ result, now, reason, onOpenRun }: { result: DoctorResult; now: Date; reason: string; onOpenRun?: (runId: string) => void }) => (
  <DiagnoseReadOnlyContext.Provider value={{ readOnly: true, reason }}>
    <SinceLastPassLine since={result.sinceLastPass} now={now} onOpenRun={onOpenRun} />
    <DiagnoseSummary result={result} running={false} />
    <ChainWithDetails key={result.startedAt} links={linksOf(result)} finished />
  </DiagnoseReadOnlyContext.Provider>
)
