import { useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Select } from '@zendeskgarden/react-forms'
import { Progress } from '@zendeskgarden/react-loaders'
import { MD } from '@zendeskgarden/react-typography'
import { DOCTOR_ALL_CONCURRENCY, type DoctorAllResult } from '../../../../shared/contract/doctor'
import type { AppError } from '../../../../shared/result'
import { ErrorNotice } from '../../components/error-notice'

const Bar = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${(p) => p.theme.space.sm};
  margin-bottom: ${(p) => p.theme.space.sm};
`

const Meter = styled.div`
  flex: 1 1 200px;
  min-width: 160px;
`

const CHOICES = [1, 2, 4, 8, DOCTOR_ALL_CONCURRENCY.max].filter((n, i, a) => a.indexOf(n) === i)

const outcome = (r: DoctorAllResult): string => {
  const n = (s: string): number => r.profiles.filter((p) => p.status === s).length
  const parts = [`${n('pass')} passed`, `${n('warn')} with warnings`, `${n('fail')} failed`]
  if (n('skipped')) parts.push(`${n('skipped')} not diagnosed`)
  return `${r.cancelled ? 'Cancelled' : 'Done'}: ${r.profiles.length} customer${r.profiles.length === 1 ? '' : 's'}, ${parts.join(', ')}.`
}

export interface DiagnoseAllProps {
  running: boolean
  done: number
  total: number
  result: DoctorAllResult | null
  error: AppError | null
  onRun(concurrency: number): void
  onCancel(): void
}

/**
 * "Diagnose all": every customer side by side, a few at a time, with how far it is and a Cancel
 * that stops every running diagnose; each customer's row shows its own state as it goes.
 */
export const DiagnoseAll = ({ running, done, total, result, error, onRun, onCancel }: DiagnoseAllProps) => {
  const [concurrency, setConcurrency] = useState<number>(DOCTOR_ALL_CONCURRENCY.default)
  return (
    <div data-testid="diagnose-all-bar">
      <Bar>
        <Button isPrimary={false} onClick={() => onRun(concurrency)} disabled={running} data-testid="diagnose-all">
          Diagnose all
        </Button>
        <Field>
          <Field.Label hidden>Customers diagnosed at once</Field.Label>
          <Select value={concurrency} onChange={(e) => setConcurrency(Number(e.target.value))} disabled={running} isCompact data-testid="diagnose-all-concurrency">
            {CHOICES.map((n) => (
              <option key={n} value={n}>
                {n} at a time
              </option>
            ))}
          </Select>
        </Field>
        {running && (
          <>
            <Meter>
              <Progress value={total ? (done / total) * 100 : 0} aria-label={`Diagnosed ${done} of ${total} customers`} size="small" />
            </Meter>
            <MD data-testid="diagnose-all-progress">
              {done} of {total} done
            </MD>
            <Button onClick={onCancel} data-testid="diagnose-all-cancel">
              Cancel
            </Button>
          </>
        )}
      </Bar>
      <div role="status" aria-live="polite" data-testid="diagnose-all-summary">
        {!running && result && <MD>{outcome(result)}</MD>}
      </div>
      {error && <ErrorNotice title="Diagnose all could not run" error={error} />}
    </div>
  )
}
