import { useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { LG, MD } from '@zendeskgarden/react-typography'
import type { SetupResult } from '../../../../shared/contract/setup'
import type { ProfileView } from '../../../../shared/contract/vault'
import { ButtonBar } from '../../components/button-bar'
import { ConfirmModal } from '../../components/confirm-modal'
import { WriteTarget } from '../../components/write-target'
import { pendingWork } from './outcome'
import { PlanTable } from './plan-table'

export const Section = styled.section`
  margin-top: 24px;
`

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** Deleting duplicates asks first, naming each one and the account. */
const DeleteDuplicatesModal = ({ result, profile, onCancel, onConfirm }: { result: SetupResult; profile: ProfileView; onCancel(): void; onConfirm(): void }) => {
  const { changes, deletions } = pendingWork(result)
  const items = result.plan.filter((p) => p.confirm === 'deleteDuplicates')
  return (
    <ConfirmModal
      title={`Delete ${plural(deletions, 'duplicate', 'duplicates')}?`}
      label="Delete duplicates"
      confirmLabel="Delete duplicates"
      testId="delete-duplicates-modal"
      confirmTestId="delete-duplicates-confirm"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <MD>These also send every conversation to the Aissist gateway, so each message arrives more than once:</MD>
      <ul>
        {items.map((d) => (
          <li key={d.id}>{d.before}</li>
        ))}
      </ul>
      <WriteTarget profile={profile} action="Delete in Zendesk" />
      <MD>This cannot be undone. {changes > 0 ? 'The other planned changes are applied too.' : ''}</MD>
    </ConfirmModal>
  )
}

/**
 * The plan as the admin decides on it: nothing to change, or the changes with the account named
 * beside the Apply button, and duplicates behind their own confirmation.
 */
export const PlanSection = ({ result, profile, onApply }: { result: SetupResult; profile: ProfileView; onApply(deleteDuplicates: boolean): void }) => {
  const [confirmDelete, setConfirmDelete] = useState(false)
  const { changes, deletions } = pendingWork(result)
  return (
    <Section aria-labelledby="plan-title">
      <LG tag="h2" id="plan-title">
        The plan
      </LG>
      {result.plan.length === 0 ? (
        <MD data-testid="plan-nothing">Nothing to change: the account already matches the setup guide.</MD>
      ) : (
        <PlanTable plan={result.plan} />
      )}
      {changes > 0 && (
        <>
          <WriteTarget profile={profile} action={`Apply ${plural(changes, 'change', 'changes')}`} />
          <ButtonBar>
            <Button isPrimary onClick={() => onApply(false)} data-testid="setup-apply">
              Apply {plural(changes, 'change', 'changes')}
            </Button>
          </ButtonBar>
        </>
      )}
      {deletions > 0 && (
        <ButtonBar>
          <Button isDanger onClick={() => setConfirmDelete(true)} data-testid="setup-delete-duplicates">
            Delete {plural(deletions, 'duplicate', 'duplicates')}…
          </Button>
        </ButtonBar>
      )}
      {confirmDelete && (
        <DeleteDuplicatesModal
          result={result}
          profile={profile}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false)
            onApply(true)
          }}
        />
      )}
    </Section>
  )
}
