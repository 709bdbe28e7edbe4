import { z } from 'zod'
import { AppErrorSchema } from '../result'
import { ProfileRef } from '../schemas/profile'
import { SETUP_STEP_IDS } from '../setup/steps'
import { FixActions } from './fix-actions'
import { AccountInspection, ChannelBot, ManualSteps, PlanItem, WebhookLimit, WriteTargetInfo } from '../setup/types'
import { FINAL_STATUSES } from '../task/status'
import { WEBHOOK_EVENT_TYPES } from '../webhook-events'
import { defineCall } from './define'
import { TaskId, TaskStatusSchema } from './task'
import { ZendeskVerdictSchema } from './test-events'

/**
 * The guided setup's calls. `planSetup` writes nothing to Zendesk; `applySetup` writes, and only
 * with `confirmApply: true` — deleting duplicates needs its own `deleteDuplicates: true`. Both push
 * each step as `taskProgress` (kind `setup`) and are cancelled with `cancelTask`.
 */

/** One test event of step 8, as the gateway answered it (no secret, no body). */
export const TestEventOutcome = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.number().int().nullable(),
  verdict: ZendeskVerdictSchema,
  totalMs: z.number(),
  historyId: z.string(),
  message: z.string()
})
export type TestEventOutcome = z.infer<typeof TestEventOutcome>

/** Step 9's two parts: the agent name and the avatar, each with its problem codes. */
export const AgentIdentityDetail = z.object({
  agentName: z.string(),
  name: z.object({ status: z.enum(FINAL_STATUSES), problems: z.array(z.string()) }),
  avatar: z.object({ status: z.enum(FINAL_STATUSES), verdict: z.string().nullable(), checkedUrl: z.string().nullable(), problems: z.array(z.string()) })
})
export type AgentIdentityDetail = z.infer<typeof AgentIdentityDetail>

/** A plan Zendesk would refuse: the app's webhooks at the limit, the integrations holding them, in words. */
export const WebhookLimitBlockSchema = WebhookLimit.extend({ adds: z.number().int(), message: z.string() })

/** What a step found, secret-free, by step: the inspection, the plan, the test events, the agent, the channel bot. */
export const SetupStepData = z.union([
  z.object({ inspection: AccountInspection }),
  z.object({ plan: z.array(PlanItem), target: WriteTargetInfo, webhookLimit: WebhookLimitBlockSchema.optional() }),
  z.object({ events: z.array(TestEventOutcome) }),
  AgentIdentityDetail,
  z.object({ channelBot: ChannelBot })
])
export type SetupStepData = z.infer<typeof SetupStepData>

/** One step as the stepper, the CLI and the JSON show it. */
export const SetupStepSchema = z.object({
  id: z.enum(SETUP_STEP_IDS),
  title: z.string(),
  status: TaskStatusSchema,
  message: z.string(),
  durationMs: z.number(),
  /** On failure: the error with Zendesk's words verbatim and the fix. */
  error: AppErrorSchema.optional(),
  /** The manual way in Admin Center, with exact values. */
  manual: ManualSteps.optional(),
  data: SetupStepData.optional(),
  /** Fixes the app can carry out for this step (buttons on screen, words in the CLI). */
  actions: FixActions.optional()
})
export type SetupStep = z.infer<typeof SetupStepSchema>

export const SetupResultSchema = z.object({
  /** No step failed. */
  ok: z.boolean(),
  /** The account matches the guide AND the gateway accepted test events: messages arrive. */
  configured: z.boolean(),
  steps: z.array(SetupStepSchema),
  plan: z.array(PlanItem),
  /** Write requests sent to Zendesk by this run (0 on an already-correct account). */
  writes: z.number().int(),
  target: WriteTargetInfo,
  summary: z.string()
})
export type SetupResult = z.infer<typeof SetupResultSchema>

export const setupCalls = {
  planSetup: defineCall(
    z.object({ profileRef: ProfileRef, taskId: TaskId }).strict(),
    SetupResultSchema,
    'Read the account and show what the guided setup would change; with nothing to change, prove delivery (test events, agent identity). Nothing is written to Zendesk.'
  ),
  applySetup: defineCall(
    z
      .object({
        profileRef: ProfileRef,
        taskId: TaskId,
        confirmApply: z.literal(true, 'Confirm the changes (confirmApply: true) before anything is written.'),
        deleteDuplicates: z.boolean().default(false),
        /** Recreating the webhook (a v1 webhook) has its own confirmation, as deleting does. */
        recreateWebhook: z.boolean().default(false)
      })
      .strict(),
    SetupResultSchema,
    'Create or repair the Aissist integration with the guide\'s values, keep the webhook secret, read it back and prove delivery.'
  ),
  rotateWebhookSecret: defineCall(
    z
      .object({
        profileRef: ProfileRef,
        taskId: TaskId,
        confirmRotate: z.literal(true, 'Confirm the rotation (confirmRotate: true): the webhook is deleted and created again.')
      })
      .strict(),
    SetupResultSchema,
    'Rotate the webhook secret: recreate the webhook (delete + create, a new secret), keep the new secret on this computer, read back and send test events with it.'
  ),
  resyncWebhookSecret: defineCall(
    z.object({ profileRef: ProfileRef }).strict(),
    z.object({ changed: z.boolean(), webhookId: z.string(), message: z.string() }),
    'Store Zendesk\'s webhook secret of the Aissist webhook on this computer (reads Zendesk, writes nothing there; the secret never crosses).'
  )
} as const
