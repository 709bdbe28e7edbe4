import { useCallback, useEffect, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Table } from '@zendeskgarden/react-tables'
import { Code, LG, MD } from '@zendeskgarden/react-typography'
import type { OrphanReport } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ConfirmModal } from '../../components/confirm-modal'
import { ErrorNotice } from '../../components/error-notice'
import { Row } from '../../components/stack'

type Orphan = OrphanReport['orphans'][number]

const kindLabel = (kind: string): string => (kind === 'keySecret' ? 'Key secret' : kind === 'webhookSecret' ? 'Webhook secret' : 'Unknown entry')

/** What is left alone, in words (other data folders, a moved-aside customers file, older entries). */
const keptSentence = (kept: OrphanReport['kept']): string | null => {
  if (!kept) return null
  const parts = [
    kept.otherFolders ? `${kept.otherFolders} of other data folders` : '',
    kept.movedAside ? `${kept.movedAside} of a customers file that was moved aside` : '',
    kept.unclaimed ? `${kept.unclaimed} this app cannot match to a customer here` : ''
  ].filter(Boolean)
  return parts.length ? `Left alone, never removed from here: ${parts.join(', ')}.` : null
}

/** The confirmation lists exactly the entries that will be removed, nothing else. */
const RemoveModal = ({ entries, onConfirm, onCancel }: { entries: Orphan[]; onConfirm(): void; onCancel(): void }) => (
  <ConfirmModal
    title={`Remove ${entries.length} keychain entr${entries.length === 1 ? 'y' : 'ies'}?`}
    label="Remove keychain entries"
    confirmLabel={entries.length === 1 ? 'Remove entry' : `Remove ${entries.length} entries`}
    onConfirm={onConfirm}
    onCancel={onCancel}
    testId="orphans-modal"
    confirmTestId="orphans-confirm"
  >
    <MD>
      {entries.length === 1 ? 'This secret' : 'These secrets'} will be deleted from the keychain: {entries.length === 1 ? 'it belongs' : 'they belong'} to no customer
      in this data folder. This cannot be undone.
    </MD>
    <ul data-testid="orphans-to-remove">
      {entries.map((o) => (
        <li key={o.account}>
          <Code>{o.account}</Code> — {kindLabel(o.kind)}
        </li>
      ))}
    </ul>
  </ConfirmModal>
)

/**
 * Keychain entries of this data folder left behind by a customer that no longer exists (deleted
 * while the keychain was locked, say). Shown only when there are some; removing asks first, listing
 * exactly what goes. Other data folders' entries and those of a moved-aside file are never listed.
 */
export const OrphanSecrets = ({ reloadKey }: { reloadKey: number }) => {
  const [report, setReport] = useState<OrphanReport>({ orphans: [] })
  const [error, setError] = useState<AppError | null>(null)
  const [confirming, setConfirming] = useState<Orphan[] | null>(null)
  const load = useCallback(() => {
    void call('listOrphanSecrets', {}).then((r) => (r.ok ? setReport(r.value) : undefined))
  }, [])
  useEffect(load, [load, reloadKey])
  const remove = async (entries: Orphan[]): Promise<void> => {
    setConfirming(null)
    for (const o of entries) {
      const r = await call('removeOrphanSecret', { account: o.account })
      if (!r.ok) {
        setError(r.error)
        break
      }
    }
    load()
  }
  const { orphans } = report
  if (orphans.length === 0 && !error) return null
  return (
    <section aria-labelledby="orphans-title" data-testid="orphan-secrets">
      <LG tag="h2" id="orphans-title">
        Keychain entries without a customer
      </LG>
      <MD>These secrets belong to no customer in this data folder. Remove them unless you are about to import that customer again.</MD>
      {keptSentence(report.kept) && <MD data-testid="orphans-kept">{keptSentence(report.kept)}</MD>}
      {error && <ErrorNotice title="The keychain entry was not removed" error={error} onDismiss={() => setError(null)} />}
      <Table aria-label="Keychain entries without a customer" size="small">
        <Table.Body>
          {orphans.map((o) => (
            <Table.Row key={o.account}>
              <Table.Cell>
                <Code>{o.account}</Code>
              </Table.Cell>
              <Table.Cell>{kindLabel(o.kind)}</Table.Cell>
              <Table.Cell>
                <Button size="small" isDanger aria-label={`Remove keychain entry ${o.account}`} onClick={() => setConfirming([o])}>
                  Remove
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {orphans.length > 1 && (
        <Row>
          <Button size="small" isDanger onClick={() => setConfirming(orphans)} data-testid="orphans-remove-all">
            Remove all {orphans.length}
          </Button>
        </Row>
      )}
      {confirming && <RemoveModal entries={confirming} onConfirm={() => void remove(confirming)} onCancel={() => setConfirming(null)} />}
    </section>
  )
}
