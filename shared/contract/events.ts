import { z } from 'zod'

/** Status of one step of a long task, shared by setup's stepper and doctor's chain. */
export const StepStatus = z.enum(['pending', 'running', 'passed', 'warn', 'failed', 'skipped', 'waiting'])
export type StepStatus = z.infer<typeof StepStatus>

/**
 * Progress of long work (setup, doctor, bursts), pushed from main to the renderer as it happens.
 * `taskId` is the id the renderer passed when it started the task.
 */
export const TaskProgress = z.object({
  taskId: z.string(),
  source: z.string(),
  stepId: z.string(),
  status: StepStatus,
  message: z.string(),
  durationMs: z.number().optional(),
  /** Step-specific, secret-free detail; each feature documents its own shape. */
  data: z.unknown().optional()
})
export type TaskProgress = z.infer<typeof TaskProgress>

/** Every main→renderer event: name → payload schema. Preload exposes `on<Name>` for each. */
export const events = {
  taskProgress: TaskProgress
} as const

export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>
