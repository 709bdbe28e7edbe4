import { Tag } from '@zendeskgarden/react-tags'
import type { TaskStatus } from '../../../shared/task/status'

const LOOK: Record<TaskStatus, { hue: string; label: string }> = {
  pending: { hue: 'grey', label: 'Not started' },
  running: { hue: 'blue', label: 'Running' },
  waiting: { hue: 'kale', label: 'Waiting' },
  pass: { hue: 'green', label: 'Passed' },
  warn: { hue: 'yellow', label: 'Warning' },
  fail: { hue: 'red', label: 'Failed' },
  skipped: { hue: 'grey', label: 'Skipped' }
}

/**
 * A step's status in words and colour (never colour alone), the same on every screen: setup's
 * steps, diagnose's links, the round trip. `label` says more than the status word where the
 * screen knows more (what a waiting step waits for).
 */
export const StatusTag = ({ status, label, size }: { status: TaskStatus; label?: string; size?: 'small' | 'medium' }) => (
  <Tag hue={LOOK[status].hue} data-status={status} size={size}>
    {label ?? LOOK[status].label}
  </Tag>
)
