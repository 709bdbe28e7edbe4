import { useCallback, useEffect, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Tag } from '@zendeskgarden/react-tags'
import { MD } from '@zendeskgarden/react-typography'
import type { KeychainStatus } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'
import { Row, Stack } from '../../components/stack'

/** What the keychain status hook gives a screen: the status, a failed call, and "check again". */
export interface KeychainStatusState {
  status: KeychainStatus | null
  error: AppError | null
  /** True while a check runs (the first one, or "Check again"). */
  checking: boolean
  reload(): void
}

/** The keychain's status, read once per screen and again on "Check again", shared by Start, Customers and About. */
export const useKeychainStatus = (): KeychainStatusState => {
  const [status, setStatus] = useState<KeychainStatus | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [checking, setChecking] = useState(true)
  const reload = useCallback(() => {
    setChecking(true)
    void call('getKeychainStatus', {}).then((r) => {
      setChecking(false)
      if (r.ok) {
        setStatus(r.value)
        setError(null)
      } else setError(r.error)
    })
  }, [])
  useEffect(reload, [reload])
  return { status, error, checking, reload }
}

/** What the app shows when the sandbox's made-up secrets live in memory instead of the keychain. */
export const SANDBOX_IN_MEMORY_TEXT = "The built-in sandbox still works: its made-up secrets are kept in memory for this session, never on disk."

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
      {status.backend}: {status.error?.code === 'keychain-locked' ? 'locked' : 'unavailable'}
    </Tag>
  )

/** "Check again" beside a keychain problem: the fix happens outside the app, so the app must be able to look again. */
export const CheckAgainButton = ({ onRecheck, checking }: { onRecheck: () => void; checking: boolean }) => (
  <Button size="small" onClick={onRecheck} disabled={checking} data-testid="keychain-check-again">
    {checking ? 'Checking…' : 'Check again'}
  </Button>
)

const unavailableTitle = (status: KeychainStatus): string =>
  status.error?.code === 'keychain-locked'
    ? `The ${status.backend === 'Secret Service' ? 'keyring' : status.backend} is locked — real customers' secrets cannot be read or stored`
    : `The ${status.backend} is unavailable — real customers' secrets cannot be stored`

/**
 * The keychain's status where it matters: a quiet confirmation when it answers, and when it does
 * not, what failed, how to fix it and "Check again" (secrets are never kept anywhere else, so this
 * blocks real customers; the sandbox's made-up secrets are kept in memory, and it says so).
 */
export const KeychainStatusNotice = ({ status, error, onRecheck, checking = false }: { status: KeychainStatus | null; error: AppError | null; onRecheck?: () => void; checking?: boolean }) => {
  const again = onRecheck ? <CheckAgainButton onRecheck={onRecheck} checking={checking} /> : null
  if (error) {
    return (
      <Stack $gap="xs" data-testid="keychain-status" data-state="error">
        <ErrorNotice title="Could not check the keychain" error={error} />
        {again}
      </Stack>
    )
  }
  if (!status) return <div role="status" aria-live="polite" data-testid="keychain-status">Checking the keychain…</div>
  if (status.available) {
    return (
      <Notification type="success" data-testid="keychain-status" data-state="available">
        <Notification.Title>Keychain ready</Notification.Title>
        Secrets are stored in the {status.backend}, never in a file. Nothing secret is shown on screen.
        {status.sandboxInMemory && <MD data-testid="keychain-sandbox-memory">The sandbox&apos;s made-up secrets from earlier in this session are still kept in memory.</MD>}
      </Notification>
    )
  }
  return (
    <Stack $gap="xs" data-testid="keychain-status" data-state="unavailable" data-code={status.error?.code ?? 'keychain-unavailable'}>
      <ErrorNotice
        title={unavailableTitle(status)}
        error={status.error ?? { code: 'keychain-unavailable', message: `The ${status.backend} did not answer.`, fix: 'Unlock or start the keychain, then check again.' }}
      />
      <Row>
        {again}
        {status.sandboxInMemory && <MD data-testid="keychain-sandbox-memory">{SANDBOX_IN_MEMORY_TEXT}</MD>}
      </Row>
    </Stack>
  )
}
