import { lookup } from 'node:dns/promises'
import { isIP, connect as tcpConnect, type Socket } from 'node:net'
import { networkInterfaces } from 'node:os'
import { connect as tlsConnect } from 'node:tls'
import { isPrivateHost } from '../../../shared/schemas/profile'

/**
 * What diagnose needs to know about the network before it blames Zendesk or the gateway: whether
 * this machine is offline at all (then network checks are skipped, not failed), and whether the
 * API host resolves and accepts a TCP/TLS connection (the "Zendesk reachable" link).
 */

/** True when the machine has a network interface other than loopback. */
export const hasNonLoopbackInterface = (): boolean =>
  Object.values(networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal))

/** The DNS answer for a host: its addresses, or the resolver's error code. */
export const resolveHost = async (host: string): Promise<{ addresses: string[]; error: string | null }> => {
  const h = host.replace(/^\[|\]$/g, '')
  if (isIP(h)) return { addresses: [h], error: null }
  try {
    const r = await lookup(h, { all: true })
    return { addresses: r.map((a) => a.address), error: null }
  } catch (e) {
    return { addresses: [], error: String((e as { code?: unknown }).code ?? 'EDNS') }
  }
}

const DNS_OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ETIMEOUT', 'ESERVFAIL'])

/**
 * Offline when told so, or when every host that needs the network (not loopback, not private)
 * fails: no interface besides loopback, or no such host resolves. Loopback hosts (the sandbox) never
 * make a machine "offline".
 */
export const detectOffline = async (hosts: string[], explicit?: boolean): Promise<{ offline: boolean; reason: string | null }> => {
  if (explicit) return { offline: true, reason: 'offline mode was requested' }
  const remote = [...new Set(hosts.filter((h) => h && !isPrivateHost(h) && !isIP(h.replace(/^\[|\]$/g, ''))))]
  const publicIps = hosts.filter((h) => isIP(h.replace(/^\[|\]$/g, '')) && !isPrivateHost(h))
  if (remote.length === 0 && publicIps.length === 0) return { offline: false, reason: null }
  if (!hasNonLoopbackInterface()) return { offline: true, reason: 'this machine has no network interface besides loopback' }
  if (remote.length === 0) return { offline: false, reason: null }
  const answers = await Promise.all(remote.map((h) => resolveHost(h)))
  if (answers.every((a) => a.error !== null && DNS_OFFLINE_CODES.has(a.error))) {
    return { offline: true, reason: `no host resolves (${remote.map((h, i) => `${h}: ${answers[i].error}`).join(', ')})` }
  }
  return { offline: false, reason: null }
}

/** What a connect probe saw. */
export interface ConnectProbe {
  host: string
  port: number
  protocol: 'https' | 'http'
  addresses: string[]
  dnsError: string | null
  connected: boolean
  /** The TLS protocol and certificate subject/issuer when https. */
  tls: { protocol: string | null; authorized: boolean; authorizationError: string | null; subject: string | null; issuer: string | null; validTo: string | null } | null
  error: string | null
  errorCode: string | null
  durationMs: number
}

/**
 * Resolves the API host and opens a TCP (http) or TLS (https) connection to it, then closes it:
 * proves DNS, routing and the certificate without sending the API key anywhere.
 */
export const probeConnect = async (rawUrl: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ConnectProbe> => {
  const started = performance.now()
  const url = new URL(rawUrl)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = Number(url.port || (protocol === 'https' ? 443 : 80))
  const out: ConnectProbe = { host, port, protocol, addresses: [], dnsError: null, connected: false, tls: null, error: null, errorCode: null, durationMs: 0 }
  const dns = await resolveHost(host)
  out.addresses = dns.addresses
  out.dnsError = dns.error
  if (dns.error) {
    out.error = `The host ${host} does not resolve (DNS: ${dns.error}).`
    out.errorCode = dns.error
    out.durationMs = performance.now() - started
    return out
  }
  const timeoutMs = options.timeoutMs ?? 10_000
  await new Promise<void>((resolve) => {
    let socket: Socket
    const done = (err?: { code?: string; message: string }): void => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      if (err) {
        out.error = err.message
        out.errorCode = err.code ?? 'ECONNECT'
      }
      socket.destroy()
      resolve()
    }
    const onAbort = (): void => done({ code: 'ABORTED', message: 'The check was cancelled.' })
    if (protocol === 'https') {
      const tlsSocket = tlsConnect({ host: dns.addresses[0], port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] })
      socket = tlsSocket
      tlsSocket.once('secureConnect', () => {
        out.connected = true
        const cert = tlsSocket.getPeerCertificate()
        out.tls = {
          protocol: tlsSocket.getProtocol(),
          authorized: tlsSocket.authorized,
          authorizationError: tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : null,
          subject: cert?.subject?.CN ? String(cert.subject.CN) : null,
          issuer: cert?.issuer?.O ? String(cert.issuer.O) : cert?.issuer?.CN ? String(cert.issuer.CN) : null,
          validTo: cert?.valid_to ?? null
        }
        if (!tlsSocket.authorized) done({ code: 'TLS_UNTRUSTED', message: `The TLS certificate of ${host} is not trusted (${String(tlsSocket.authorizationError)}).` })
        else done()
      })
    } else {
      socket = tcpConnect({ host: dns.addresses[0], port })
      socket.once('connect', () => {
        out.connected = true
        done()
      })
    }
    socket.once('error', (e: NodeJS.ErrnoException) => done({ code: e.code, message: `Connecting to ${host}:${port} failed (${e.code ?? e.message}).` }))
    const timer = setTimeout(() => done({ code: 'ETIMEDOUT', message: `Connecting to ${host}:${port} timed out after ${timeoutMs} ms.` }), timeoutMs)
    options.signal?.addEventListener('abort', onAbort, { once: true })
  })
  out.durationMs = performance.now() - started
  return out
}
