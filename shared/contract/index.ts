import type { z } from 'zod'
import type { Result } from '../result'
import { appCalls } from './app'
import { avatarCalls } from './avatar'
import { doctorCalls } from './doctor'
import { pushEvents, type PushEventName, type PushPayload } from './push'
import { sandboxCalls } from './sandbox'
import { setupCalls } from './setup'
import { testEventCalls } from './test-events'
import { vaultCalls } from './vault'

/**
 * The one contract between renderer and main, as GitHub Desktop's `ipc-shared.ts`: a map from
 * channel to call, and the push events main sends back. Preload, main, the browser harness and the
 * fuzz tests are all derived from it. Each feature adds its calls in its own file
 * (`./<feature>.ts`) and spreads them here.
 */
export const calls = {
  ...appCalls,
  ...avatarCalls,
  ...doctorCalls,
  ...testEventCalls,
  ...sandboxCalls,
  ...setupCalls,
  ...vaultCalls
} as const

export type { PushEventName, PushPayload }

export type Channel = keyof typeof calls
export type CallInput<C extends Channel> = z.input<(typeof calls)[C]['input']>
export type CallOutput<C extends Channel> = z.output<(typeof calls)[C]['output']>

/** The channel names, in a stable order (preload exposes one function per name). */
export const channels = Object.keys(calls) as Channel[]
/** The push event names (preload exposes one `on<Name>` subscription per name). */
export const eventNames = Object.keys(pushEvents) as PushEventName[]

export { subscriptionName } from './channel-names'

/** What `window.aissist` looks like to the renderer: one function per call and per push event. */
export type AissistBridge = {
  [C in Channel]: (input: CallInput<C>) => Promise<Result<CallOutput<C>>>
} & {
  [E in PushEventName as `on${Capitalize<E>}`]: (listener: (payload: PushPayload<E>) => void) => () => void
}
