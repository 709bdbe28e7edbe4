import { useEffect, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { MD, XXL } from '@zendeskgarden/react-typography'
import PlusIcon from '@zendeskgarden/svg-icons/src/16/plus-stroke.svg?react'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { useActiveProfile } from '../../app/active-profile'
import { ErrorNotice } from '../../components/error-notice'
import { DeleteProfileModal } from './delete-profile-modal'
import { KeychainBadge, KeychainStatusNotice, useKeychainStatus } from './keychain-status'
import { OrphanSecrets } from './orphan-secrets'
import { ProfileForm } from './profile-form'
import { ProfileList } from './profile-list'
import { TransferPanel } from './transfer-panel'
import { useProfiles } from './use-profiles'
import { Row, Stack } from '../../components/stack'

const Header = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: ${(p) => p.theme.space.md};
  flex-wrap: wrap;
  margin-bottom: ${(p) => p.theme.space.sm};
`

const Note = styled.div`
  margin-top: ${(p) => p.theme.space.sm};
  font-weight: ${(p) => p.theme.fontWeights.semibold};
  &:empty {
    display: none;
  }
`

type Editing = { mode: 'add' } | { mode: 'edit'; profile: ProfileView } | null

/**
 * The customers (profiles): which Zendesk account and app each one points at, their secrets'
 * presence in the keychain, switching the active one, adding and editing with inline validation,
 * deleting with a confirmation, export/import, and keychain leftovers. Nothing here ever shows a
 * secret.
 */
export const ProfilesPage = () => {
  const { profiles, activeProfileId, sandboxProfileId, vault, loading, error, reload } = useProfiles()
  const keychain = useKeychainStatus()
  const active = useActiveProfile()
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<ProfileView | null>(null)
  const [actionError, setActionError] = useState<AppError | null>(null)
  const [note, setNote] = useState('')
  const [reloadKey, setReloadKey] = useState(0)

  // "Add a customer" from the Start page opens the form straight away.
  useEffect(() => {
    if (sessionStorage.getItem('aissist-open-add') === '1') {
      sessionStorage.removeItem('aissist-open-add')
      setEditing({ mode: 'add' })
    }
  }, [])

  const refreshAll = async (): Promise<void> => {
    await reload()
    await active.refresh()
    setReloadKey((k) => k + 1)
  }

  const use = async (p: ProfileView): Promise<void> => {
    await active.select(p.id)
    setNote(`${p.name} is now the active customer.`)
    await reload()
  }

  const confirmDelete = async (): Promise<void> => {
    const p = deleting
    setDeleting(null)
    if (!p) return
    const r = await call('deleteProfile', { ref: p.id })
    if (!r.ok) return setActionError(r.error)
    setNote(`${p.name} was deleted${r.value.secretsDeleted ? `, with ${r.value.secretsDeleted} keychain entr${r.value.secretsDeleted === 1 ? 'y' : 'ies'}` : ''}.`)
    if (editing?.mode === 'edit' && editing.profile.id === p.id) setEditing(null)
    await refreshAll()
  }

  const backend = keychain.status?.backend ?? 'OS keychain'

  return (
    <Stack $gap="lg" data-testid="profiles-page">
      <div>
        <Header>
          <XXL tag="h1">Customers</XXL>
          <Button isPrimary onClick={() => setEditing({ mode: 'add' })} disabled={editing?.mode === 'add'} data-testid="add-customer">
            <Button.StartIcon>
              <PlusIcon />
            </Button.StartIcon>
            Add a customer
          </Button>
        </Header>
        <Row>
          <MD>Each customer is a Zendesk account and the Conversations API key the app works with. Secrets stay in the OS keychain.</MD>
          <KeychainBadge status={keychain.status} />
        </Row>
        <Note role="status" aria-live="polite" data-testid="profiles-note">
          {note}
        </Note>
      </div>

      {vault?.warnings.map((w, i) => (
        <div key={i} data-testid="vault-warning">
          <ErrorNotice title="Your customers file had a problem" error={w} />
        </div>
      ))}
      {keychain.status && !keychain.status.available && <KeychainStatusNotice status={keychain.status} error={keychain.error} onRecheck={keychain.reload} checking={keychain.checking} />}
      {error && <ErrorNotice title="Could not read the customers" error={error} />}
      {actionError && <ErrorNotice title="That did not work" error={actionError} onDismiss={() => setActionError(null)} />}
      {editing && (
        <ProfileForm
          key={editing.mode === 'edit' ? editing.profile.id : 'add'}
          profile={editing.mode === 'edit' ? editing.profile : null}
          onCancel={() => setEditing(null)}
          onSaved={(p) => {
            setNote(editing.mode === 'add' ? `${p.name} was added.` : `${p.name} was saved.`)
            setEditing(null)
            void refreshAll()
          }}
        />
      )}

      {loading ? (
        <Dots aria-label="Loading customers" />
      ) : profiles.length === 0 ? (
        !editing && (
          <Notification type="info" data-testid="profiles-empty">
            <Notification.Title>No customers yet</Notification.Title>
            Add a customer with their Zendesk subdomain and Conversations API key, or try the built-in sandbox from the Start page.
          </Notification>
        )
      ) : (
        <ProfileList
          profiles={profiles}
          activeProfileId={activeProfileId}
          sandboxProfileId={sandboxProfileId}
          onUse={(p) => void use(p)}
          onEdit={(p) => setEditing({ mode: 'edit', profile: p })}
          onDelete={(p) => setDeleting(p)}
        />
      )}

      <TransferPanel onImported={() => void refreshAll()} />
      <OrphanSecrets reloadKey={reloadKey} />

      {deleting && <DeleteProfileModal profile={deleting} backend={backend} onCancel={() => setDeleting(null)} onConfirm={() => void confirmDelete()} />}
    </Stack>
  )
}
