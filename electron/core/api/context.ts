import type { z } from 'zod'
import type { calls, Channel, CallOutput, PushEventName, PushPayload } from '../../../shared/contract'
import type { Services } from '../services'
import type { Host } from './host'
import type { TaskRegistry } from './tasks'

/** What every handler receives besides its validated input. */
export interface HandlerContext {
  services: Services
  host: Host
  tasks: TaskRegistry
  /** Pushes an event to the renderer (IPC in Electron, server-sent events in the harness). */
  emit<E extends PushEventName>(name: E, payload: PushPayload<E>): void
}

/** A handler gets the input after schema validation (defaults applied), never raw. */
export type Handler<C extends Channel> = (
  input: z.output<(typeof calls)[C]['input']>,
  ctx: HandlerContext
) => Promise<CallOutput<C>>

/** One handler per channel: the type makes a missing handler a compile error. */
export type Handlers = { [C in Channel]: Handler<C> }

/** A feature's slice of the handlers. */
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> }
