import { Notification } from '@zendeskgarden/react-notifications'
import { Table } from '@zendeskgarden/react-tables'
import type { SetupStep } from '../../../../shared/contract/setup'

type Block = NonNullable<Extract<NonNullable<SetupStep['data']>, { plan: unknown }>['webhookLimit']>

/** The pre-flight's block, when the plan step has one: Zendesk's limit reached, nothing written. */
export const webhookLimitOf = (steps: readonly SetupStep[]): Block | null => {
  const data = steps.find((s) => s.id === 'plan')?.data
  return data && 'webhookLimit' in data && data.webhookLimit ? data.webhookLimit : null
}

/**
 * A plan Zendesk would refuse, said before anything is written: the app already has Zendesk's 10
 * webhooks, and the integrations holding them, most first.
 */
export const WebhookLimitNotice = ({ block, fix }: { block: Block; fix?: string }) => (
  <Notification type="error" data-testid="webhook-limit" style={{ marginTop: 16 }}>
    <Notification.Title>
      {block.used >= block.limit
        ? `The app already has ${block.used} webhooks, Zendesk's limit: nothing was written`
        : `The app has ${block.used} of Zendesk's ${block.limit} webhooks, too many for the plan: nothing was written`}
    </Notification.Title>
    <p data-testid="webhook-limit-message">
      Zendesk allows {block.limit} webhooks per app, across all its integrations; the plan needs {block.adds} more. {fix}
    </p>
    <Table size="small" aria-label="Integrations holding the app's webhooks">
      <Table.Head>
        <Table.HeaderRow>
          <Table.HeaderCell>Integration</Table.HeaderCell>
          <Table.HeaderCell width="25%">Type</Table.HeaderCell>
          <Table.HeaderCell width="20%">Webhooks</Table.HeaderCell>
        </Table.HeaderRow>
      </Table.Head>
      <Table.Body>
        {block.holders.map((h) => (
          <Table.Row key={h.integrationId} data-testid="webhook-limit-holder">
            <Table.Cell>{h.displayName}</Table.Cell>
            <Table.Cell>{h.type}</Table.Cell>
            <Table.Cell>{h.webhooks}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </Notification>
)
