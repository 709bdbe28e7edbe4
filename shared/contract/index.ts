import type { z } from 'zod'
import type { Result } from '../result'
import { appCalls } from './app'
import { avatarCalls } from './avatar'
import { doctorCalls } from './doctor'
import { gatewayCalls } from './events-gateway'
import { sandboxCalls } from './sandbox'
import { setupCalls } from './setup'
import { vaultCalls } from './vault'
import { events, type EventName, type EventPayload } from './events'

/**
 * The one contract between renderer and main, as GitHub Desktop's `ipc-shared.ts`: a map from
 * channel to call. Preload, main, the browser harness and the fuzz tests are all derived from it.
 * Each feature adds its calls in its own file (`./<feature>.ts`) and spreads them here.
 */
export const calls = {
  ...appCalls,
  ...avatarCalls,
  ...doctorCalls,
  ...gatewayCalls,
  ...sandboxCalls,
  ...setupCalls,
  ...vaultCalls
} as const

export { events }
export type { EventName, EventPayload }

export type Channel = keyof typeof calls
export type CallInput<C extends Channel> = z.input<(typeof calls)[C]['input']>
export type CallOutput<C extends Channel> = z.output<(typeof calls)[C]['output']>

/** The channel names, in a stable order (preload exposes one function per name). */
export const channels = Object.keys(calls) as Channel[]
export const eventNames = Object.keys(events) as EventName[]

export { subscriptionName } from './channel-names'

/** What `window.aissist` looks like to the renderer: one function per call and per event. */
export type AissistBridge = {
  [C in Channel]: (input: CallInput<C>) => Promise<Result<CallOutput<C>>>
} & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void
}
