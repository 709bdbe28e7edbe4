import { useEffect, useRef, useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { LG, MD } from '@zendeskgarden/react-typography'
import type { SetupResult } from '../../../../shared/contract/setup'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { SetupRepair } from '../../../../shared/fix-actions'
import { ButtonBar } from '../../components/button-bar'
import { ConfirmModal } from '../../components/confirm-modal'
import { RecreateWebhookModal } from '../../components/fix-actions'
import { WriteTarget } from '../../components/write-target'
import { pendingWork } from './outcome'
import { PlanTable } from './plan-table'
import type { SetupConfirmations } from './use-setup-run'

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

type Asking = 'delete' | 'recreate' | null

/**
 * The plan as the admin decides on it: nothing to change, or the changes with the account named
 * beside the Apply button; duplicates and a webhook to recreate behind their own confirmation.
 * Opened from a fix elsewhere (`preselect`), the matching confirmation opens (or Apply gets focus).
 */
export const PlanSection = ({ result, profile, onApply, preselect }: { result: SetupResult; profile: ProfileView; onApply(confirmed: SetupConfirmations): void; preselect?: SetupRepair | null }) => {
  const [asking, setAsking] = useState<Asking>(null)
  const applyRef = useRef<HTMLButtonElement>(null)
  const { changes, recreate, deletions } = pendingWork(result)

  useEffect(() => {
    if (preselect === 'recreate-webhook' && recreate > 0) setAsking('recreate')
    else if (preselect === 'delete-duplicates' && deletions > 0) setAsking('delete')
    else if (preselect === 'apply' && changes > 0) applyRef.current?.focus()
    // Only when the plan arrives with a preselected repair.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, preselect])

  const recreateItem = result.plan.find((p) => p.confirm === 'recreateWebhook')
  return (
    <Section aria-labelledby="plan-title">
      <LG tag="h2" id="plan-title">
        The plan
      </LG>
      {result.plan.length === 0 ? <MD data-testid="plan-nothing">Nothing to change: the account already matches the setup guide.</MD> : <PlanTable plan={result.plan} />}
      {(changes > 0 || recreate > 0) && <WriteTarget profile={profile} action={changes > 0 ? `Apply ${plural(changes, 'change', 'changes')}` : 'Recreate the webhook'} />}
      <ButtonBar>
        {changes > 0 && (
          <Button ref={applyRef} isPrimary onClick={() => onApply({})} data-testid="setup-apply">
            Apply {plural(changes, 'change', 'changes')}
          </Button>
        )}
        {recreate > 0 && (
          <Button isDanger onClick={() => setAsking('recreate')} data-testid="setup-recreate-webhook">
            Recreate the webhook…
          </Button>
        )}
        {deletions > 0 && (
          <Button isDanger onClick={() => setAsking('delete')} data-testid="setup-delete-duplicates">
            Delete {plural(deletions, 'duplicate', 'duplicates')}…
          </Button>
        )}
      </ButtonBar>
      {asking === 'delete' && (
        <DeleteDuplicatesModal
          result={result}
          profile={profile}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null)
            onApply({ deleteDuplicates: true })
          }}
        />
      )}
      {asking === 'recreate' && (
        <RecreateWebhookModal
          profile={profile}
          reason={recreateItem?.reason ?? 'version'}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null)
            onApply({ recreateWebhook: true })
          }}
        />
      )}
    </Section>
  )
}
