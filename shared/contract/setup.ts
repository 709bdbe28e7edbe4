import { z } from 'zod'
import { StepStatus } from './events'
import { TaskId } from './app'
import { defineCall } from './define'
import { ProfileRef } from '../schemas/profile'
import { ManualSteps, PlanItem, WriteTargetInfo } from '../setup/types'

/**
 * The guided setup's calls. `planSetup` only reads; `applySetup` writes, and only with
 * `confirmApply: true` — deleting duplicates needs its own `deleteDuplicates: true`. Both report
 * each step as `taskProgress` events (source `setup`) and are cancelled with `cancelTask`.
 */

const AppErrorSchema = z.object({ code: z.string(), message: z.string(), fix: z.string(), details: z.record(z.string(), z.unknown()).optional() })

export const SetupStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: StepStatus,
  message: z.string(),
  durationMs: z.number(),
  error: AppErrorSchema.optional(),
  manual: ManualSteps.optional(),
  data: z.unknown().optional()
})
export type SetupStepView = z.infer<typeof SetupStepSchema>

export const SetupResultSchema = z.object({
  ok: z.boolean(),
  configured: z.boolean(),
  steps: z.array(SetupStepSchema),
  plan: z.array(PlanItem),
  writes: z.number().int(),
  target: WriteTargetInfo,
  summary: z.string()
})
export type SetupResultView = z.infer<typeof SetupResultSchema>

export const setupCalls = {
  planSetup: defineCall(
    z.object({ profileRef: ProfileRef, taskId: TaskId }).strict(),
    SetupResultSchema,
    'Read the account and show what the guided setup would change (nothing is written).'
  ),
  applySetup: defineCall(
    z
      .object({
        profileRef: ProfileRef,
        taskId: TaskId,
        confirmApply: z.literal(true, 'Confirm the changes (confirmApply: true) before anything is written.'),
        deleteDuplicates: z.boolean().default(false)
      })
      .strict(),
    SetupResultSchema,
    'Create or repair the Aissist integration with the guide\'s values, keep the webhook secret and read it back.'
  )
} as const
