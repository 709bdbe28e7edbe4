import { Button } from '@zendeskgarden/react-buttons'
import { Modal } from '@zendeskgarden/react-modals'
import type { ReactNode } from 'react'

export interface ConfirmModalProps {
  /** The question, naming what will happen ("Delete Acme Corp?"). */
  title: ReactNode
  /** Accessible name of the dialog. */
  label: string
  /** The consequences, in plain words. */
  children: ReactNode
  /** The verb on the confirm button ("Delete customer"). */
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
  /** Styles the title and the confirm button as destructive (default true). */
  isDanger?: boolean
  testId?: string
  confirmTestId?: string
}

/**
 * Every destructive or risky action asks first, the same way on every screen: the question, the
 * consequences, Cancel, and a confirm button that names the action.
 */
export const ConfirmModal = ({ title, label, children, confirmLabel, onConfirm, onCancel, isDanger = true, testId, confirmTestId }: ConfirmModalProps) => (
  <Modal onClose={onCancel} aria-label={label} data-testid={testId}>
    <Modal.Header tag="h2" isDanger={isDanger}>
      {title}
    </Modal.Header>
    <Modal.Body>{children}</Modal.Body>
    <Modal.Footer>
      <Modal.FooterItem>
        <Button isBasic onClick={onCancel}>
          Cancel
        </Button>
      </Modal.FooterItem>
      <Modal.FooterItem>
        <Button isPrimary isDanger={isDanger} onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </Button>
      </Modal.FooterItem>
    </Modal.Footer>
    <Modal.Close aria-label="Close" />
  </Modal>
)
