import type { TaskStatus } from '../task/status'

/**
 * The guided setup's steps, in the guide's order — declared once here, pure, as the diagnose chain
 * is in `shared/doctor/chain.ts`: the core's runner walks them, the CLI and the support text print
 * them from results, and the stepper shows the whole road before the core has answered.
 */

export const SETUP_STEP_IDS = [
  'credentials',
  'connect',
  'inspect',
  'plan',
  'apply',
  'keep',
  'verify',
  'test-events',
  'agent-identity',
  'channel-bot'
] as const

/** One step of the setup. */
export type SetupStepId = (typeof SETUP_STEP_IDS)[number]

/** What a step changes: Zendesk (only after the admin confirms the plan), this computer (the keychain and the customer's record), or nothing. */
export type SetupWrites = 'zendesk' | 'this-computer' | null

/** What the runner, the CLI and the screen need to know about a step. */
export interface SetupStepDefinition {
  id: SetupStepId
  title: string
  /**
   * Earlier steps whose results it uses: it runs once each passed or warned, and waits while one
   * waits — so while the plan awaits the admin's confirmation, everything after it waits too, and
   * only the channel-bot report (which needs nothing but the inspection) runs. Whatever the needs,
   * the setup stops at its first failure, as the guide does.
   */
  needs: readonly SetupStepId[]
  writes: SetupWrites
  /** What the stepper says while the step waits: what it waits for, never just "waiting". */
  awaits: string
}

const AFTER_CHANGES = 'Awaits the changes'

/** The steps, in order. */
export const SETUP_STEPS: readonly SetupStepDefinition[] = [
  { id: 'credentials', title: 'Credentials in the keychain', needs: [], writes: null, awaits: 'Awaits the credentials' },
  { id: 'connect', title: 'Zendesk reachable and credentials work', needs: ['credentials'], writes: null, awaits: 'Awaits the credentials' },
  { id: 'inspect', title: 'Find what exists', needs: ['connect'], writes: null, awaits: 'Awaits Zendesk' },
  { id: 'plan', title: 'Plan the changes', needs: ['inspect'], writes: null, awaits: 'Awaits the account' },
  { id: 'apply', title: 'Apply the changes', needs: ['plan'], writes: 'zendesk', awaits: 'Awaits your confirmation' },
  { id: 'keep', title: 'Keep the webhook ID and secret', needs: ['apply'], writes: 'this-computer', awaits: AFTER_CHANGES },
  { id: 'verify', title: 'Verify by reading back', needs: ['keep'], writes: null, awaits: AFTER_CHANGES },
  { id: 'test-events', title: 'Send test events', needs: ['verify'], writes: null, awaits: AFTER_CHANGES },
  { id: 'agent-identity', title: 'Agent identity', needs: ['test-events'], writes: null, awaits: AFTER_CHANGES },
  { id: 'channel-bot', title: 'Channel bot', needs: ['inspect'], writes: null, awaits: 'Awaits the account' }
]

const BY_ID = new Map(SETUP_STEPS.map((s) => [s.id, s]))

/** A step's definition (every id in {@link SETUP_STEP_IDS} has one). */
export const setupStep = (id: SetupStepId): SetupStepDefinition => {
  const d = BY_ID.get(id)
  if (!d) throw new Error(`Unknown setup step ${id}`)
  return d
}

/** True for an id of the setup (input from the renderer or a saved result). */
export const isSetupStepId = (id: string): id is SetupStepId => BY_ID.has(id as SetupStepId)

/**
 * Whether a step can start, given the statuses so far: `run` when each step it needs passed or
 * warned, `wait` while one waits, `skip` as soon as one failed or was skipped.
 */
export const setupReadiness = (id: SetupStepId, done: ReadonlyMap<SetupStepId, TaskStatus>): 'run' | 'wait' | 'skip' => {
  let wait = false
  for (const need of setupStep(id).needs) {
    const s = done.get(need) ?? 'pending'
    if (s === 'fail' || s === 'skipped') return 'skip'
    if (s !== 'pass' && s !== 'warn') wait = true
  }
  return wait ? 'wait' : 'run'
}
