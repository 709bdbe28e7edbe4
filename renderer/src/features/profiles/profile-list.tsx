import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Table } from '@zendeskgarden/react-tables'
import { Tag } from '@zendeskgarden/react-tags'
import { Code, MD } from '@zendeskgarden/react-typography'
import type { ProfileView } from '../../../../shared/contract/vault'
import { PROFILE_FIELD_LABELS, storedProfileIssues } from '../../../../shared/schemas/profile'
import { accountLabel, useActiveProfile } from '../../app/active-profile'
import { useNavigation } from '../../app/navigation'
import { DiagnoseAll } from '../diagnose/diagnose-all'
import { LastResultCell } from '../diagnose/last-result'
import { useDoctorAll } from '../diagnose/use-doctor-all'
import { useLastResults } from '../diagnose/use-last-results'
import { SecretBadge } from './secret-badge'

const Badges = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${(p) => p.theme.space.xxs};
`

const VisuallyHidden = styled.span`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`

const Actions = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${(p) => p.theme.space.xs};
  justify-content: flex-end;
`

interface Props {
  profiles: ProfileView[]
  activeProfileId: string | null
  sandboxProfileId: string | null
  onUse(p: ProfileView): void
  onEdit(p: ProfileView): void
  onDelete(p: ProfileView): void
}

/**
 * Every customer at a glance: which account and app each points at, whether its secrets are in the
 * keychain, which one is active, how its last diagnose went and when — and diagnosing them all,
 * switching, editing, deleting from the same list.
 */
export const ProfileList = ({ profiles, activeProfileId, sandboxProfileId, onUse, onEdit, onDelete }: Props) => {
  const last = useLastResults()
  const all = useDoctorAll(last.reload)
  const { select } = useActiveProfile()
  const { navigate } = useNavigation()
  const openInDiagnose = async (p: ProfileView): Promise<void> => {
    if (p.id !== activeProfileId) await select(p.id)
    navigate('diagnose')
  }
  return (
    <>
      <DiagnoseAll running={all.running} done={all.done} total={all.total} result={all.result} error={all.error} onRun={(n) => void all.run(n)} onCancel={() => void all.cancel()} />
      <Table aria-label="Customers" data-testid="profile-list">
        <Table.Head>
          <Table.HeaderRow>
            <Table.HeaderCell width="17%">Customer</Table.HeaderCell>
            <Table.HeaderCell width="15%">Account</Table.HeaderCell>
            <Table.HeaderCell width="11%">App ID</Table.HeaderCell>
            <Table.HeaderCell width="19%">Secrets</Table.HeaderCell>
            <Table.HeaderCell width="21%">Last diagnose</Table.HeaderCell>
            <Table.HeaderCell width="17%">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.HeaderCell>
          </Table.HeaderRow>
        </Table.Head>
        <Table.Body>
          {profiles.map((p) => {
            const active = p.id === activeProfileId
            return (
              <Table.Row key={p.id} data-testid="profile-row" data-profile-name={p.name} data-active={active}>
                <Table.Cell>
                  <MD isBold>{p.name}</MD>
                  <Badges>
                    {active && (
                      <Tag size="small" hue="primaryHue" data-testid="active-badge">
                        Active
                      </Tag>
                    )}
                    {storedProfileIssues(p).slice(0, 1).map((i) => (
                      <Tag key={i.field} size="small" hue="yellow" title={i.message} data-testid="needs-fix-badge">
                        Fix the {((PROFILE_FIELD_LABELS as Record<string, string>)[i.field] ?? i.field).toLowerCase()}
                      </Tag>
                    ))}
                    {p.id === sandboxProfileId && (
                      <Tag size="small" hue="kale" data-testid="sandbox-badge">
                        Built-in sandbox
                      </Tag>
                    )}
                  </Badges>
                </Table.Cell>
                <Table.Cell>{accountLabel(p)}</Table.Cell>
                <Table.Cell>
                  <Code size="small" title={p.appId}>
                    {p.appId.slice(0, 6)}…{p.appId.slice(-4)}
                  </Code>
                </Table.Cell>
                <Table.Cell>
                  <Badges>
                    <SecretBadge kind="keySecret" status={p.keySecretStatus} />
                    <SecretBadge kind="webhookSecret" status={p.webhookSecretStatus} />
                  </Badges>
                </Table.Cell>
                <Table.Cell>
                  <LastResultCell last={last.byProfile.get(p.id)} live={all.live.get(p.id)} />
                  {last.byProfile.has(p.id) && !all.running && (
                    <Button isLink size="small" onClick={() => void openInDiagnose(p)} aria-label={`Open ${p.name} in Diagnose`} data-testid="last-result-open">
                      Open in Diagnose
                    </Button>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <Actions>
                    {!active && (
                      <Button size="small" onClick={() => onUse(p)} aria-label={`Use ${p.name}`} data-testid="profile-use">
                        Use
                      </Button>
                    )}
                    <Button size="small" onClick={() => onEdit(p)} aria-label={`Edit ${p.name}`} data-testid="profile-edit">
                      Edit
                    </Button>
                    <Button size="small" onClick={() => onDelete(p)} aria-label={`Delete ${p.name}`} data-testid="profile-delete">
                      Delete
                    </Button>
                  </Actions>
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
    </>
  )
}
