import { Table } from '@zendeskgarden/react-tables'
import { MD } from '@zendeskgarden/react-typography'
import { CheckAgainButton, KeychainBadge, SANDBOX_IN_MEMORY_TEXT, useKeychainStatus } from '../profiles/keychain-status'

/**
 * The keychain's real status in the About table: which OS store holds the secrets and whether it
 * answers; when it does not, the error, its fix and "Check again", so support can read the cause
 * off one screen and the admin can confirm the fix.
 */
export const KeychainStatusRow = () => {
  const { status, error, checking, reload } = useKeychainStatus()
  const problem = error ?? (status && !status.available ? status.error : undefined)
  return (
    <Table.Row>
      <Table.Cell width="30%">
        <MD isBold>Keychain</MD>
      </Table.Cell>
      <Table.Cell data-testid="about-keychain" data-state={status ? (status.available ? 'available' : 'unavailable') : 'checking'}>
        <KeychainBadge status={status} />
        {problem && (
          <div data-testid="about-keychain-problem">
            <p>{problem.message}</p>
            <p>
              <strong>What to do: </strong>
              {problem.fix}
            </p>
            <CheckAgainButton onRecheck={reload} checking={checking} />
          </div>
        )}
        {status?.sandboxInMemory && <p data-testid="about-keychain-sandbox-memory">{SANDBOX_IN_MEMORY_TEXT}</p>}
      </Table.Cell>
    </Table.Row>
  )
}
