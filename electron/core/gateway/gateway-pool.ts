import { Agent, type Dispatcher } from 'undici'
import { timedConnector, type ConnectTimings } from './timed-connector'

/**
 * A keep-alive pool for a burst: up to `connections` sockets to the gateway, each opened through
 * the timed connector (so the same private-address rule applies to every connection) and reused
 * for the next event once its answer is read. It counts the connections it opened, so a burst can
 * show how many events went over an already-open one.
 */
export interface GatewayPool {
  readonly dispatcher: Dispatcher
  /** Connections opened so far (each one's DNS, connect and TLS times are in `connects`). */
  readonly opened: number
  /** Each opened connection's phase times, in opening order. */
  readonly connects: readonly ConnectTimings[]
  /** The URL policy's answer under `key`, checked once per burst (`check` throws when refused). */
  checkedUrl(key: string, check: () => URL): URL
  close(): Promise<void>
}

export interface GatewayPoolOptions {
  /** The profile allows private/loopback targets (the sandbox). */
  allowPrivate: boolean
  /** Connect timeout, and the base of the per-request header/body timeouts. */
  timeoutMs: number
  /** Most sockets open at once (the burst's concurrency). */
  connections: number
}

/** How long an idle socket is kept for the next event (a burst sends back to back). */
const KEEP_ALIVE_MS = 10_000

/** Opens a pool; the caller closes it when the burst is over. */
export const createGatewayPool = (options: GatewayPoolOptions): GatewayPool => {
  const connects: ConnectTimings[] = []
  const agent = new Agent({
    connect: (opts, callback) => {
      const timings: ConnectTimings = {}
      connects.push(timings)
      timedConnector(timings, { allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs })(opts, callback)
    },
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_MS,
    headersTimeout: options.timeoutMs + 1000,
    bodyTimeout: options.timeoutMs + 1000
  })
  const urls = new Map<string, URL>()
  return {
    dispatcher: agent,
    get opened() {
      return connects.length
    },
    connects,
    checkedUrl: (key, check) => {
      let url = urls.get(key)
      if (!url) {
        url = check()
        urls.set(key, url)
      }
      return url
    },
    close: () => agent.close().catch(() => agent.destroy().catch(() => undefined))
  }
}
