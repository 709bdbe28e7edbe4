import { Tag } from '@zendeskgarden/react-tags'
import type { LinkView } from './use-doctor-run'

const LOOK: Record<LinkView['state'], { hue: string; label: string }> = {
  pending: { hue: 'grey', label: 'Waiting' },
  running: { hue: 'blue', label: 'Checking' },
  pass: { hue: 'green', label: 'Passed' },
  warn: { hue: 'yellow', label: 'Warning' },
  fail: { hue: 'red', label: 'Failed' },
  skipped: { hue: 'grey', label: 'Skipped' }
}

/** A link's state in words and colour (never colour alone). */
export const LinkStatus = ({ state }: { state: LinkView['state'] }) => (
  <Tag hue={LOOK[state].hue} data-status={state} size="small">
    {LOOK[state].label}
  </Tag>
)
