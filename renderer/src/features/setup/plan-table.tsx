import { Table } from '@zendeskgarden/react-tables'
import { Tag } from '@zendeskgarden/react-tags'
import type { PlanItem } from '../../../../shared/setup/types'
import { TextWithUrls } from '../../components/long-value'

/**
 * The plan as before → after, in Admin Center words; deletions are marked as needing their own
 * confirmation. A URL in a value wraps and has a copy button, so the whole webhook address shows.
 */
export const PlanTable = ({ plan }: { plan: PlanItem[] }) => (
  <Table aria-label="Planned changes" data-testid="plan-table">
    <Table.Head>
      <Table.HeaderRow>
        <Table.HeaderCell width="26%">Change</Table.HeaderCell>
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
          <Table.Cell>{p.before ? <TextWithUrls text={p.before} label="webhook URL" /> : '—'}</Table.Cell>
          <Table.Cell>{p.after ? <TextWithUrls text={p.after} label="webhook URL" /> : 'removed'}</Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)
