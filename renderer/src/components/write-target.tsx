import { Notification } from '@zendeskgarden/react-notifications'
import type { ProfileView } from '../../../shared/contract/vault'
import { accountLabel } from '../app/active-profile'

/**
 * Shown beside every button that writes to Zendesk: the customer, the account and the app ID the
 * write goes to, so nobody changes the wrong customer's account on a busy day.
 */
export const WriteTarget = ({ profile, action }: { profile: ProfileView; action: string }) => (
  <Notification type="warning" data-testid="write-target">
    <Notification.Title>{action}</Notification.Title>
    This writes to <strong>{profile.name}</strong> — {accountLabel(profile)}, app ID <code>{profile.appId}</code>.
  </Notification>
)
