import { Tag } from '@zendeskgarden/react-tags'
import type { SecretStatus } from '../../../../shared/contract/vault'

const LABEL: Record<'keySecret' | 'webhookSecret', string> = { keySecret: 'Key secret', webhookSecret: 'Webhook secret' }

/**
 * A secret's presence, never its value. A missing key secret reads "credentials missing": the
 * usual cause is an entry removed outside the app, and the fix is to enter it again.
 */
export const SecretBadge = ({ kind, status }: { kind: 'keySecret' | 'webhookSecret'; status: SecretStatus }) => {
  const text =
    status === 'present'
      ? `${LABEL[kind]} stored`
      : status === 'unavailable'
        ? `${LABEL[kind]}: keychain unavailable`
        : kind === 'keySecret'
          ? 'Credentials missing'
          : 'No webhook secret yet'
  const hue = status === 'present' ? 'successHue' : status === 'unavailable' ? 'warningHue' : kind === 'keySecret' ? 'dangerHue' : 'grey'
  return (
    <Tag size="small" hue={hue} data-testid={`${kind}-status`} data-status={status}>
      {text}
    </Tag>
  )
}
