import type { StepStatus } from '../../../shared/contract/events'
import type { AppError } from '../../../shared/result'
import type { ManualSteps } from '../../../shared/setup/types'

/** The setup's steps, in the order. */
export const SETUP_STEPS = [
  { id: 'credentials', title: 'Credentials in the keychain' },
  { id: 'connect', title: 'Zendesk reachable and credentials work' },
  { id: 'inspect', title: 'Find what exists' },
  { id: 'plan', title: 'Plan the changes' },
  { id: 'apply', title: 'Apply the changes' },
  { id: 'keep', title: 'Keep the webhook ID and secret' },
  { id: 'verify', title: 'Verify by reading back' },
  { id: 'test-events', title: 'Send test events' },
  { id: 'agent-identity', title: 'Agent identity' },
  { id: 'channel-bot', title: 'Channel bot' }
] as const

export type SetupStepId = (typeof SETUP_STEPS)[number]['id']

/** One step as the stepper, the CLI and the JSON show it. */
export interface SetupStep {
  id: SetupStepId
  title: string
  status: StepStatus
  message: string
  durationMs: number
  /** On failure: the error with Zendesk's words verbatim, its meaning and the fix. */
  error?: AppError
  /** The manual way in Admin Center, with exact values. */
  manual?: ManualSteps
  /** Step-specific, secret-free detail (the plan, the inspection). */
  data?: unknown
}
