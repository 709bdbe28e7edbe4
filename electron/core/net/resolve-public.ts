import { lookup } from 'node:dns/promises'
import { classifyIpAddress, describeAddressKind, normalizeHost, parseIpAddress, type AddressClass } from '../../../shared/net/ip-address'
import { AppFailure } from '../errors'

/** Answers every address of a host name (dns.lookup with `all: true` by default). */
export type HostResolver = (host: string) => Promise<Array<{ address: string; family: number }>>

const osResolver: HostResolver = (host) => lookup(host, { all: true, verbatim: true })

/** One address a host resolved to, checked. */
export interface CheckedAddress {
  address: string
  family: 4 | 6
  class: AddressClass
}

/**
 * Resolves a URL host the way the connection will (every A and AAAA answer) and refuses it when ANY
 * answer is not public: a host answering both a public and a private address would otherwise let
 * the OS pick the private one. The caller connects to the returned address, never re-resolving, so
 * a DNS rebinding between check and connect cannot swap it.
 */
export const resolvePublic = async (host: string, options: { allowPrivate?: boolean; allowAddresses?: readonly string[]; resolver?: HostResolver } = {}): Promise<CheckedAddress[]> => {
  const name = normalizeHost(host)
  const literal = parseIpAddress(name)
  let answers: Array<{ address: string; family: number }>
  if (literal) {
    answers = [{ address: literal.canonical, family: literal.family }]
  } else {
    try {
      answers = await (options.resolver ?? osResolver)(name)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'ERROR'
      throw new AppFailure({
        code: 'dns-failed',
        message: `The host name "${name}" could not be resolved (${code}).`,
        fix: 'Check the spelling of the link and that this computer is online.'
      })
    }
  }
  if (answers.length === 0) {
    throw new AppFailure({ code: 'dns-failed', message: `The host name "${name}" has no address.`, fix: 'Check the spelling of the link.' })
  }
  const checked: CheckedAddress[] = answers.map((a) => {
    const c = classifyIpAddress(a.address) ?? { kind: 'reserved' as const, isPublic: false, family: (a.family === 6 ? 6 : 4) as 4 | 6, address: a.address }
    return { address: c.address, family: c.family, class: c }
  })
  if (!options.allowPrivate) {
    const allowed = new Set((options.allowAddresses ?? []).map((a) => parseIpAddress(a)?.canonical).filter(Boolean))
    const bad = checked.find((c) => !c.class.isPublic && !allowed.has(c.address))
    if (bad) {
      const wrapped = bad.class.embedded ? ` (it carries ${bad.class.embedded})` : ''
      throw new AppFailure({
        code: 'private-address',
        message: `"${name}" ${literal ? 'is' : 'resolves to'} ${bad.address}, ${describeAddressKind(bad.class.kind)}${wrapped}: the public, and Zendesk, cannot reach it.`,
        fix: 'Make sure the image is publicly accessible: host it on a public web server. (To test an intranet or the local sandbox, allow private addresses.)',
        details: { host: name, address: bad.address, kind: bad.class.kind }
      })
    }
  }
  return checked
}
