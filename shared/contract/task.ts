import { z } from 'zod'
import { FINAL_STATUSES, TASK_STATUSES } from '../task/status'

/** A long-running task (setup, diagnose, burst, round trip) is cancelled by the id the renderer gave it. */
export const TaskId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,64}$/, 'A task id is 6 to 64 letters, digits, "-" or "_".')

/** Where a step of a task stands (see `shared/task/status.ts`). */
export const TaskStatusSchema = z.enum(TASK_STATUSES)

/** How a finished step ended. */
export const FinalStatusSchema = z.enum(FINAL_STATUSES)
