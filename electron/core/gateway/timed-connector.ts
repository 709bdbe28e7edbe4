import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { connect as netConnect, isIP, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import type { buildConnector } from 'undici'
import { classifyIpAddress, describeAddressKind } from '../../../shared/net/ip-address'

/** Connection timings of one request, filled in as the connection is made. */
export interface ConnectTimings {
  dnsMs?: number
  connectMs?: number
  tlsMs?: number
  address?: string
}

/** A DNS answer that may not be connected to (private, with the profile not allowing it). */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS'
  constructor(readonly host: string, readonly address: string, readonly kind: string) {
    super(`${host} resolves to ${address}, ${kind}`)
  }
}

/**
 * An undici connector that opens the socket itself so it can time each phase: DNS (a timed lookup
 * that also refuses private answers unless allowed, so the address checked is the one connected
 * to), TCP connect and the TLS handshake. undici's own connector hides these.
 */
export const timedConnector = (timings: ConnectTimings, opts: { allowPrivate: boolean; timeoutMs: number }): buildConnector.connector => {
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '')
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80)
    const start = performance.now()
    let lookupEnd: number | undefined
    const lookup = (hostname: string, o: object, cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
      const t = performance.now()
      dnsLookup(hostname, { ...o, all: true }, (err, addresses) => {
        lookupEnd = performance.now()
        timings.dnsMs = lookupEnd - t
        if (err) return cb(err, '')
        const list = addresses as LookupAddress[]
        if (!opts.allowPrivate) {
          for (const a of list) {
            const c = classifyIpAddress(a.address)
            if (c && !c.isPublic) return cb(new PrivateAddressError(hostname, a.address, describeAddressKind(c.kind)) as unknown as NodeJS.ErrnoException, '')
          }
        }
        const all = (o as { all?: boolean }).all
        if (all) cb(null, list)
        else cb(null, list[0].address, list[0].family)
      })
    }
    const useLookup = isIP(host) === 0
    let socket: Socket
    let done = false
    const finish = (err: Error | null): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (err) {
        socket.destroy()
        callback(err, null)
      } else callback(null, socket)
    }
    const timer = setTimeout(() => {
      const e = Object.assign(new Error(`Connecting to ${host} timed out.`), { code: 'UND_ERR_CONNECT_TIMEOUT' })
      finish(e)
    }, opts.timeoutMs)
    if (options.protocol === 'https:') {
      socket = tlsConnect({
        host,
        port,
        servername: isIP(host) ? undefined : host,
        ALPNProtocols: ['http/1.1'],
        ...(useLookup ? { lookup: lookup as never } : {})
      })
      let tcpAt = 0
      socket.once('connect', () => {
        tcpAt = performance.now()
        timings.connectMs = tcpAt - (lookupEnd ?? start)
      })
      socket.once('secureConnect', () => {
        timings.tlsMs = performance.now() - (tcpAt || start)
        timings.address = socket.remoteAddress
        finish(null)
      })
    } else {
      socket = netConnect({ host, port, ...(useLookup ? { lookup: lookup as never } : {}) })
      socket.once('connect', () => {
        timings.connectMs = performance.now() - (lookupEnd ?? start)
        timings.address = socket.remoteAddress
        finish(null)
      })
    }
    socket.setNoDelay(true)
    socket.once('error', (e) => finish(e))
  }
}
