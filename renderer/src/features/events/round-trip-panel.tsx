import { useState } from 'react'
import { Avatar } from '@zendeskgarden/react-avatars'
import { Button } from '@zendeskgarden/react-buttons'
import { MD } from '@zendeskgarden/react-typography'
import type { RoundTripResult } from '../../../../shared/contract/events-gateway'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { ErrorNotice } from '../../components/error-notice'
import { WriteTarget } from '../../components/write-target'
import { call, newTaskId } from '../../lib/api'
import { StatusTag } from '../setup/status-tag'
import { Bar, Facts } from './layout'
import { useTaskProgress } from './use-task-progress'

const STEP_LABEL: Record<string, string> = { user: 'Create a test user', conversation: 'Create a conversation', message: 'Write as the user', gateway: 'Zendesk calls the gateway', reply: "The agent's reply", cleanup: 'Clean up' }

/**
 * The live round trip through the customer's real Zendesk: a test user writes, and we wait for the
 * agent's reply, showing who answered and with which avatar.
 */
export const RoundTripPanel = ({ profile }: { profile: ProfileView }) => {
  const [taskId, setTaskId] = useState<string | null>(null)
  const [result, setResult] = useState<RoundTripResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const progress = useTaskProgress(taskId)
  const steps = result?.steps ?? []

  const start = async (): Promise<void> => {
    const id = newTaskId()
    setTaskId(id)
    setResult(null)
    setError(null)
    const r = await call('runLiveRoundTrip', { profileRef: profile.id, taskId: id })
    setTaskId(null)
    if (r.ok) setResult(r.value)
    else setError(r.error)
  }

  const latest = new Map(progress.map((p) => [p.stepId, p]))
  const liveSteps = taskId ? [...latest.values()] : []

  return (
    <div data-testid="roundtrip-panel">
      <MD>Creates a test user and a conversation in this customer&apos;s Zendesk, writes as the user and waits up to 30 s for the AI agent&apos;s reply.</MD>
      <WriteTarget profile={profile} action="Creates a test user and a conversation" />
      <Bar>
        <Button isPrimary onClick={() => void start()} disabled={taskId !== null} data-testid="roundtrip-start">
          Run live round trip
        </Button>
        {taskId && (
          <Button onClick={() => void call('cancelTask', { taskId })} data-testid="roundtrip-cancel">
            Cancel
          </Button>
        )}
      </Bar>
      <ol role="status" aria-live="polite" aria-label="Round trip progress" style={{ paddingLeft: 20 }}>
        {(taskId ? liveSteps.map((p) => ({ id: p.stepId, status: p.status, message: p.message })) : steps).map((s) => (
          <li key={s.id} data-testid="roundtrip-step" data-step={s.id} style={{ marginBottom: 6 }}>
            <strong>{STEP_LABEL[s.id] ?? s.id}</strong> <StatusTag status={s.status} /> <span>{s.message}</span>
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
            <Bar>
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
            </Bar>
          )}
        </div>
      )}
    </div>
  )
}
