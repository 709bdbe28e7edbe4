import { useCallback, useEffect, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Table } from '@zendeskgarden/react-tables'
import { Code, LG, MD } from '@zendeskgarden/react-typography'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'
import { ErrorNotice } from '../../components/error-notice'

/**
 * Keychain entries left behind by a profile that no longer exists (deleted while the keychain was
 * locked, or by an older copy of the app). Shown only when there are some; each can be removed.
 */
export const OrphanSecrets = ({ reloadKey }: { reloadKey: number }) => {
  const [orphans, setOrphans] = useState<{ account: string; profileId: string; kind: string }[]>([])
  const [error, setError] = useState<AppError | null>(null)
  const load = useCallback(() => {
    void call('listOrphanSecrets', {}).then((r) => (r.ok ? setOrphans(r.value.orphans) : undefined))
  }, [])
  useEffect(load, [load, reloadKey])
  if (orphans.length === 0 && !error) return null
  return (
    <section aria-labelledby="orphans-title" data-testid="orphan-secrets">
      <LG tag="h2" id="orphans-title">
        Keychain entries without a customer
      </LG>
      <MD>These secrets belong to no customer in this app. Remove them unless you are about to import that customer again.</MD>
      {error && <ErrorNotice title="The keychain entry was not removed" error={error} onDismiss={() => setError(null)} />}
      <Table aria-label="Keychain entries without a customer" size="small">
        <Table.Body>
          {orphans.map((o) => (
            <Table.Row key={o.account}>
              <Table.Cell>
                <Code>{o.account}</Code>
              </Table.Cell>
              <Table.Cell>{o.kind === 'keySecret' ? 'Key secret' : o.kind === 'webhookSecret' ? 'Webhook secret' : 'Unknown entry'}</Table.Cell>
              <Table.Cell>
                <Button
                  size="small"
                  isDanger
                  aria-label={`Remove keychain entry ${o.account}`}
                  onClick={() =>
                    void call('removeOrphanSecret', { account: o.account }).then((r) => {
                      if (!r.ok) setError(r.error)
                      load()
                    })
                  }
                >
                  Remove
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  )
}
