/**
 * The one status vocabulary of every long task — setup steps, diagnose checks, the round trip's
 * steps, a burst — from core to CLI, report and screen, never renamed on the way. The words are
 * the diagnose report's (`pass`, `fail`), so reports stay format version 1.
 */
export const TASK_STATUSES = ['pending', 'running', 'waiting', 'pass', 'warn', 'fail', 'skipped'] as const

/** Where a step of a task stands: not started, running, waiting for something, or finished. */
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** The statuses a step ends with. */
export const FINAL_STATUSES = ['pass', 'warn', 'fail', 'skipped'] as const

/** How a finished step ended: `skipped` when a prerequisite did not pass (or the run stopped). */
export type FinalStatus = (typeof FINAL_STATUSES)[number]

/** True once a step has ended (a final status). */
export const isFinal = (s: TaskStatus): s is FinalStatus => (FINAL_STATUSES as readonly string[]).includes(s)

/** True for a step that ended well enough for what needs it to go on (`pass` or `warn`). */
export const isGood = (s: TaskStatus): s is 'pass' | 'warn' => s === 'pass' || s === 'warn'
