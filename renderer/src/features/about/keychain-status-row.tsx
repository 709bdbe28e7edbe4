import { Table } from '@zendeskgarden/react-tables'
import { MD } from '@zendeskgarden/react-typography'

/** The keychain's status in the About table; the vault fills it in. */
export const KeychainStatusRow = () => (
  <Table.Row>
    <Table.Cell width="30%">
      <MD isBold>Keychain</MD>
    </Table.Cell>
    <Table.Cell data-testid="about-keychain">Checking…</Table.Cell>
  </Table.Row>
)
