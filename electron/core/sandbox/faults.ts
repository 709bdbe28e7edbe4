import type { IncomingMessage, ServerResponse } from 'node:http'
import { delay, send } from './http'

/**
 * Fault injection for the sandbox: every failure the product must explain (wrong key, rate
 * limits, outages, slowness, broken connections, a write whose answer is lost, a gateway that
 * refuses or redirects) can be switched on per endpoint, for the next N requests or until cleared.
 */
export type FaultKind =
  /** Answer 401 with Zendesk's (or the gateway's) error body. */
  | 'unauthorized'
  /** Answer with `status` (5xx, 4xx) and an error body. */
  | 'status'
  /** Answer 429, with `Retry-After: retryAfter` when given. */
  | 'rate-limit'
  /** Wait `delayMs`, then answer normally. */
  | 'slow'
  /** Destroy the socket before answering anything. */
  | 'drop'
  /** Perform the request (the write happens), then destroy the socket instead of answering. */
  | 'lost-answer'
  /** Gateway only: 302 to `location`. */
  | 'redirect'
  /**
   * Gateway only: a broken gateway that also answers its own echoes (business messages), so each
   * reply comes back and is answered again; capped at `maxLoops` replies per conversation (default
   * 5), counted in the state's `echoLoops`. With `delayMs`, each answer to an echo takes that long
   * (a gateway that thinks before it answers: the loop goes on for seconds, as real ones do).
   */
  | 'echo-loop'

export interface FaultSpec {
  /** Which simulated service: Zendesk (path under `/zendesk`) or the gateway. */
  target?: 'zendesk' | 'gateway'
  /** HTTP method, or `*` (default). */
  method?: string
  /** Path glob after the service prefix: `*` = one segment part, `**` = anything (default `**`). */
  path?: string
  kind: FaultKind
  status?: number
  /** `Retry-After` value as sent: seconds (`"2"`) or an HTTP date. */
  retryAfter?: string
  delayMs?: number
  location?: string
  /** `echo-loop`: most replies to echoes in one conversation before the gateway stops (default 5). */
  maxLoops?: number
  /** Applies to the next `count` matching requests; omitted = until cleared. */
  count?: number
}

export interface ActiveFault extends FaultSpec {
  id: number
  /** How many requests it has hit so far. */
  hits: number
}

const globToRegExp = (glob: string): RegExp => {
  const src = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*')
  return new RegExp(`^${src}$`)
}

/** The sandbox's fault table; in-process for tests, and behind the control API for e2e. */
export class FaultController {
  private faults: (ActiveFault & { re: RegExp })[] = []
  private nextId = 1

  /** Adds a fault; returns its id (to remove it alone). */
  add(spec: FaultSpec): number {
    const id = this.nextId++
    this.faults.push({ target: 'zendesk', method: '*', path: '**', ...spec, id, hits: 0, re: globToRegExp(spec.path ?? '**') })
    return id
  }

  remove(id: number): boolean {
    const before = this.faults.length
    this.faults = this.faults.filter((f) => f.id !== id)
    return this.faults.length !== before
  }

  clear(): void {
    this.faults = []
  }

  list(): ActiveFault[] {
    return this.faults.map(({ re: _re, ...f }) => ({ ...f }))
  }

  /** The first fault matching this request, consumed once (counted faults run out). */
  take(target: 'zendesk' | 'gateway', method: string, path: string): ActiveFault | null {
    const f = this.faults.find(
      (x) => x.target === target && (x.method === '*' || x.method?.toUpperCase() === method.toUpperCase()) && x.re.test(path)
    )
    if (!f) return null
    f.hits++
    if (f.count !== undefined && f.hits >= f.count) this.faults = this.faults.filter((x) => x !== f)
    const { re: _re, ...copy } = f
    return copy
  }
}

/** The default cap of an `echo-loop` fault. */
export const DEFAULT_ECHO_LOOPS = 5

/**
 * Applies the faults shared by both services (drop, slow, rate-limit, status, unauthorized);
 * true when the request was answered (or killed), false when it goes on (slow, or another kind).
 */
export const applyCommonFault = async (f: ActiveFault, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
  const zendesk = f.target !== 'gateway'
  switch (f.kind) {
    case 'drop':
      req.socket.destroy()
      return true
    case 'slow':
      await delay(f.delayMs ?? 1000)
      return false
    case 'rate-limit':
      send(res, {
        status: 429,
        body: zendesk ? { errors: [{ code: 'too_many_requests', title: 'Too Many Requests' }] } : { error: 'too_many_requests' },
        headers: f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {}
      })
      return true
    case 'status': {
      const status = f.status ?? 500
      send(res, {
        status,
        body: zendesk ? { errors: [{ code: status >= 500 ? 'internal_error' : 'bad_request', title: `Simulated ${status}` }] } : { error: `simulated_${status}` }
      })
      return true
    }
    case 'unauthorized':
      if (!zendesk) return false
      send(res, { status: 401, body: { errors: [{ code: 'unauthorized', title: 'Authorization is required' }] } })
      return true
    default:
      return false
  }
}
