import { useCallback, useEffect, useState } from 'react'
import { Notification } from '@zendeskgarden/react-notifications'
import { Tag } from '@zendeskgarden/react-tags'
import type { KeychainStatus } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'

/** The keychain's status, read once per screen (and again after a fix), shared by Start, Customers and About. */
export const useKeychainStatus = (): { status: KeychainStatus | null; error: AppError | null; reload(): void } => {
  const [status, setStatus] = useState<KeychainStatus | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const reload = useCallback(() => {
    void call('getKeychainStatus', {}).then((r) => {
      if (r.ok) {
        setStatus(r.value)
        setError(null)
      } else setError(r.error)
    })
  }, [])
  useEffect(reload, [reload])
  return { status, error, reload }
}

/** A one-line badge: which OS store holds the secrets, and whether it answers. */
export const KeychainBadge = ({ status }: { status: KeychainStatus | null }) =>
  status === null ? (
    <Tag hue="grey" data-testid="keychain-badge" data-state="checking">
      Checking the keychain…
    </Tag>
  ) : status.available ? (
    <Tag hue="successHue" data-testid="keychain-badge" data-state="available">
      {status.backend}: available
    </Tag>
  ) : (
    <Tag hue="dangerHue" data-testid="keychain-badge" data-state="unavailable">
      {status.backend}: unavailable
    </Tag>
  )

/**
 * The keychain's status where it matters: a quiet confirmation when it answers, and when it does
 * not, what failed and how to fix it (secrets are never kept anywhere else, so this blocks them).
 */
export const KeychainStatusNotice = ({ status, error }: { status: KeychainStatus | null; error: AppError | null }) => {
  if (error) return <ErrorNotice title="Could not check the keychain" error={error} />
  if (!status) return <div role="status" aria-live="polite" data-testid="keychain-status">Checking the keychain…</div>
  if (status.available) {
    return (
      <Notification type="success" data-testid="keychain-status" data-state="available">
        <Notification.Title>Keychain ready</Notification.Title>
        Secrets are stored in the {status.backend}, never in a file. Nothing secret is shown on screen.
      </Notification>
    )
  }
  return (
    <div data-testid="keychain-status" data-state="unavailable">
      <ErrorNotice
        title={`The ${status.backend} is unavailable — secrets cannot be stored`}
        error={status.error ?? { code: 'keychain-unavailable', message: `The ${status.backend} did not answer.`, fix: 'Unlock or start the keychain, then reopen this screen.' }}
      />
    </div>
  )
}
