import type { StepStatus } from '../../../shared/contract/events'
import type { Profile } from '../../../shared/schemas/profile'
import type { AccountInspection } from '../../../shared/setup/types'
import type { Services } from '../services'
import type { ZendeskClient } from '../zendesk/client'

/** The steps other capabilities plug into the setup once they exist. */
export type SetupHookId = 'test-events' | 'agent-identity'

/** What a plugged-in step gets: the account as setup left it. */
export interface SetupHookContext {
  services: Services
  profile: Profile
  client: ZendeskClient
  inspection: AccountInspection
  signal?: AbortSignal
}

/** What a plugged-in step reports; a thrown error fails the step with its message. */
export interface SetupHookResult {
  status: StepStatus
  message: string
  data?: unknown
}

export interface SetupHook {
  run(ctx: SetupHookContext): Promise<SetupHookResult>
}

const hooks = new Map<SetupHookId, SetupHook>()

/**
 * The seam for the test-events and agent-identity capabilities: they register here at start-up
 * (`registerSetupHook('test-events', …)`), and setup runs them as steps 8 and 9 — without setup
 * importing them, so neither waits for the other.
 */
export const registerSetupHook = (id: SetupHookId, hook: SetupHook): (() => void) => {
  hooks.set(id, hook)
  return () => {
    if (hooks.get(id) === hook) hooks.delete(id)
  }
}

/** The hook for a step, if its capability registered one. */
export const setupHook = (id: SetupHookId): SetupHook | undefined => hooks.get(id)
