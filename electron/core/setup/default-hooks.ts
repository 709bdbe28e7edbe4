import { agentIdentityStep } from './agent-identity-step'
import { registerSetupHook } from './hooks'
import { testEventsStep } from './test-events-step'

/**
 * Plugs the test-events and agent-identity capabilities into setup as steps 8 and 9. Imported by
 * run-setup.ts, so the app, the CLI, the bench and the tests all run the same steps; the hooks
 * module itself stays free of these imports (no cycle, and either capability can be swapped).
 */
export const registerDefaultSetupHooks = (): void => {
  registerSetupHook('test-events', testEventsStep)
  registerSetupHook('agent-identity', agentIdentityStep)
}

registerDefaultSetupHooks()
