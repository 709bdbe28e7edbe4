import type { SetupResult, SetupStep } from '../../../shared/contract/setup'
import { planSummary } from '../../../shared/setup/plan'
import { SETUP_STEPS, setupReadiness, type SetupStepDefinition, type SetupStepId } from '../../../shared/setup/steps'
import { targetWords } from '../../../shared/setup/target'
import { isGood, type TaskStatus } from '../../../shared/task/status'
import { AppFailure, toAppError } from '../errors'
import type { Services } from '../services'
import { agentIdentityStep } from './agent-identity-step'
import { applyStep } from './apply-step'
import type { ClientForProfileOptions } from './client-for-profile'
import { keepStep } from './keep-step'
import { channelBotStep, connectStep, credentialsStep, inspectStep, planStep } from './read-steps'
import { newSetupState, StepFailure, type SetupConfirmations, type SetupState, type SetupStepImpl } from './state'
import { testEventsStep } from './test-events-step'
import { verifyStep } from './verify-step'

export interface RunSetupOptions {
  profileRef: string
  /** `plan` writes nothing to Zendesk; `apply` writes what `confirm` allows. */
  mode: 'plan' | 'apply'
  confirm: SetupConfirmations
  /** Recreate the webhook even when it matches the guide (a new secret); needs `confirm.recreateWebhook` to write. */
  rotate?: boolean
  signal?: AbortSignal
  /** Called with a copy of a step every time it changes (progress events, the CLI's lines). */
  onStep?: (step: SetupStep) => void
  /** Client tuning (a counting dispatcher for the bench, a faster retry policy in tests). */
  client?: ClientForProfileOptions
  /** Replaces some steps' work (the runner's own unit tests). */
  work?: Partial<Record<SetupStepId, SetupStepImpl>>
}

/** The work of each declared step (`shared/setup/steps.ts` says which needs which). */
const STEP_WORK: Record<SetupStepId, SetupStepImpl> = {
  credentials: credentialsStep,
  connect: connectStep,
  inspect: inspectStep,
  plan: planStep,
  apply: applyStep,
  keep: keepStep,
  verify: verifyStep,
  'test-events': testEventsStep,
  'agent-identity': agentIdentityStep,
  'channel-bot': channelBotStep
}

/**
 * A Zendesk write waits for the admin while the plan has changes they have not confirmed, or a
 * webhook to recreate they have not confirmed (the account does not match the guide without it).
 * Unconfirmed deletions do not hold it up: it runs, deletes nothing, and says so (they have their
 * own confirmation).
 */
const awaitsConfirmation = (def: SetupStepDefinition, s: SetupState): boolean => {
  if (def.writes !== 'zendesk') return false
  const changes = s.plan.some((p) => p.confirm === 'apply') && (s.mode === 'plan' || !s.confirm.apply)
  const recreate = s.plan.some((p) => p.confirm === 'recreateWebhook') && (s.mode === 'plan' || !s.confirm.recreateWebhook)
  return changes || recreate
}

/** One run's steps as they change, each change reported as a copy. */
class StepBoard {
  readonly steps: SetupStep[] = SETUP_STEPS.map((d) => ({ id: d.id, title: d.title, status: 'pending', message: '', durationMs: 0 }))

  constructor(private readonly onStep?: (step: SetupStep) => void) {}

  get(id: SetupStepId): SetupStep {
    const step = this.steps.find((s) => s.id === id)
    if (!step) throw new Error(`Unknown setup step ${id}`)
    return step
  }

  set(id: SetupStepId, patch: Partial<SetupStep>): void {
    const step = Object.assign(this.get(id), patch)
    this.onStep?.(structuredClone(step))
  }

  statuses(): Map<SetupStepId, TaskStatus> {
    return new Map(this.steps.map((s) => [s.id, s.status]))
  }

  firstFailure(): SetupStep | undefined {
    return this.steps.find((s) => s.status === 'fail')
  }
}

const cancelledError = (title: string) => ({ code: 'cancelled', message: `The setup was cancelled during "${title}".`, fix: 'Run it again when ready; it resumes where it stopped and never creates a second integration.' })

/** Runs one step's work, timed, turning a thrown error into a failed step with its manual way. */
const runStep = async (def: SetupStepDefinition, work: SetupStepImpl, s: SetupState, board: StepBoard): Promise<void> => {
  const redact = s.services.secrets.redact
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  board.set(def.id, { status: 'running', message: '' })
  try {
    if (s.signal?.aborted) throw new AppFailure(cancelledError(def.title))
    const out = await work.run(s)
    board.set(def.id, {
      status: out.status ?? 'pass',
      message: redact(out.message),
      durationMs: elapsed(),
      ...(out.manual ? { manual: out.manual } : {}),
      ...(out.data !== undefined ? { data: out.data } : {}),
      ...(out.actions?.length ? { actions: out.actions } : {})
    })
  } catch (e) {
    const error = s.signal?.aborted
      ? cancelledError(def.title)
      : e instanceof StepFailure
        ? { ...e.error, message: redact(e.error.message), fix: redact(e.error.fix) }
        : toAppError(e, redact)
    const failure = e instanceof StepFailure ? e : null
    const manual = failure?.manual ?? work.manualOnFailure?.(s)
    const actions = s.signal?.aborted ? [] : (failure?.extra.actions ?? work.actionsOnFailure?.(s, error) ?? [])
    board.set(def.id, {
      status: 'fail',
      message: error.message,
      durationMs: elapsed(),
      error,
      ...(manual ? { manual } : {}),
      ...(failure?.extra.data ? { data: failure.extra.data } : {}),
      ...(actions.length ? { actions } : {})
    })
  }
}

/**
 * Walks one declared step. The setup stops at its first failure, as the guide does (diagnose is
 * what checks every link regardless); otherwise a step waits while a step it needs waits, a Zendesk
 * write waits for the admin's confirmation, and the rest runs.
 */
const walk = async (def: SetupStepDefinition, work: SetupStepImpl, s: SetupState, board: StepBoard): Promise<void> => {
  const failed = board.firstFailure()
  const readiness = failed ? 'skip' : setupReadiness(def.id, board.statuses())
  if (readiness === 'skip') {
    board.set(def.id, { status: 'skipped', message: failed ? `Not run: the step "${failed.title}" failed.` : 'Not run: a step it needs did not run.' })
  } else if (readiness === 'wait') {
    board.set(def.id, { status: 'waiting', message: 'Runs after the changes are applied.' })
  } else if (awaitsConfirmation(def, s)) {
    board.set(def.id, { status: 'waiting', message: `Waiting for your confirmation to write to ${targetWords(s.target)}. Nothing was written.` })
  } else {
    await runStep(def, work, s, board)
  }
}

const DELIVERED = 'the gateway accepts test events signed with the stored webhook secret, so messages arrive'

/** The run in one sentence: where it stopped, what waits, or what it did and whether messages arrive. */
const summaryOf = (s: SetupState, board: StepBoard, configured: boolean): string => {
  const failed = board.firstFailure()
  if (failed) return `Setup stopped at "${failed.title}": ${failed.message}`
  const where = targetWords(s.target)
  if (board.get('apply').status === 'waiting') return `${planSummary(s.plan)} Target: ${where}.`
  const left = s.confirm.deleteDuplicates ? 0 : s.plan.filter((p) => p.confirm === 'deleteDuplicates').length
  const did = s.writes > 0
    ? `Setup done with ${s.writes} write${s.writes === 1 ? '' : 's'} to ${where}`
    : left
      ? `The account matches the setup guide, so nothing was written (${where})`
      : `Nothing to change: the account already matches the setup guide, so nothing was written (${where})`
  const dups = left ? `; ${left} duplicate${left === 1 ? '' : 's'} still send${left === 1 ? 's' : ''} to the gateway until you confirm deleting ${left === 1 ? 'it' : 'them'}` : ''
  if (configured) return `${did}${dups}; ${DELIVERED}.`
  return `${did}${dups}. Delivery is not proven yet: ${board.get('test-events').message}`
}

/**
 * The guided setup of the guide's "Create the integration manually", step by step over one
 * explicit state: read, plan, and only with confirmation write exactly the guide's values, keep the
 * webhook's ID and secret, read everything back, then prove delivery with test events. A run on
 * an account that needs no change proves delivery too, so "configured" means messages arrive.
 * Safe to repeat (a correct account gets zero writes) and to interrupt (it finds its own
 * integration by name and target before ever creating one).
 */
export const runSetup = async (services: Services, options: RunSetupOptions): Promise<SetupResult> => {
  const s = newSetupState(services, { profileRef: options.profileRef, mode: options.mode, confirm: options.confirm, rotate: options.rotate, signal: options.signal, clientOptions: options.client })
  const board = new StepBoard(options.onStep)
  try {
    const work = { ...STEP_WORK, ...options.work }
    for (const def of SETUP_STEPS) await walk(def, work[def.id], s, board)
  } finally {
    await s.client?.close()
  }
  const ok = !board.firstFailure()
  const configured = ok && isGood(board.get('verify').status) && board.get('test-events').status === 'pass'
  const summary = services.secrets.redact(summaryOf(s, board, configured))
  return { ok, configured, steps: board.steps, plan: s.plan, writes: s.writes, target: s.target, summary }
}
