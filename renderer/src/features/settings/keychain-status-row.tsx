import { Table } from '@zendeskgarden/react-tables'
import { MD } from '@zendeskgarden/react-typography'
import { KeychainBadge, useKeychainStatus } from '../profiles/keychain-status'

/**
 * The keychain's real status in the About table: which OS store holds the secrets and whether it
 * answers; when it does not, the error and its fix, so support can read the cause off one screen.
 */
export const KeychainStatusRow = () => {
  const { status, error } = useKeychainStatus()
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
          </div>
        )}
      </Table.Cell>
    </Table.Row>
  )
}
