import type { ProfileView } from '../../../../shared/contract/vault'
import { accountLabel } from '../../app/active-profile'
import { ConfirmModal } from '../../components/confirm-modal'

/** Deleting a customer asks first, naming it and saying its keychain entries go too. */
export const DeleteProfileModal = ({ profile, backend, onConfirm, onCancel }: { profile: ProfileView; backend: string; onConfirm(): void; onCancel(): void }) => (
  <ConfirmModal
    title={`Delete ${profile.name}?`}
    label={`Delete ${profile.name}`}
    confirmLabel="Delete customer"
    onConfirm={onConfirm}
    onCancel={onCancel}
    testId="delete-modal"
    confirmTestId="delete-confirm"
  >
    The customer <strong>{profile.name}</strong> ({accountLabel(profile)}) is removed from this app, and its key secret and webhook secret are deleted from
    the {backend}. Nothing changes in the customer's Zendesk account. This cannot be undone; export the customer first if you may need it again.
  </ConfirmModal>
)
