import { randomUUID } from 'node:crypto'
import type { RoundTripProgress, RoundTripResult, RoundTripStep } from '../../../shared/contract/test-events'
import type { Message } from '../../../shared/schemas/zendesk'
import type { Profile } from '../../../shared/schemas/profile'
import { isAppFailure, toAppError } from '../errors'
import type { Services } from '../services'
import { zendeskClientFor } from '../setup/client-for-profile'
import type { ZendeskClient } from '../zendesk/client'
import { isZendeskApiError } from '../zendesk/errors'

export interface RoundTripInput {
  profileRef: string
  /** How long to wait for the agent's reply (default 30 s). */
  timeoutMs?: number
  /** How long to keep watching after the reply for a reply to the reply — the echo loop (default 5 s). */
  echoWaitMs?: number
  pollMs?: number
  signal?: AbortSignal
  /** Each step as it ends (and "waiting" ticks while polling). */
  onStep?: (step: RoundTripProgress) => void
  /** A client of the caller's (tests); otherwise built from the customer's record and its key secret. */
  client?: ZendeskClient
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      resolve()
    }, { once: true })
  })

const since = (t: number): number => Math.round(performance.now() - t)

/** One run's steps and result as they build up; every finished step is also reported live. */
interface Trip {
  result: RoundTripResult
  step(s: RoundTripStep): void
  input: RoundTripInput
  profile: Profile
  timeoutMs: number
  echoWaitMs: number
  pollMs: number
}

/** Polls the conversation until a business message newer than ours appears, or time runs out. */
const waitForReply = async (trip: Trip, client: ZendeskClient, conversationId: string, sentAt: string): Promise<Message | undefined> => {
  const { input, timeoutMs, pollMs } = trip
  const t = performance.now()
  while (performance.now() - t < timeoutMs && !input.signal?.aborted) {
    const page = await client.listMessages(conversationId, { pageSize: 100 }, { signal: input.signal })
    const reply = page.items.find((m) => m.author.type === 'business' && m.received >= sentAt)
    if (reply) return reply
    input.onStep?.({ id: 'reply', status: 'waiting', message: `Waiting for the agent's reply… ${Math.round(since(t) / 1000)} s of ${timeoutMs / 1000} s`, durationMs: since(t) })
    await sleep(pollMs, input.signal)
  }
  return undefined
}

/** What the wait ended with: the agent's reply, no reply in time, or a cancel. */
const judgeReply = (trip: Trip, reply: Message | undefined, waitedMs: number): void => {
  const { result, input, timeoutMs } = trip
  if (input.signal?.aborted) {
    result.verdict = 'cancelled'
    result.message = 'The round trip was cancelled.'
  } else if (reply) {
    trip.step({ id: 'gateway', status: 'pass', message: 'Zendesk delivered the message to the gateway (the agent answered).', durationMs: 0 })
    result.reply = { authorName: reply.author.displayName ?? null, avatarUrl: reply.author.avatarUrl ?? null, text: reply.content.text ?? null, received: reply.received }
    trip.step({ id: 'reply', status: 'pass', message: `${reply.author.displayName ?? 'The agent'} replied.`, durationMs: waitedMs })
    result.verdict = 'replied'
    result.message = `The agent replied as "${reply.author.displayName ?? '(no name)'}" within ${Math.round(waitedMs / 100) / 10} s.`
  } else {
    trip.step({ id: 'reply', status: 'fail', message: `No reply within ${timeoutMs / 1000} s.`, durationMs: waitedMs })
    result.verdict = 'no-reply'
    result.message = `The agent did not reply within ${timeoutMs / 1000} s.`
    result.fix = 'Send a test event to see whether the gateway accepts Zendesk\'s calls (a 401 means the webhook secret differs), then run Diagnose.'
  }
}

/**
 * Whether the reply came from Aissist as this customer set it up: the agent name (another name
 * means another responder answered, or the gateway has another name), and the avatar.
 */
const judgeIdentity = (trip: Trip, reply: Message): void => {
  const { profile, result } = trip
  const want = { name: profile.agentName.trim(), avatar: profile.avatarUrl.trim() }
  const got = { name: reply.author.displayName?.trim() ?? '', avatar: reply.author.avatarUrl?.trim() ?? '' }
  if (want.name && got.name !== want.name) {
    trip.step({ id: 'identity', status: 'fail', message: `The reply came from "${got.name || '(no name)'}", not from the agent "${want.name}" set for this customer.`, durationMs: 0 })
    result.verdict = 'other-author'
    result.message = `The reply came from "${got.name || '(no name)'}", not from "${want.name}": another responder answered first, or the gateway uses another agent name.`
    result.fix = 'Run Diagnose: the channel bot link names who answers new conversations first. If it is Aissist under another name, use the same agent name in the Aissist gateway and for this customer.'
    return
  }
  const named = want.name ? `as "${want.name}"` : 'with no agent name set for this customer to compare'
  if (want.avatar && got.avatar !== want.avatar) {
    trip.step({ id: 'identity', status: 'warn', message: `The agent replied ${named}, but with the avatar ${got.avatar || '(none)'} instead of ${want.avatar}.`, durationMs: 0 })
    result.fix = 'Use the same avatar URL in the Aissist gateway and for this customer, so chat shows the picture you checked.'
    return
  }
  trip.step({ id: 'identity', status: 'pass', message: `The agent replied ${named}${want.avatar ? ', with the customer\'s avatar' : ''}.`, durationMs: 0 })
}

/**
 * Zendesk sends every business message back to the gateway as conversation:message (the echo);
 * a gateway that answers it answers its own answers forever. After the reply, watch a few seconds
 * more, looking midway and at the end. A gateway may answer in parts (text, then a picture), all
 * at once: two replies that came together pass, three warn. A reply that comes seconds later may
 * be a late part or a loop's first turn, and a gateway that thinks for seconds loops slowly: so
 * the watch goes on as long again, and a reply in that time too is a loop. Four or more replies
 * are a loop at any pace.
 */
const watchForEcho = async (trip: Trip, client: ZendeskClient, conversationId: string, sentAt: string): Promise<void> => {
  const { input, result, echoWaitMs } = trip
  const t = performance.now()
  input.onStep?.({ id: 'echo', status: 'waiting', message: `Watching ${echoWaitMs / 1000} s more for a reply to the reply (the echo)…`, durationMs: 0 })
  const count = async (): Promise<number> =>
    (await client.listMessages(conversationId, { pageSize: 100 }, { signal: input.signal })).items.filter((m) => m.author.type === 'business' && m.received >= sentAt).length
  const cancelled = (): boolean => {
    if (!input.signal?.aborted) return false
    result.verdict = 'cancelled'
    result.message = 'The round trip was cancelled while it watched for the echo.'
    return true
  }
  await sleep(echoWaitMs / 2, input.signal)
  if (cancelled()) return
  const midway = await count()
  await sleep(echoWaitMs / 2, input.signal)
  if (cancelled()) return
  let replies = await count()
  let keptComing = false
  if (replies > midway && replies >= 2 && replies < 4) {
    input.onStep?.({ id: 'echo', status: 'waiting', message: `Another reply came seconds later: watching ${echoWaitMs / 1000} s more to tell a late part from a loop…`, durationMs: since(t) })
    await sleep(echoWaitMs, input.signal)
    if (cancelled()) return
    const later = await count()
    keptComing = later > replies
    replies = later
  }
  result.businessReplies = replies
  const watched = `${Math.round(since(t) / 100) / 10} s`
  if (replies >= 4 || keptComing) {
    trip.step({ id: 'echo', status: 'fail', message: `${replies} replies to one message${keptComing ? ', still arriving seconds apart' : ''}: the gateway answered its own echo.`, durationMs: since(t) })
    result.verdict = 'echo-loop'
    result.message = `The gateway answered its own echo: ${replies} replies to one test message within ${Math.round((echoWaitMs + since(t)) / 1000)} s. Zendesk sends every reply back to the gateway as a conversation:message whose author is the business, so a gateway that answers those loops without end.`
    result.fix = 'The gateway must ignore conversation:message events whose author type is business (its own replies and the agents\'): fix that in the gateway, or contact Aissist support with this result. Test events with the business author show how the gateway treats an echo.'
    return
  }
  if (replies === 3 || (replies === 2 && midway < 2)) {
    trip.step({
      id: 'echo',
      status: 'warn',
      message: replies === 3
        ? `Three replies to one message, then nothing more in ${watched}: an answer in three parts, or a loop that stopped (the gateway answering its own echo).`
        : `A second reply came seconds after the first, then nothing more in ${watched}: most likely a late second part of the answer; a loop would have gone on.`,
      durationMs: since(t)
    })
    result.fix = 'Run the round trip again if in doubt: a loop shows more replies each time. Test events with the business author show how the gateway treats an echo.'
    return
  }
  trip.step({
    id: 'echo',
    status: 'pass',
    message: replies === 2
      ? `The agent answered in two parts at once, then nothing more in ${watched}: the gateway ignores its own echo.`
      : `No reply to the reply in ${watched}: the gateway ignores its own echo.`,
    durationMs: since(t)
  })
}

/** A test user writes in a new conversation, then the reply is awaited. */
const converse = async (trip: Trip, client: ZendeskClient, externalId: string, markSent: () => void): Promise<void> => {
  const { result } = trip
  const opts = { signal: trip.input.signal }
  let t = performance.now()
  markSent()
  const user = await client.createUser({ externalId, profile: { givenName: 'Aissist', surname: 'Round Trip Test' } }, opts)
  result.userId = user.id
  trip.step({ id: 'user', status: 'pass', message: `Created the test user ${user.id}.`, durationMs: since(t) })
  t = performance.now()
  const conv = await client.createConversation({ type: 'personal', participants: [{ userId: user.id }] }, opts)
  result.conversationId = conv.id
  trip.step({ id: 'conversation', status: 'pass', message: `Created the conversation ${conv.id}.`, durationMs: since(t) })
  t = performance.now()
  const posted = await client.postMessage(conv.id, { author: { type: 'user', userId: user.id }, content: { type: 'text', text: 'Hello, this is a live round-trip test from Aissist Zendesk Setup.' } }, opts)
  const sentAt = posted[0]?.received ?? new Date().toISOString()
  trip.step({ id: 'message', status: 'pass', message: 'Posted a message as the test user; Zendesk now calls the gateway.', durationMs: since(t) })
  t = performance.now()
  const reply = await waitForReply(trip, client, conv.id, sentAt)
  judgeReply(trip, reply, since(t))
  if (!reply || trip.input.signal?.aborted) return
  judgeIdentity(trip, reply)
  await watchForEcho(trip, client, conv.id, sentAt)
}

/** The last step: remove what was made, or name what could not be removed. */
const cleanupStep = async (trip: Trip, services: Services, client: ZendeskClient, externalId: string): Promise<void> => {
  const t = performance.now()
  const c = await cleanUp(client, { userId: trip.result.userId, externalId, conversationId: trip.result.conversationId })
  trip.result.leftBehind = c.leftBehind
  const problems = c.problems.map(services.secrets.redact)
  if (problems.length) services.logger.warn('round trip cleanup incomplete', { problems })
  trip.step({
    id: 'cleanup',
    status: c.leftBehind.length ? 'warn' : c.removed.length ? 'pass' : 'skipped',
    message: c.leftBehind.length
      ? `Could not remove ${c.leftBehind.join(', ')} (${problems.join('; ')}). They are marked by the external id "aissist-roundtrip-…"; remove them in Admin Center or run the round trip again later.`
      : c.removed.length
        ? `Removed ${c.removed.join(' and ')}.`
        : 'Nothing was created.',
    durationMs: since(t)
  })
}

/**
 * The whole chain for real: a test user writes through the Conversations API, Zendesk calls the
 * gateway, and the agent's reply appears in the conversation; we show who answered and with which
 * avatar. Whatever it created is removed afterwards — even when waiting failed or was cancelled —
 * so test users do not pile up in the customer's account; what could not be removed is named in
 * `leftBehind` (marked as tests by the external id `aissist-roundtrip-…`).
 */
export const runLiveRoundTrip = async (services: Services, input: RoundTripInput): Promise<RoundTripResult> => {
  const profile = await services.vault.getProfile(input.profileRef)
  const steps: RoundTripStep[] = []
  const result: RoundTripResult = { verdict: 'failed', message: '', steps, userId: null, conversationId: null, reply: null, leftBehind: [] }
  const trip: Trip = {
    result,
    input,
    profile,
    timeoutMs: input.timeoutMs ?? 30_000,
    echoWaitMs: input.echoWaitMs ?? 5_000,
    pollMs: input.pollMs ?? 1000,
    step: (s) => {
      steps.push(s)
      input.onStep?.(s)
    }
  }
  let client = input.client
  const externalId = `aissist-roundtrip-${randomUUID()}`
  let userCreateSent = false
  try {
    client ??= zendeskClientFor(services, profile, await services.vault.getSecret(profile.id, 'keySecret'))
    await converse(trip, client, externalId, () => (userCreateSent = true))
  } catch (e) {
    const err = toAppError(e, services.secrets.redact)
    result.verdict = input.signal?.aborted ? 'cancelled' : 'failed'
    result.message = err.message
    result.fix = err.fix
    const failedAt = (['user', 'conversation', 'message'] as const).find((id) => !steps.some((s) => s.id === id)) ?? 'reply'
    trip.step({ id: failedAt, status: 'fail', message: err.message, durationMs: 0 })
    if (!isAppFailure(e)) services.logger.warn('round trip failed', { message: err.message })
  } finally {
    if (client && userCreateSent) await cleanupStep(trip, services, client, externalId)
    else trip.step({ id: 'cleanup', status: 'skipped', message: 'Nothing was created.', durationMs: 0 })
    if (!input.client) await client?.close()
  }
  return result
}

/** How long the cleanup may take in all; it runs after a cancel, so it has its own signal. */
const CLEANUP_TIMEOUT_MS = 20_000

const isNotFound = (e: unknown): boolean => isZendeskApiError(e) && e.status === 404
const isDefaultRefusal = (e: unknown): boolean => isZendeskApiError(e) && e.status === 400

/**
 * Deletes the conversation, then the user (which takes the user's conversations with it: Zendesk
 * refuses to delete the default conversation on its own). A 404 means it is already gone. When
 * the user's create was sent but its answer never came, the user is deleted by its external id.
 */
const cleanUp = async (
  client: ZendeskClient,
  made: { userId: string | null; externalId: string; conversationId: string | null }
): Promise<{ removed: string[]; leftBehind: string[]; problems: string[] }> => {
  const opts = { signal: AbortSignal.timeout(CLEANUP_TIMEOUT_MS) }
  const removed: string[] = []
  const problems: string[] = []
  let conversationLeft: string | null = null
  if (made.conversationId) {
    try {
      await client.deleteConversation(made.conversationId, opts)
      removed.push(`the conversation ${made.conversationId}`)
    } catch (e) {
      if (isNotFound(e)) removed.push(`the conversation ${made.conversationId}`)
      else {
        conversationLeft = made.conversationId
        if (!isDefaultRefusal(e)) problems.push(toAppError(e).message)
      }
    }
  }
  const userRef = made.userId ?? made.externalId
  let userGone = false
  try {
    await client.deleteUser(userRef, opts)
    userGone = true
    removed.push(`the test user ${userRef}`)
  } catch (e) {
    if (isNotFound(e)) userGone = true
    else problems.push(toAppError(e).message)
  }
  const leftBehind: string[] = []
  if (!userGone) leftBehind.push(`test user ${userRef}`)
  if (conversationLeft) {
    if (userGone) removed.splice(removed.length - 1, 0, `the conversation ${conversationLeft}`)
    else leftBehind.push(`conversation ${conversationLeft}`)
  }
  return { removed, leftBehind, problems }
}
