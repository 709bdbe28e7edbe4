import { Tag } from '@zendeskgarden/react-tags'
import type { AvatarCheckResult } from '../../../../shared/contract/avatar'

const TEXT: Record<AvatarCheckResult['verdict'], { label: string; hue: string }> = {
  ok: { label: 'Works in chat', hue: 'successHue' },
  'needs-attention': { label: 'Needs attention', hue: 'warningHue' },
  'not-public': { label: 'Not public', hue: 'dangerHue' },
  'not-an-image': { label: 'Not an image', hue: 'dangerHue' },
  unreachable: { label: 'Unreachable', hue: 'dangerHue' }
}

/** The check's one-word answer, coloured by how bad it is. */
export const VerdictBadge = ({ verdict }: { verdict: AvatarCheckResult['verdict'] }) => (
  <Tag hue={TEXT[verdict].hue} data-testid="avatar-verdict" data-verdict={verdict}>
    {TEXT[verdict].label}
  </Tag>
)
