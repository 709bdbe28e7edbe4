import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { getColor } from '@zendeskgarden/react-theming'
import { MD, SM } from '@zendeskgarden/react-typography'
import type { CheckChange, SinceLastPass } from '../../../../shared/contract/doctor'
import { checkDefinition } from '../../../../shared/doctor/chain'
import { describeChange, sinceLastPassSentence } from '../../../../shared/doctor/change-sentence'
import { StatusTag } from '../../components/status-tag'

const Box = styled.div`
  margin: ${(p) => p.theme.space.sm} 0;
  padding: ${(p) => p.theme.space.xs} ${(p) => p.theme.space.sm};
  border-left: 4px solid ${(p) => getColor({ theme: p.theme, variable: 'border.primaryEmphasis' })};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
  border-radius: 2px;
`

const Changes = styled.table`
  width: 100%;
  margin-top: ${(p) => p.theme.space.xs};
  border-collapse: collapse;
  font-size: ${(p) => p.theme.fontSizes.sm};
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 4px 8px 4px 0;
    overflow-wrap: anywhere;
  }
`

const Fields = ({ evidence }: { evidence: Record<string, unknown> }) => (
  <>
    {Object.entries(evidence).map(([k, v]) => (
      <SM key={k}>
        {k}: {JSON.stringify(v)}
      </SM>
    ))}
  </>
)

const ChangeRow = ({ c }: { c: CheckChange }) => (
  <tr data-testid={`since-change-${c.check}`}>
    <td>{checkDefinition(c.check).title}</td>
    <td>
      <StatusTag status={c.before.status} size="small" />
      <Fields evidence={c.before.evidence} />
    </td>
    <td>
      <StatusTag status={c.after.status} size="small" />
      <Fields evidence={c.after.evidence} />
    </td>
    <td>{describeChange(c) ?? 'Skipped: an earlier link did not pass.'}</td>
  </tr>
)

/**
 * The one line at the top of Diagnose: when this customer last worked and what changed since
 * ("It worked on Monday at 14:02; since then the webhook lost conversation:create"), with the
 * changed links, before and after, a click away. `now` is when the run was looked at (a report's
 * own date when it is one); `onOpenRun` opens the passing run it compares with.
 */
export const SinceLastPassLine = ({ since, now, onOpenRun }: { since: SinceLastPass | null | undefined; now: Date; onOpenRun?: (runId: string) => void }) => {
  const sentence = sinceLastPassSentence(since, now)
  if (!since || !sentence) return null
  return (
    <Box data-testid="diagnose-since-last-pass">
      <MD>{sentence}</MD>
      {since.changes.length > 0 && (
        <details>
          <summary>
            <SM tag="span">
              What changed ({since.changes.length} link{since.changes.length === 1 ? '' : 's'})
            </SM>
          </summary>
          <Changes aria-label="What changed since the last passing run">
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col">Then</th>
                <th scope="col">Now</th>
                <th scope="col">In words</th>
              </tr>
            </thead>
            <tbody>
              {since.changes.map((c) => (
                <ChangeRow key={c.check} c={c} />
              ))}
            </tbody>
          </Changes>
        </details>
      )}
      {since.runId && onOpenRun && (
        <Button isLink size="small" onClick={() => onOpenRun(since.runId as string)} data-testid="open-last-pass">
          See the run that passed
        </Button>
      )}
    </Box>
  )
}
