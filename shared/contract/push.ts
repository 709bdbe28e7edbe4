import { z } from 'zod'
import { FetchHopSchema } from './avatar'
import { DoctorAllProgress, DoctorProgress, OpenedReport } from './doctor'
import { AppErrorSchema } from '../result'
import { SetupStepSchema } from './setup'
import { BurstSampleSchema, RoundTripProgressSchema } from './test-events'

/**
 * Push events: what main sends the renderer unasked, as work happens (the renderer→main calls are
 * in `calls`). Not to be confused with the webhook *test events* the app sends to a gateway.
 */

/** One kind of task's progress: the renderer's task id, the kind, and that kind's own payload. */
const progressOf = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({ taskId: z.string(), kind: z.literal(kind), payload })

/**
 * The progress of a long task, typed per kind: a setup step, a diagnose link, a burst sample, a
 * round-trip step, an avatar fetch's redirect hop. Adding a kind is one member here plus its
 * payload schema beside its calls.
 */
export const TaskProgress = z.discriminatedUnion('kind', [
  progressOf('setup', SetupStepSchema),
  progressOf('doctor', DoctorProgress),
  progressOf('doctor-all', DoctorAllProgress),
  progressOf('burst', BurstSampleSchema),
  progressOf('round-trip', RoundTripProgressSchema),
  progressOf('avatar', FetchHopSchema)
])
export type TaskProgress = z.infer<typeof TaskProgress>

/** The kinds of long task. */
export type TaskKind = TaskProgress['kind']

type PayloadByKind = { [P in TaskProgress as P['kind']]: P['payload'] }

/** What one kind of task reports as it goes. */
export type ProgressPayload<K extends TaskKind> = PayloadByKind[K]

/**
 * The payload of a progress event when it is of this kind, else null: how a screen reads its
 * task's progress without a cast of its own. (For a generic kind TypeScript cannot follow the
 * narrowing by `kind` into `payload`; the check right before it is what makes this one cast true.)
 */
export const payloadOf = <K extends TaskKind>(p: TaskProgress, kind: K): ProgressPayload<K> | null => {
  if (p.kind !== kind) return null
  const payload: PayloadByKind[TaskKind] = p.payload
  return payload as ProgressPayload<K>
}

/**
 * A report file opened outside the page (the app menu's "Open report…"): read and validated in
 * main, then handed to the page to show read-only — or the reason it is not a report.
 */
export const ReportOpened = z.object({
  fileName: z.string(),
  opened: OpenedReport.nullable(),
  error: AppErrorSchema.nullable()
})
export type ReportOpened = z.infer<typeof ReportOpened>

/** Every push event: name → payload schema. Preload exposes `on<Name>` for each. */
export const pushEvents = {
  taskProgress: TaskProgress,
  reportOpened: ReportOpened
} as const

export type PushEventName = keyof typeof pushEvents
export type PushPayload<E extends PushEventName> = z.infer<(typeof pushEvents)[E]>
