import type { SetupStepData } from '../../../shared/contract/setup'
import type { FixAction } from '../../../shared/fix-actions'
import type { Profile } from '../../../shared/schemas/profile'
import type { App, Webhook } from '../../../shared/schemas/zendesk'
import type { AccountInspection, ManualSteps, PlanItem, WriteTargetInfo } from '../../../shared/setup/types'
import type { FinalStatus } from '../../../shared/task/status'
import type { AppError } from '../../../shared/result'
import { AppFailure } from '../errors'
import type { Services } from '../services'
import type { ZendeskClient } from '../zendesk/client'
import type { ClientForProfileOptions } from './client-for-profile'

/**
 * Everything one setup run learns and changes, in one explicit object the step functions read and
 * fill in order: the customer's record (read once), the client, what Zendesk holds, the plan, what
 * was written, the webhook secret. A step only reads what the steps it needs (in
 * `shared/setup/steps.ts`) filled; {@link must} says so when one did not.
 */
export interface SetupState {
  readonly services: Services
  readonly profileRef: string
  readonly mode: 'plan' | 'apply'
  readonly confirm: SetupConfirmations
  /** Recreate the webhook even when it matches the guide: a new secret (a rotation). */
  readonly rotate: boolean
  readonly signal?: AbortSignal
  readonly clientOptions?: ClientForProfileOptions
  /** The customer's stored record, read once by step 1 and replaced by what `keep` saves. */
  profile: Profile | null
  client: ZendeskClient | null
  /** The account every write names; the profile ref until step 1 has read the record. */
  target: WriteTargetInfo
  app: App | null
  inspection: AccountInspection | null
  /** The secret of our webhook when Zendesk returned it on read. */
  knownSecret: string | null
  plan: PlanItem[]
  /** Our integration: found by step 3 or created by step 5. */
  integrationId: string | null
  /** The webhook as step 5 created or repaired it (with its secret); null when untouched. */
  webhook: Webhook | null
  /** The webhook secret as stored after step 6 (null when none is stored). */
  webhookSecret: string | null
  /** Whether that secret is the one Zendesk returned (else only what this computer already held). */
  webhookSecretFromZendesk: boolean
  /** Write requests sent to Zendesk. */
  writes: number
}

/** What the admin confirmed: the changes, deleting duplicates, recreating the webhook (each its own). */
export interface SetupConfirmations {
  apply: boolean
  deleteDuplicates: boolean
  recreateWebhook?: boolean
}

/** What a step reports: its status (default `pass`), the message, the manual way, what it found, the fixes the app can do. */
export interface StepOutcome {
  status?: Exclude<FinalStatus, 'fail'>
  message: string
  manual?: ManualSteps
  data?: SetupStepData
  actions?: FixAction[]
}

/** One step's work; a thrown error fails the step with its message (and the manual way). */
export interface SetupStepImpl {
  run(state: SetupState): Promise<StepOutcome>
  /** The Admin Center way to show when the step fails. */
  manualOnFailure?(state: SetupState): ManualSteps | undefined
  /** The fixes the app can carry out when the step fails with this error. */
  actionsOnFailure?(state: SetupState, error: AppError): FixAction[]
}

/** A failure that carries its own manual way (a failed delete, say), what was found, and the fixes. */
export class StepFailure extends Error {
  constructor(
    readonly error: AppError,
    readonly manual?: ManualSteps,
    readonly extra: { data?: SetupStepData; actions?: FixAction[] } = {}
  ) {
    super(error.message)
  }
}

/** A value an earlier step must have filled; a clear internal error instead of a `!`. */
export const must = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) {
    throw new AppFailure({ code: 'setup-internal', message: `The setup reached a step without ${what}.`, fix: 'Run the setup again; if it happens again, copy the steps for support.' })
  }
  return value
}

/** The customer's record and the Zendesk client, which every step after step 1 uses. */
export const connected = (s: SetupState): { profile: Profile; client: ZendeskClient } => ({
  profile: must(s.profile, "the customer's record"),
  client: must(s.client, 'a Zendesk client')
})

/** A fresh state for one run. */
export const newSetupState = (
  services: Services,
  options: Pick<SetupState, 'profileRef' | 'mode' | 'confirm' | 'signal' | 'clientOptions'> & { rotate?: boolean }
): SetupState => ({
  services,
  ...options,
  rotate: options.rotate ?? false,
  profile: null,
  client: null,
  target: { customer: options.profileRef, account: '', appId: '' },
  app: null,
  inspection: null,
  knownSecret: null,
  plan: [],
  integrationId: null,
  webhook: null,
  webhookSecret: null,
  webhookSecretFromZendesk: false,
  writes: 0
})
