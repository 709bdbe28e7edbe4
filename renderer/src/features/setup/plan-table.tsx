import { Table } from '@zendeskgarden/react-tables'
import { Tag } from '@zendeskgarden/react-tags'
import type { PlanItem } from '../../../../shared/setup/types'

/** The plan as before → after, in Admin Center words; deletions are marked as needing their own confirmation. */
export const PlanTable = ({ plan }: { plan: PlanItem[] }) => (
  <Table aria-label="Planned changes" data-testid="plan-table">
    <Table.Head>
      <Table.HeaderRow>
        <Table.HeaderCell width="34%">Change</Table.HeaderCell>
        <Table.HeaderCell>Now</Table.HeaderCell>
        <Table.HeaderCell>After</Table.HeaderCell>
      </Table.HeaderRow>
    </Table.Head>
    <Table.Body>
      {plan.map((p) => (
        <Table.Row key={p.id} data-testid={`plan-${p.id}`}>
          <Table.Cell>
            {p.title}
            {p.confirm === 'deleteDuplicates' && (
              <>
                {' '}
                <Tag hue="red" size="small">
                  Needs its own confirmation
                </Tag>
              </>
            )}
          </Table.Cell>
          <Table.Cell>{p.before ?? '—'}</Table.Cell>
          <Table.Cell>{p.after ?? 'removed'}</Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)
