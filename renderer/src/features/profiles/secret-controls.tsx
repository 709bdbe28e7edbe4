import { useRef, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Field, Input } from '@zendeskgarden/react-forms'
import { MD } from '@zendeskgarden/react-typography'
import { getColor } from '@zendeskgarden/react-theming'
import type { ProfileView, SecretStatus } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'
import { useKeychainStatus } from './keychain-status'
import { SecretBadge } from './secret-badge'
import { ConfirmModal } from '../../components/confirm-modal'
import { Row, Stack } from '../../components/stack'

type Kind = 'keySecret' | 'webhookSecret'
const LABEL: Record<Kind, string> = { keySecret: 'Key secret', webhookSecret: 'Webhook secret' }

const Group = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${(p) => p.theme.space.md};
  padding: ${(p) => p.theme.space.md};
  border-radius: ${(p) => p.theme.borderRadii.md};
  background: ${(p) => getColor({ theme: p.theme, variable: 'background.subtle' })};
`

const Hint = styled(MD)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  margin-top: -${(p) => p.theme.space.sm};
`

/**
 * One secret of a saved profile, write-only: where it is stored, and Replace / Remove / Copy. The
 * value is typed into a password field that is read once on save and emptied; it is never
 * displayed, kept in React state, or sent back by the core.
 */
const SecretRow = ({ profile, kind, status, backend, onChange }: { profile: ProfileView; kind: Kind; status: SecretStatus; backend: string; onChange(): void }) => {
  const [replacing, setReplacing] = useState(false)
  const [confirmRemove, setConfirmRemove] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const ref = useRef<HTMLInputElement>(null)
  const inputId = `${kind}-new-${profile.id}`

  const save = async (): Promise<void> => {
    const value = ref.current?.value ?? ''
    if (!value) return
    const r = await call('setSecret', { ref: profile.id, kind, value })
    if (ref.current) ref.current.value = ''
    if (!r.ok) return setError(r.error)
    setError(null)
    setReplacing(false)
    setNote(`${LABEL[kind]} stored in the ${backend}.`)
    onChange()
  }
  const remove = async (): Promise<void> => {
    setConfirmRemove(false)
    const r = await call('deleteSecret', { ref: profile.id, kind })
    if (!r.ok) return setError(r.error)
    setNote(`${LABEL[kind]} removed from the ${backend}.`)
    onChange()
  }
  const copy = async (): Promise<void> => {
    const r = await call('copySecretToClipboard', { ref: profile.id, kind })
    if (!r.ok) return setError(r.error)
    setNote(`${LABEL[kind]} copied. The clipboard is cleared in ${Math.round(r.value.clearsAfterMs / 1000)} s if it still holds it.`)
  }

  return (
    <Stack $gap="xs" data-testid={`secret-${kind}`}>
      <Row>
        <MD isBold>{LABEL[kind]}</MD>
        <SecretBadge kind={kind} status={status} />
        {status === 'present' && <MD data-testid={`${kind}-backend`}>Stored in the {backend}</MD>}
      </Row>
      <Row>
        {status !== 'unavailable' && (
          <Button size="small" onClick={() => setReplacing((v) => !v)} aria-expanded={replacing} data-testid={`${kind}-replace`}>
            {status === 'present' ? 'Replace' : `Enter ${LABEL[kind].toLowerCase()}`}
          </Button>
        )}
        {status === 'present' && (
          <>
            <Button size="small" onClick={() => void copy()} data-testid={`${kind}-copy`}>
              Copy
            </Button>
            <Button size="small" isDanger onClick={() => setConfirmRemove(true)} data-testid={`${kind}-remove`}>
              Remove
            </Button>
          </>
        )}
      </Row>
      {replacing && (
        <Row>
          <Field>
            <Field.Label htmlFor={inputId}>New {LABEL[kind].toLowerCase()}</Field.Label>
            <Input id={inputId} ref={ref} type="password" autoComplete="new-password" isCompact data-testid={`${kind}-new`} />
          </Field>
          <Button size="small" isPrimary onClick={() => void save()} data-testid={`${kind}-store`}>
            Store in keychain
          </Button>
        </Row>
      )}
      <div role="status" aria-live="polite" data-testid={`${kind}-note`}>
        {note}
      </div>
      {error && <ErrorNotice title={`The ${LABEL[kind].toLowerCase()} could not be changed`} error={error} onDismiss={() => setError(null)} />}
      {confirmRemove && (
        <ConfirmModal
          title={`Remove the ${LABEL[kind].toLowerCase()} of ${profile.name}?`}
          label={`Remove the ${LABEL[kind].toLowerCase()}`}
          confirmLabel="Remove"
          confirmTestId={`${kind}-remove-confirm`}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => void remove()}
        >
          The {LABEL[kind].toLowerCase()} is deleted from the {backend}. Actions on {profile.name}&apos;s account will fail until it is entered again.
        </ConfirmModal>
      )}
    </Stack>
  )
}

/** The secrets of a saved profile, as the edit form shows them. */
export const SecretControls = ({ profile }: { profile: ProfileView }) => {
  const { status: keychain } = useKeychainStatus()
  const [statuses, setStatuses] = useState({ keySecret: profile.keySecretStatus, webhookSecret: profile.webhookSecretStatus })
  const refresh = (): void => {
    void call('getSecretStatus', { ref: profile.id }).then((r) => {
      if (r.ok) setStatuses({ keySecret: r.value.keySecretStatus, webhookSecret: r.value.webhookSecretStatus })
    })
  }
  const backend = keychain?.backend ?? 'OS keychain'
  return (
    <Group role="group" aria-labelledby={`secrets-${profile.id}`}>
      <MD isBold id={`secrets-${profile.id}`}>
        Secrets in the {backend}
      </MD>
      <Hint>Write-only: you can replace, copy or remove them, but the app never displays them.</Hint>
      <SecretRow profile={profile} kind="keySecret" status={statuses.keySecret} backend={backend} onChange={refresh} />
      <SecretRow profile={profile} kind="webhookSecret" status={statuses.webhookSecret} backend={backend} onChange={refresh} />
    </Group>
  )
}
