import { Tag } from '@zendeskgarden/react-tags'
import type { z } from 'zod'
import type { ZendeskVerdictSchema } from '../../../../shared/contract/test-events'

type Verdict = z.infer<typeof ZendeskVerdictSchema>

const LOOK: Record<Verdict, { hue: string; label: string }> = {
  accepted: { hue: 'green', label: 'Accepted by Zendesk' },
  dropped: { hue: 'red', label: 'Dropped for good' },
  retried: { hue: 'yellow', label: 'Would be retried' },
  'timed-out': { hue: 'yellow', label: 'Timed out (retried)' },
  unreachable: { hue: 'red', label: 'Unreachable (retried)' }
}

/** Zendesk's view of an answer in words and colour (never colour alone). */
export const VerdictTag = ({ verdict }: { verdict: Verdict }) => (
  <Tag hue={LOOK[verdict].hue} data-testid="verdict-tag" data-verdict={verdict}>
    {LOOK[verdict].label}
  </Tag>
)
