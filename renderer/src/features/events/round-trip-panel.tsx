import { useState } from 'react'
import { Avatar } from '@zendeskgarden/react-avatars'
import { Button } from '@zendeskgarden/react-buttons'
import { MD } from '@zendeskgarden/react-typography'
import type { RoundTripProgress, RoundTripResult } from '../../../../shared/contract/test-events'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { ErrorNotice } from '../../components/error-notice'
import { WriteTarget } from '../../components/write-target'
import { useTaskRun } from '../../app/use-task-run'
import { StatusTag } from '../../components/status-tag'
import { call } from '../../lib/api'
import { ButtonBar } from '../../components/button-bar'
import { Facts } from './layout'

const STEP_LABEL: Record<string, string> = { user: 'Create a test user', conversation: 'Create a conversation', message: 'Write as the user', gateway: 'Zendesk calls the gateway', reply: "The agent's reply", identity: "The agent's name and avatar", echo: 'No reply to its own echo', cleanup: 'Clean up' }

/**
 * The live round trip through the customer's real Zendesk: a test user writes, and we wait for the
 * agent's reply, showing who answered and with which avatar.
 */
export const RoundTripPanel = ({ profile }: { profile: ProfileView }) => {
  const { start: startTask, cancel, running, progress } = useTaskRun('round-trip')
  const [result, setResult] = useState<RoundTripResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)

  const start = async (): Promise<void> => {
    setResult(null)
    setError(null)
    const r = await startTask((taskId) => call('runLiveRoundTrip', { profileRef: profile.id, taskId }))
    if (r?.ok) setResult(r.value)
    else if (r) setError(r.error)
  }

  // Live: each step's latest state, in the order they first came; after the run: the result's.
  const steps: RoundTripProgress[] = running ? [...new Map(progress.map((p) => [p.id, p])).values()] : (result?.steps ?? [])

  return (
    <div data-testid="roundtrip-panel">
      <MD>Creates a test user and a conversation in this customer&apos;s Zendesk, writes as the user and waits up to 30 s for the AI agent&apos;s reply, then 5 s more to be sure the gateway does not answer its own reply.</MD>
      <WriteTarget profile={profile} action="Creates a test user and a conversation" />
      <ButtonBar>
        <Button isPrimary onClick={() => void start()} disabled={running} data-testid="roundtrip-start">
          Run live round trip
        </Button>
        {running && (
          <Button onClick={() => void cancel()} data-testid="roundtrip-cancel">
            Cancel
          </Button>
        )}
      </ButtonBar>
      <ol role="status" aria-live="polite" aria-label="Round trip progress" style={{ paddingLeft: 20 }}>
        {steps.map((s) => (
          <li key={s.id} data-testid="roundtrip-step" data-step={s.id} style={{ marginBottom: 6 }}>
            <strong>{STEP_LABEL[s.id] ?? s.id}</strong> <StatusTag status={s.status} label={s.status === 'waiting' ? (s.id === 'echo' ? 'Watches for an echo loop' : "Awaits the agent's reply") : undefined} /> <span>{s.message}</span>
          </li>
        ))}
      </ol>
      {error && <ErrorNotice title="The live round trip could not run" error={error} onDismiss={() => setError(null)} />}
      {result && (
        <div data-testid="roundtrip-result" data-verdict={result.verdict}>
          <MD>
            <strong>{result.message}</strong>
          </MD>
          {result.fix && <MD>What to do: {result.fix}</MD>}
          {result.reply && (
            <ButtonBar>
              <Avatar size="large">
                <Avatar.Text>{(result.reply.authorName ?? '?').slice(0, 2).toUpperCase()}</Avatar.Text>
              </Avatar>
              <Facts>
                <dt>Author</dt>
                <dd data-testid="reply-author">{result.reply.authorName ?? '(no name)'}</dd>
                <dt>Avatar URL</dt>
                <dd style={{ wordBreak: 'break-all' }}>{result.reply.avatarUrl ?? '(none)'}</dd>
                <dt>Reply</dt>
                <dd>{result.reply.text}</dd>
              </Facts>
            </ButtonBar>
          )}
        </div>
      )}
    </div>
  )
}
