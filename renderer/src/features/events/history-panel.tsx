import { useState } from 'react'
import styled from 'styled-components'
import { Button } from '@zendeskgarden/react-buttons'
import { Notification } from '@zendeskgarden/react-notifications'
import { Table } from '@zendeskgarden/react-tables'
import { MD } from '@zendeskgarden/react-typography'
import type { GatewayResponseData, HistoryEntry } from '../../../../shared/contract/test-events'
import type { AppError } from '../../../../shared/result'
import { ErrorNotice } from '../../components/error-notice'
import { call } from '../../lib/api'
import { ButtonBar } from '../../components/button-bar'
import { VerdictTag } from './verdict-tag'
import { ConfirmModal } from '../../components/confirm-modal'

/** "conversation:message" may break after its colon, not in the middle of a word. */
const EventType = ({ type }: { type: string }) => {
  const [head, ...rest] = type.split(':')
  return rest.length ? (
    <>
      {head}:<wbr />
      {rest.join(':')}
    </>
  ) : (
    <>{type}</>
  )
}

const Actions = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${(p) => p.theme.space.xs};
`

const Answer = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${(p) => p.theme.space.xxs} ${(p) => p.theme.space.xs};
`

/**
 * The sent events, newest first, each with replay and copy-as-curl. Four columns that fit a
 * narrow window: the answer's status, Zendesk's verdict and the time share one cell.
 */
const HistoryTable = ({ entries, busy, onReplay, onCopy, onReveal }: { entries: HistoryEntry[]; busy: boolean; onReplay: (id: string) => void; onCopy: (id: string) => void; onReveal: (id: string) => void }) => (
  <Table size="small" aria-label="Sent test events">
    <Table.Head>
      <Table.HeaderRow>
        <Table.HeaderCell width="18%">When</Table.HeaderCell>
        <Table.HeaderCell width="25%">Event</Table.HeaderCell>
        <Table.HeaderCell width="27%">Answer</Table.HeaderCell>
        <Table.HeaderCell width="30%">Actions</Table.HeaderCell>
      </Table.HeaderRow>
    </Table.Head>
    <Table.Body>
      {entries.map((e) => (
        <Table.Row key={e.id} data-testid="history-row">
          <Table.Cell>{new Date(e.at).toLocaleString()}</Table.Cell>
          <Table.Cell>
            <EventType type={e.type} />
            {e.replayOf ? ' (replay)' : ''}
            {e.secretSource === 'typed' ? ' · typed secret' : ''}
          </Table.Cell>
          <Table.Cell>
            <Answer>
              <strong data-testid="history-answer-status">{e.response.status ?? e.response.error?.code ?? '—'}</strong>
              <VerdictTag verdict={e.response.zendeskView.verdict} />
              <span>{e.response.timings.totalMs.toFixed(0)} ms</span>
            </Answer>
          </Table.Cell>
          <Table.Cell>
            <Actions>
              <Button size="small" onClick={() => onReplay(e.id)} disabled={busy} aria-label={`Replay the event of ${new Date(e.at).toLocaleTimeString()}`}>
                Replay
              </Button>
              <Button size="small" onClick={() => onCopy(e.id)} data-testid="copy-curl">
                Copy as curl
              </Button>
              <Button size="small" onClick={() => onReveal(e.id)} data-testid="copy-curl-reveal">
                Copy with secret…
              </Button>
            </Actions>
          </Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

/** Copying with the secret asks first: the secret will be on the clipboard. */
const RevealModal = ({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) => (
  <ConfirmModal
    title="Copy the curl command with the webhook secret?"
    label="Copy with the webhook secret"
    confirmLabel="Copy with secret"
    confirmTestId="confirm-reveal"
    onCancel={onCancel}
    onConfirm={onConfirm}
  >
    <Notification type="warning">
      <Notification.Title>The secret will be on the clipboard</Notification.Title>
      Anyone who sees the pasted command can send events to the gateway as this customer&apos;s Zendesk. It is cleared from the clipboard after a short while.
    </Notification>
  </ConfirmModal>
)

/**
 * The customer's past test events: replay one with the current secret, copy it as curl with the
 * secret masked, or — after a confirmation — with the secret, which only the clipboard receives.
 */
export const HistoryPanel = ({
  profileId,
  entries,
  onReload,
  onAnswer
}: {
  profileId: string
  entries: HistoryEntry[]
  onReload: () => void
  onAnswer: (r: GatewayResponseData, historyId: string) => void
}) => {
  const [error, setError] = useState<AppError | null>(null)
  const [status, setStatus] = useState('')
  const [reveal, setReveal] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const replay = async (id: string): Promise<void> => {
    setBusy(id)
    setError(null)
    const r = await call('replayEvent', { historyId: id })
    setBusy(null)
    if (!r.ok) return setError(r.error)
    onAnswer(r.value.response, r.value.historyId)
    setStatus(`Replayed: ${r.value.response.status ?? 'no answer'}.`)
    onReload()
  }
  const copy = async (id: string, withSecret: boolean): Promise<void> => {
    setError(null)
    const r = await call('copyCurl', { historyId: id, reveal: withSecret })
    if (!r.ok) return setError(r.error)
    setStatus(r.value.revealed ? `Copied the curl command with the webhook secret; the clipboard is cleared in ${Math.round((r.value.clearsAfterMs ?? 0) / 1000)} s.` : 'Copied the curl command (secret masked).')
  }
  const exportAll = async (): Promise<void> => {
    setError(null)
    const r = await call('exportEventHistory', { profileRef: profileId })
    if (!r.ok) return setError(r.error)
    setStatus(r.value.path ? `Exported ${r.value.count} events to ${r.value.path}.` : 'Export cancelled.')
  }

  return (
    <div data-testid="event-history">
      <ButtonBar>
        <Button size="small" onClick={onReload}>
          Refresh
        </Button>
        <Button size="small" onClick={() => void exportAll()} disabled={entries.length === 0} data-testid="export-history">
          Export as JSON
        </Button>
      </ButtonBar>
      <MD role="status" aria-live="polite" data-testid="history-status">
        {status}
      </MD>
      {error && <ErrorNotice title="The history action failed" error={error} onDismiss={() => setError(null)} />}
      {entries.length === 0 ? (
        <MD>No test events sent yet for this customer.</MD>
      ) : (
        <HistoryTable entries={entries} busy={busy !== null} onReplay={(id) => void replay(id)} onCopy={(id) => void copy(id, false)} onReveal={setReveal} />
      )}
      {reveal && (
        <RevealModal
          onCancel={() => setReveal(null)}
          onConfirm={() => {
            const id = reveal
            setReveal(null)
            void copy(id, true)
          }}
        />
      )}
    </div>
  )
}
