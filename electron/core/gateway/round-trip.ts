import { randomUUID } from 'node:crypto'
import type { RoundTripResult } from '../../../shared/contract/events-gateway'
import { apiBase } from '../../../shared/schemas/profile'
import type { Message } from '../../../shared/schemas/zendesk'
import { isAppFailure, toAppError } from '../errors'
import type { Services } from '../services'
import { ZendeskClient } from '../zendesk/client'

type Step = RoundTripResult['steps'][number]

export interface RoundTripInput {
  profileRef: string
  /** How long to wait for the agent's reply (default 30 s). */
  timeoutMs?: number
  pollMs?: number
  signal?: AbortSignal
  /** Each step as it ends (and "waiting" ticks while polling). */
  onStep?: (step: Step | { id: 'reply'; status: 'waiting'; message: string; durationMs: number }) => void
  /** A client of the caller's (tests); otherwise built from the profile and its key secret. */
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

/**
 * The whole chain for real: a test user writes through the Conversations API, Zendesk calls the
 * gateway, and the agent's reply appears in the conversation; we show who answered and with which
 * avatar. The Conversations API key cannot delete users through our client, so what stays behind
 * is named in `leftBehind` (the user and conversation, marked as tests by their external id).
 */
export const runLiveRoundTrip = async (services: Services, input: RoundTripInput): Promise<RoundTripResult> => {
  const profile = await services.vault.getProfile(input.profileRef)
  const steps: Step[] = []
  const timeoutMs = input.timeoutMs ?? 30_000
  const pollMs = input.pollMs ?? 1000
  const result: RoundTripResult = { verdict: 'failed', message: '', steps, userId: null, conversationId: null, reply: null, leftBehind: [] }
  const step = (s: Step): void => {
    steps.push(s)
    input.onStep?.(s)
  }
  let client = input.client
  const ownsClient = !client
  try {
    if (!client) {
      const keySecret = await services.vault.getSecret(profile.id, 'keySecret')
      client = new ZendeskClient({ baseUrl: apiBase(profile), appId: profile.appId, keyId: profile.keyId, keySecret, secrets: services.secrets })
    }
    const opts = { signal: input.signal }
    let t = performance.now()
    const user = await client.createUser({ externalId: `aissist-roundtrip-${randomUUID()}`, profile: { givenName: 'Aissist', surname: 'Round Trip Test' } }, opts)
    result.userId = user.id
    result.leftBehind.push(`test user ${user.id}`)
    step({ id: 'user', status: 'passed', message: `Created the test user ${user.id}.`, durationMs: Math.round(performance.now() - t) })
    t = performance.now()
    const conv = await client.createConversation({ type: 'personal', participants: [{ userId: user.id }] }, opts)
    result.conversationId = conv.id
    result.leftBehind.push(`conversation ${conv.id}`)
    step({ id: 'conversation', status: 'passed', message: `Created the conversation ${conv.id}.`, durationMs: Math.round(performance.now() - t) })
    t = performance.now()
    const posted = await client.postMessage(conv.id, { author: { type: 'user', userId: user.id }, content: { type: 'text', text: 'Hello, this is a live round-trip test from Aissist Zendesk Setup.' } }, opts)
    const sentAt = posted[0]?.received ?? new Date().toISOString()
    step({ id: 'message', status: 'passed', message: 'Posted a message as the test user; Zendesk now calls the gateway.', durationMs: Math.round(performance.now() - t) })
    t = performance.now()
    let reply: Message | undefined
    while (!reply && performance.now() - t < timeoutMs && !input.signal?.aborted) {
      const page = await client.listMessages(conv.id, { pageSize: 100 }, opts)
      reply = page.items.find((m) => m.author.type === 'business' && m.received >= sentAt)
      if (!reply) {
        input.onStep?.({ id: 'reply', status: 'waiting', message: `Waiting for the agent's reply… ${Math.round((performance.now() - t) / 1000)} s of ${timeoutMs / 1000} s`, durationMs: Math.round(performance.now() - t) })
        await sleep(pollMs, input.signal)
      }
    }
    if (input.signal?.aborted) {
      result.verdict = 'cancelled'
      result.message = 'The round trip was cancelled.'
    } else if (reply) {
      step({ id: 'gateway', status: 'passed', message: 'Zendesk delivered the message to the gateway (the agent answered).', durationMs: 0 })
      result.reply = { authorName: reply.author.displayName ?? null, avatarUrl: reply.author.avatarUrl ?? null, text: reply.content.text ?? null, received: reply.received }
      step({ id: 'reply', status: 'passed', message: `${reply.author.displayName ?? 'The agent'} replied.`, durationMs: Math.round(performance.now() - t) })
      result.verdict = 'replied'
      result.message = `The agent replied as "${reply.author.displayName ?? '(no name)'}" within ${Math.round((performance.now() - t) / 100) / 10} s.`
    } else {
      step({ id: 'reply', status: 'failed', message: `No reply within ${timeoutMs / 1000} s.`, durationMs: Math.round(performance.now() - t) })
      result.verdict = 'no-reply'
      result.message = `The agent did not reply within ${timeoutMs / 1000} s.`
      result.fix = 'Send a test event to see whether the gateway accepts Zendesk\'s calls (a 401 means the webhook secret differs), then run Diagnose.'
    }
  } catch (e) {
    const err = toAppError(e, services.secrets.redact)
    result.verdict = input.signal?.aborted ? 'cancelled' : 'failed'
    result.message = err.message
    result.fix = err.fix
    const failedAt = (['user', 'conversation', 'message'] as const).find((id) => !steps.some((s) => s.id === id)) ?? 'reply'
    step({ id: failedAt, status: 'failed', message: err.message, durationMs: 0 })
    if (!isAppFailure(e)) services.logger.warn('round trip failed', { message: err.message })
  } finally {
    if (ownsClient) await client?.close()
  }
  step({
    id: 'cleanup',
    status: result.leftBehind.length ? 'warn' : 'skipped',
    message: result.leftBehind.length
      ? `Left behind (the API key cannot delete users here): ${result.leftBehind.join(', ')}. They are marked by the external id "aissist-roundtrip-…"; remove them in Admin Center if you wish.`
      : 'Nothing was created.',
    durationMs: 0
  })
  return result
}
