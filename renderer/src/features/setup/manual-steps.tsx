import { useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Table } from '@zendeskgarden/react-tables'
import { MD } from '@zendeskgarden/react-typography'
import type { SetupStep } from '../../../../shared/contract/setup'
import { call } from '../../lib/api'

/** One value with its copy button, so nothing has to be retyped into Admin Center. */
const CopyValue = ({ label, value }: { label: string; value: string }) => {
  const [copied, setCopied] = useState(false)
  return (
    <Button
      size="small"
      isBasic
      aria-label={`Copy ${label}`}
      onClick={() => void call('copyText', { text: value }).then((r) => setCopied(r.ok))}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  )
}

/** The manual way in Admin Center: where to go, what to do, and the exact values with copy buttons. */
export const ManualSteps = ({ manual, stepId }: { manual: NonNullable<SetupStep['manual']>; stepId: string }) => (
  <div data-testid={`manual-${stepId}`}>
    <MD isBold>Do it by hand in {manual.where}</MD>
    <ol>
      {manual.steps.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ol>
    <Table size="small" aria-label="Values to enter in Admin Center">
      <Table.Head>
        <Table.HeaderRow>
          <Table.HeaderCell width="30%">Field</Table.HeaderCell>
          <Table.HeaderCell>Value</Table.HeaderCell>
          <Table.HeaderCell width="90px">
            Copy
          </Table.HeaderCell>
        </Table.HeaderRow>
      </Table.Head>
      <Table.Body>
        {manual.values.map((v) => (
          <Table.Row key={v.label}>
            <Table.Cell>{v.label}</Table.Cell>
            <Table.Cell>
              <code>{v.value}</code>
            </Table.Cell>
            <Table.Cell>
              <CopyValue label={v.label} value={v.value} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)
