import { useEffect, useRef, useState, type RefObject } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Dots } from '@zendeskgarden/react-loaders'
import { MD, XXL } from '@zendeskgarden/react-typography'
import PlusIcon from '@zendeskgarden/svg-icons/src/16/plus-stroke.svg?react'
import type { KeychainStatus, ProfileView, VaultStatus } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { useActiveProfile } from '../../app/active-profile'
import { ErrorNotice } from '../../components/error-notice'
import { DeleteProfileModal } from './delete-profile-modal'
import { KeychainBadge, KeychainStatusNotice, useKeychainStatus, type KeychainStatusState } from './keychain-status'
import { OrphanSecrets } from './orphan-secrets'
import { ProfileForm } from './profile-form'
import { ProfileList } from './profile-list'
import { TransferPanel } from './transfer-panel'
import { useProfiles } from './use-profiles'
import { useEditFromHash } from './use-edit-from-hash'
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

/** Where the focus goes once the list has been read again: a customer's row, or the row now at an index. */
type FocusTarget = { name: string } | { index: number } | { add: true } | null

/** A row's first control (its Use or Edit button), so the keyboard lands on the customer itself. */
const rowControl = (name: string): HTMLElement | null =>
  [...document.querySelectorAll<HTMLElement>('[data-testid="profile-row"]')].find((r) => r.dataset.profileName === name)?.querySelector<HTMLElement>('button') ?? null

/**
 * Keeps the focus on the list after it changes (set once the list has been read again): on the
 * customer just added or saved, on the row that took a deleted one's place, or on "Add a customer"
 * when the list is empty — never lost on the page's body.
 */
const useListFocus = (profiles: ProfileView[], addRef: RefObject<HTMLButtonElement>) => {
  const [target, setTarget] = useState<FocusTarget>(null)
  useEffect(() => {
    if (!target) return
    const el =
      'name' in target
        ? rowControl(target.name)
        : 'index' in target
          ? (document.querySelectorAll<HTMLElement>('[data-testid="profile-row"]')[Math.min(target.index, profiles.length - 1)]?.querySelector<HTMLElement>('button') ?? null)
          : null
    ;(el ?? addRef.current)?.focus()
    setTarget(null)
  }, [profiles, target, addRef])
  return setTarget
}

/** The title, "Add a customer", what a customer is, the keychain's badge, and what just happened. */
const PageHeader = ({ addRef, adding, onAdd, keychain, note }: { addRef: RefObject<HTMLButtonElement>; adding: boolean; onAdd(): void; keychain: KeychainStatus | null; note: string }) => (
  <div>
    <Header>
      <XXL tag="h1">Customers</XXL>
      <Button ref={addRef} isPrimary onClick={onAdd} disabled={adding} data-testid="add-customer">
        <Button.StartIcon>
          <PlusIcon />
        </Button.StartIcon>
        Add a customer
      </Button>
    </Header>
    <Row>
      <MD>Each customer is a Zendesk account and the Conversations API key the app works with. Secrets stay in the OS keychain.</MD>
      <KeychainBadge status={keychain} />
    </Row>
    <Note role="status" aria-live="polite" data-testid="profiles-note">
      {note}
    </Note>
  </div>
)

/** What is wrong before any customer is touched: the customers file, the keychain, a failed read or action. */
const PageNotices = ({
  vault,
  keychain,
  error,
  actionError,
  onDismissAction
}: {
  vault: VaultStatus | null
  keychain: KeychainStatusState
  error: AppError | null
  actionError: AppError | null
  onDismissAction(): void
}) => (
  <>
    {vault?.warnings.map((w, i) => (
      <div key={i} data-testid="vault-warning">
        <ErrorNotice title="Your customers file had a problem" error={w} />
      </div>
    ))}
    {keychain.status && !keychain.status.available && <KeychainStatusNotice status={keychain.status} error={keychain.error} onRecheck={keychain.reload} checking={keychain.checking} />}
    {error && <ErrorNotice title="Could not read the customers" error={error} />}
    {actionError && <ErrorNotice title="That did not work" error={actionError} onDismiss={onDismissAction} />}
  </>
)

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
  const addRef = useRef<HTMLButtonElement>(null)
  const focusAfterReload = useListFocus(profiles, addRef)

  // A fix elsewhere opens a customer's form at the field to correct (`#/profiles?edit=ID&field=…`).
  const focusField = useEditFromHash(profiles, (p) => setEditing({ mode: 'edit', profile: p }))

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
    const index = profiles.findIndex((x) => x.id === p.id)
    const r = await call('deleteProfile', { ref: p.id })
    if (!r.ok) {
      focusAfterReload({ name: p.name })
      return setActionError(r.error)
    }
    setNote(`${p.name} was deleted${r.value.secretsDeleted ? `, with ${r.value.secretsDeleted} keychain entr${r.value.secretsDeleted === 1 ? 'y' : 'ies'}` : ''}.`)
    if (editing?.mode === 'edit' && editing.profile.id === p.id) setEditing(null)
    await refreshAll()
    focusAfterReload({ index })
  }

  const backend = keychain.status?.backend ?? 'OS keychain'

  return (
    <Stack $gap="lg" data-testid="profiles-page">
      <PageHeader addRef={addRef} adding={editing?.mode === 'add'} onAdd={() => setEditing({ mode: 'add' })} keychain={keychain.status} note={note} />
      <PageNotices vault={vault} keychain={keychain} error={error} actionError={actionError} onDismissAction={() => setActionError(null)} />
      {editing && (
        <ProfileForm
          key={editing.mode === 'edit' ? editing.profile.id : 'add'}
          profile={editing.mode === 'edit' ? editing.profile : null}
          focusField={editing.mode === 'edit' ? focusField : null}
          onCancel={() => {
            // Back to where the form was opened from.
            focusAfterReload(editing.mode === 'edit' ? { name: editing.profile.name } : { add: true })
            setEditing(null)
          }}
          onSaved={(p) => {
            setNote(editing.mode === 'add' ? `${p.name} was added.` : `${p.name} was saved.`)
            setEditing(null)
            // Once the list shows it, the focus goes to the customer just added or saved.
            void refreshAll().then(() => focusAfterReload({ name: p.name }))
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
