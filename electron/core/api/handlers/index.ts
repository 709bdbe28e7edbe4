import type { Handlers } from '../context'
import { appHandlers } from './app'

/**
 * Every call's handler, one group per feature (as Bruno splits its IPC by domain). The type
 * `Handlers` makes a contract call without a handler a compile error.
 */
export const createHandlers = (): Handlers => ({
  ...appHandlers
})
