import { useEffect, useState } from 'react'
import { Button } from '@zendeskgarden/react-buttons'
import { Dots } from '@zendeskgarden/react-loaders'
import { MD } from '@zendeskgarden/react-typography'
import type { RoundTripProgress, RoundTripResult } from '../../../../shared/contract/test-events'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { ErrorNotice } from '../../components/error-notice'
import { WriteTarget } from '../../components/write-target'
import { useTaskRun } from '../../app/use-task-run'
import { StatusTag } from '../../components/status-tag'
import { AgentBubble } from '../../components/agent-bubble'
import { LongValue } from '../../components/long-value'
import { call } from '../../lib/api'
import { ButtonBar } from '../../components/button-bar'

const STEP_LABEL: Record<string, string> = { user: 'Create a test user', conversation: 'Create a conversation', message: 'Write as the user', gateway: 'Zendesk calls the gateway', reply: "The agent's reply", identity: "The agent's name and avatar", echo: 'No reply to its own echo', cleanup: 'Clean up' }

/** What a waiting step waits for, in words (the only one that waits is the reply). */
const WAITING_LABEL: Record<string, string> = { reply: "Waiting for the agent's reply…", echo: 'Watching for an echo loop…' }

type Reply = NonNullable<RoundTripResult['reply']>

/**
 * The reply's avatar as chat would show it: main fetches the URL anonymously (the checker, as
 * the widget's visitors would) and hands back a data: URL, or says why there is none.
 */
const useReplyPicture = (reply: Reply | null, profile: ProfileView): { picture: string | null; note: string | null } => {
  const [state, setState] = useState<{ picture: string | null; note: string | null }>({ picture: null, note: null })
  const url = reply?.avatarUrl ?? null
  useEffect(() => {
    setState({ picture: null, note: url ? 'Loading the avatar…' : 'No avatar URL came with the reply: chat shows the initial.' })
    if (!url) return
    let live = true
    void call('checkAvatar', { url, allowPrivate: profile.allowPrivate, profileId: profile.id }).then((r) => {
      if (!live) return
      if (r.ok && r.value.preview) setState({ picture: r.value.preview, note: null })
      else setState({ picture: null, note: `The avatar could not be shown (${r.ok ? r.value.problems[0]?.message ?? r.value.verdict : r.error.message}): chat shows the initial.` })
    })
    return () => {
      live = false
    }
  }, [url, profile.allowPrivate, profile.id])
  return state
}

/** The agent's reply as a chat bubble: its name, its avatar, its words. */
const ReplyBubble = ({ reply, profile }: { reply: Reply; profile: ProfileView }) => {
  const { picture, note } = useReplyPicture(reply, profile)
  return (
    <>
      <AgentBubble agentName={reply.authorName ?? ''} picture={picture} testId="reply-bubble" pictureTestId="reply-avatar" note={note}>
        <span data-testid="reply-text">{reply.text ?? '(no text)'}</span>
      </AgentBubble>
      <MD>
        Answered as <strong data-testid="reply-author">{reply.authorName ?? '(no name)'}</strong>
        {reply.avatarUrl && (
          <>
            {' '}
            with the avatar <LongValue value={reply.avatarUrl} label="avatar URL" />
          </>
        )}
        .
      </MD>
    </>
  )
}

/** The steps so far, each with its status; the reply step says what it waits for. */
const StepList = ({ steps }: { steps: RoundTripProgress[] }) => (
  <div role="status" aria-live="polite">
    <ol aria-label="Round trip progress" style={{ paddingInlineStart: 20 }}>
      {steps.map((s) => (
        <li key={s.id} data-testid="roundtrip-step" data-step={s.id} style={{ marginBottom: 6 }}>
          <strong>{STEP_LABEL[s.id] ?? s.id}</strong> <StatusTag status={s.status} label={s.status === 'waiting' ? WAITING_LABEL[s.id] : undefined} /> <span>{s.message}</span>
        </li>
      ))}
    </ol>
  </div>
)

/**
 * The live round trip through the customer's real Zendesk: a test user writes, and we wait for the
 * agent's reply, then show it as the chat widget would: who answered, with which avatar.
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
  const waitingForReply = running && steps.some((s) => s.id === 'reply' && s.status === 'waiting')

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
      <StepList steps={steps} />
      {waitingForReply && (
        <AgentBubble agentName={profile.agentName} picture={null} testId="reply-waiting" note="Waiting for the agent's reply…">
          <Dots aria-label="The agent is expected to type" />
        </AgentBubble>
      )}
      {error && <ErrorNotice title="The live round trip could not run" error={error} onDismiss={() => setError(null)} />}
      {result && (
        <div data-testid="roundtrip-result" data-verdict={result.verdict}>
          <MD>
            <strong>{result.message}</strong>
          </MD>
          {result.fix && <MD>What to do: {result.fix}</MD>}
          {result.reply && <ReplyBubble reply={result.reply} profile={profile} />}
        </div>
      )}
    </div>
  )
}
