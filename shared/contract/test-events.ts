import { z } from 'zod'
import { ProfileRef } from '../schemas/profile'
import { AUTHOR_TYPES, CONTENT_TYPES, TEST_EVENT_SOURCES, WEBHOOK_EVENT_TYPES } from '../webhook-events'
import { AppErrorSchema } from '../result'
import { FINAL_STATUSES } from '../task/status'
import { FixActions } from './fix-actions'
import { defineCall } from './define'
import { FinalStatusSchema, TaskId } from './task'

/**
 * The webhook test-event calls (capability 3): events sent to the gateway as Zendesk sends them. Every answer carries requests with the X-API-Key
 * masked: the webhook secret stays in main, even for "copy as curl" with reveal, which writes to
 * the clipboard from main and answers only that it did.
 */

export const ZendeskVerdictSchema = z.enum(['accepted', 'dropped', 'retried', 'timed-out', 'unreachable'])

export const ZendeskViewSchema = z.object({ verdict: ZendeskVerdictSchema, message: z.string(), fix: z.string().optional(), actions: FixActions.optional() })

/** The request as sent, X-API-Key masked; `body` is the payload object. */
export const MaskedRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown().optional()
})

export const GatewayTimingsSchema = z.object({
  dnsMs: z.number().optional(),
  connectMs: z.number().optional(),
  tlsMs: z.number().optional(),
  firstByteMs: z.number().optional(),
  totalMs: z.number()
})

/** What the gateway answered and what Zendesk would make of it. */
export const GatewayResponseSchema = z.object({
  ok: z.boolean(),
  request: MaskedRequestSchema,
  status: z.number().int().nullable(),
  statusText: z.string().optional(),
  timings: GatewayTimingsSchema,
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  bodyTruncated: z.boolean(),
  redirect: z.object({ location: z.string() }).nullable(),
  error: AppErrorSchema.nullable(),
  zendeskView: ZendeskViewSchema
})
export type GatewayResponseData = z.infer<typeof GatewayResponseSchema>

export const EventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES)

/** What the composer sends: the generated payload's editable parts, or raw JSON. */
export const TestEventInput = z
  .object({
    profileRef: ProfileRef,
    type: EventTypeSchema.default('conversation:message'),
    text: z.string().max(4096).optional(),
    userName: z.string().max(128).optional(),
    /** The channel, as Zendesk names it in `source.type` (`sms` is the first release's word for `twilio`). */
    sourceType: z.enum(TEST_EVENT_SOURCES).optional(),
    /** conversation:message only: the customer wrote it, or the business (the echo of a reply: the agent's name and avatar). */
    author: z.enum(AUTHOR_TYPES).optional(),
    /** conversation:message only: what the message holds (a realistic sample of each). */
    content: z.enum(CONTENT_TYPES).optional(),
    /** JSON text of a whole payload, validated against the webhook schema. */
    rawPayload: z.string().max(262_144).optional(),
    /** A secret typed for this send only (never stored). */
    secretOverride: z.string().min(1).max(1024).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional()
  })
  .strict()

export const HistoryEntrySchema = z.object({
  id: z.string(),
  profileId: z.string(),
  at: z.string(),
  type: z.string(),
  /** keychain, or typed for this send (replay then uses the keychain's). */
  secretSource: z.enum(['keychain', 'typed']),
  replayOf: z.string().optional(),
  response: GatewayResponseSchema
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export const LatencyStatsSchema = z.object({ count: z.number(), min: z.number(), p50: z.number(), p95: z.number(), max: z.number(), mean: z.number() })

export const BurstResultSchema = z.object({
  requested: z.number().int(),
  completed: z.number().int(),
  cancelled: z.boolean(),
  concurrency: z.number().int(),
  durationMs: z.number(),
  perSecond: z.number(),
  stats: LatencyStatsSchema,
  byVerdict: z.record(z.string(), z.number()),
  byStatus: z.record(z.string(), z.number()),
  /** Each event's total time in ms, in completion order (for the chart). */
  latencies: z.array(z.number()).max(500),
  firstError: AppErrorSchema.nullable(),
  /** Connections opened for the burst, and events sent over one already open (keep-alive reuse). */
  connections: z.object({ opened: z.number().int().min(0), reused: z.number().int().min(0) }).optional()
})
export type BurstResult = z.infer<typeof BurstResultSchema>

/** One finished step of the live round trip. */
export const RoundTripStepSchema = z.object({
  id: z.enum(['user', 'conversation', 'message', 'gateway', 'reply', 'identity', 'echo', 'cleanup']),
  status: FinalStatusSchema,
  message: z.string(),
  durationMs: z.number()
})
export type RoundTripStep = z.infer<typeof RoundTripStepSchema>

/** A round-trip step as it is pushed live: finished, or the reply still awaited. */
export const RoundTripProgressSchema = RoundTripStepSchema.extend({ status: z.enum(['waiting', ...FINAL_STATUSES]) })
export type RoundTripProgress = z.infer<typeof RoundTripProgressSchema>

/** A burst's progress: how many answers are in, of how many, and the last one's time. */
export const BurstSampleSchema = z.object({ done: z.number().int(), total: z.number().int(), lastMs: z.number() })
export type BurstSample = z.infer<typeof BurstSampleSchema>

export const RoundTripResultSchema = z.object({
  /**
   * `replied`: the agent answered with the customer's agent name; `other-author`: someone else
   * answered; `echo-loop`: the gateway also answered its own echo (it would loop forever).
   */
  verdict: z.enum(['replied', 'no-reply', 'other-author', 'echo-loop', 'failed', 'cancelled']),
  message: z.string(),
  fix: z.string().optional(),
  steps: z.array(RoundTripStepSchema),
  userId: z.string().nullable(),
  conversationId: z.string().nullable(),
  reply: z.object({ authorName: z.string().nullable(), avatarUrl: z.string().nullable(), text: z.string().nullable(), received: z.string() }).nullable(),
  /** Replies by the business after the test message, counted once the wait for echoes is over. */
  businessReplies: z.number().int().optional(),
  /** What the round trip created but could not remove afterwards (empty when it cleaned up). */
  leftBehind: z.array(z.string())
})
export type RoundTripResult = z.infer<typeof RoundTripResultSchema>

const ProfileInput = z.object({ profileRef: ProfileRef }).strict()

export const testEventCalls = {
  sendTestEvent: defineCall(
    TestEventInput,
    z.object({ response: GatewayResponseSchema, historyId: z.string() }),
    'Send a Zendesk-shaped webhook event to the profile\'s gateway and report the answer and Zendesk\'s view of it.'
  ),
  previewTestEvent: defineCall(
    TestEventInput,
    z.object({ request: MaskedRequestSchema, payload: z.unknown() }),
    'Build the event and the exact request (secret masked) without sending it.'
  ),
  probeGateway: defineCall(ProfileInput, z.object({ response: GatewayResponseSchema }), 'Send the HEAD request Zendesk sends when a webhook is created.'),
  listEventHistory: defineCall(ProfileInput, z.object({ entries: z.array(HistoryEntrySchema) }), 'The profile\'s sent test events, newest first (no secrets).'),
  replayEvent: defineCall(
    z.object({ historyId: z.string().min(1).max(100) }).strict(),
    z.object({ response: GatewayResponseSchema, historyId: z.string() }),
    'Send a past event again, with the keychain\'s current webhook secret.'
  ),
  copyCurl: defineCall(
    z.object({ historyId: z.string().min(1).max(100), reveal: z.boolean().default(false) }).strict(),
    z.object({ copied: z.boolean(), revealed: z.boolean(), curl: z.string(), clearsAfterMs: z.number().nullable() }),
    'Copy a past event as a curl command; the secret is masked unless reveal (then only the clipboard has it, and `curl` stays masked).'
  ),
  exportEventHistory: defineCall(ProfileInput, z.object({ path: z.string().nullable(), count: z.number().int() }), 'Save the profile\'s event history as JSON (no secrets).'),
  runBurst: defineCall(
    z
      .object({
        profileRef: ProfileRef,
        taskId: TaskId,
        count: z.number().int().min(1).max(500),
        concurrency: z.number().int().min(1).max(50),
        type: EventTypeSchema.default('conversation:message'),
        timeoutMs: z.number().int().min(100).max(60_000).optional()
      })
      .strict(),
    BurstResultSchema,
    'Send N events at concurrency C to the profile\'s gateway; latency distribution and errors.'
  ),
  runLiveRoundTrip: defineCall(
    z
      .object({
        profileRef: ProfileRef,
        taskId: TaskId,
        timeoutMs: z.number().int().min(1000).max(120_000).optional(),
        /** How long to keep watching after the reply for a reply to the reply (the echo loop); default 5 s. */
        echoWaitMs: z.number().int().min(0).max(60_000).optional()
      })
      .strict(),
    RoundTripResultSchema,
    'Create a test user and conversation, write as the user, wait for the agent\'s reply through the gateway.'
  )
} as const
