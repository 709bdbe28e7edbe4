import type { Handlers } from '../context'
import { appHandlers } from './app'
import { avatarHandlers } from './avatar'
import { doctorHandlers } from './doctor'
import { sandboxHandlers } from './sandbox'
import { setupHandlers } from './setup'
import { testEventHandlers } from './test-events'
import { vaultHandlers } from './vault'

/**
 * Every call's handler, one group per feature (as Bruno splits its IPC by domain). The type
 * `Handlers` makes a contract call without a handler a compile error.
 */
export const createHandlers = (): Handlers => ({
  ...appHandlers,
  ...avatarHandlers,
  ...doctorHandlers,
  ...testEventHandlers,
  ...sandboxHandlers,
  ...setupHandlers,
  ...vaultHandlers
})
