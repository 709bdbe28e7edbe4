import { Button } from '@zendeskgarden/react-buttons'
import { Modal } from '@zendeskgarden/react-modals'
import type { ProfileView } from '../../../../shared/contract/vault'
import { accountLabel } from '../../app/active-profile'

/** Deleting a customer asks first, naming it and saying its keychain entries go too. */
export const DeleteProfileModal = ({ profile, backend, onConfirm, onCancel }: { profile: ProfileView; backend: string; onConfirm(): void; onCancel(): void }) => (
  <Modal onClose={onCancel} aria-label={`Delete ${profile.name}`} data-testid="delete-modal">
    <Modal.Header tag="h2" isDanger>
      Delete {profile.name}?
    </Modal.Header>
    <Modal.Body>
      The customer <strong>{profile.name}</strong> ({accountLabel(profile)}) is removed from this app, and its key secret and webhook secret are deleted
      from the {backend}. Nothing changes in the customer's Zendesk account. This cannot be undone; export the customer first if you may need it again.
    </Modal.Body>
    <Modal.Footer>
      <Modal.FooterItem>
        <Button isBasic onClick={onCancel}>
          Cancel
        </Button>
      </Modal.FooterItem>
      <Modal.FooterItem>
        <Button isPrimary isDanger onClick={onConfirm} data-testid="delete-confirm">
          Delete customer
        </Button>
      </Modal.FooterItem>
    </Modal.Footer>
    <Modal.Close aria-label="Close" />
  </Modal>
)
