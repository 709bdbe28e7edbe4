import { Tag } from '@zendeskgarden/react-tags'
import type { StepStatus } from '../../../../shared/contract/events'

const LOOK: Record<StepStatus, { hue: string; label: string }> = {
  pending: { hue: 'grey', label: 'Pending' },
  running: { hue: 'blue', label: 'Running' },
  passed: { hue: 'green', label: 'Passed' },
  warn: { hue: 'yellow', label: 'Warning' },
  failed: { hue: 'red', label: 'Failed' },
  skipped: { hue: 'grey', label: 'Skipped' },
  waiting: { hue: 'kale', label: 'Waiting for you' }
}

/** A step's status in words and colour (never colour alone), the same on every screen. */
export const StatusTag = ({ status }: { status: StepStatus }) => (
  <Tag hue={LOOK[status].hue} data-status={status}>
    {LOOK[status].label}
  </Tag>
)
