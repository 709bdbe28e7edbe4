/**
 * Pure parsing and classification of IP addresses, so the safe fetch (core) and the avatar verdict
 * (shared, shown in the UI) agree on what "public" means. An attacker — or an unlucky paste — can
 * spell 127.0.0.1 as `2130706433`, `0x7f.1`, `0177.0.0.1`, `[::ffff:7f00:1]` or `64:ff9b::7f00:1`;
 * every spelling that browsers and resolvers accept is parsed here to the same bytes.
 */

/** Why an address is (not) reachable by the public internet; only `public` may be fetched by default. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'benchmarking'
  | 'cloud-metadata'

/** One parsed address: 4 or 16 bytes, its canonical text, and an IPv6 zone id when given. */
export interface ParsedAddress {
  family: 4 | 6
  bytes: number[]
  /** Dotted quad for IPv4, RFC 5952 compressed form for IPv6. */
  canonical: string
  zone?: string
}

/** The classification of one address, with the IPv4 address it embeds when it is an IPv6 wrapper. */
export interface AddressClass {
  kind: AddressKind
  isPublic: boolean
  family: 4 | 6
  address: string
  /** How an IPv6 address carries an IPv4 one (`::ffff:a.b.c.d`, NAT64, 6to4…), when it does. */
  via?: 'ipv4-mapped' | 'ipv4-compatible' | 'nat64' | '6to4' | 'teredo'
  embedded?: string
}

/** Parses one inet_aton part: decimal, `0x` hex or leading-`0` octal. */
const parseV4Part = (part: string): number | null => {
  if (part === '') return null
  let n: number
  if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16)
  else if (/^0[0-7]+$/.test(part)) n = parseInt(part.slice(1), 8)
  else if (/^0[0-9]+$/.test(part)) return null // "08" is neither octal nor decimal to a resolver
  else if (/^[0-9]+$/.test(part)) n = parseInt(part, 10)
  else return null
  if (part.replace(/^0x/i, '').length > 32) return null
  return Number.isSafeInteger(n) ? n : null
}

/**
 * Parses IPv4 in every notation inet_aton and the WHATWG URL parser accept: 1 to 4 parts, each
 * decimal, hex or octal, the last part filling the remaining bytes (`127.1`, `2130706433`,
 * `0x7f.0.0.1`, `017700000001`), with one trailing dot allowed (`127.0.0.1.`).
 */
export const parseIPv4 = (text: string): number[] | null => {
  let s = text.trim()
  if (s.endsWith('.')) s = s.slice(0, -1)
  if (s === '') return null
  const parts = s.split('.')
  if (parts.length > 4) return null
  const nums: number[] = []
  for (const p of parts) {
    const n = parseV4Part(p)
    if (n === null) return null
    nums.push(n)
  }
  const last = nums[nums.length - 1]
  const head = nums.slice(0, -1)
  if (head.some((n) => n > 255)) return null
  const lastBytes = 4 - head.length
  if (last >= 256 ** lastBytes) return null
  const tail: number[] = []
  let rest = last
  for (let i = 0; i < lastBytes; i++) {
    tail.unshift(rest % 256)
    rest = Math.floor(rest / 256)
  }
  return [...head, ...tail]
}

/** Parses an IPv6 address (with `::`, a trailing dotted IPv4 and a `%zone`), or null. */
export const parseIPv6 = (text: string): { bytes: number[]; zone?: string } | null => {
  let s = text.trim()
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1)
  let zone: string | undefined
  const pct = s.indexOf('%')
  if (pct >= 0) {
    zone = s.slice(pct + 1).replace(/^25/, '') // "%25eth0" is the URL-encoded form of "%eth0"
    s = s.slice(0, pct)
    if (!/^[A-Za-z0-9_.~-]+$/.test(zone)) return null
  }
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null
  let v4tail: number[] = []
  const lastColon = s.lastIndexOf(':')
  const tailText = s.slice(lastColon + 1)
  if (tailText.includes('.')) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(tailText)) return null
    v4tail = tailText.split('.').map(Number)
    if (v4tail.some((n) => n > 255)) return null
    const head = s.slice(0, lastColon + 1)
    s = head.endsWith('::') ? head : head.slice(0, -1)
  }
  const groupsWanted = v4tail.length ? 6 : 8
  const halves = s.split('::')
  if (halves.length > 2) return null
  const toGroups = (h: string): number[] | null => {
    if (h === '') return []
    const out: number[] = []
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
      out.push(parseInt(g, 16))
    }
    return out
  }
  const left = toGroups(halves[0])
  const right = halves.length === 2 ? toGroups(halves[1]) : []
  if (!left || !right) return null
  let groups: number[]
  if (halves.length === 2) {
    const fill = groupsWanted - left.length - right.length
    if (fill < 1) return null
    groups = [...left, ...new Array<number>(fill).fill(0), ...right]
  } else {
    if (left.length !== groupsWanted) return null
    groups = left
  }
  const bytes: number[] = []
  for (const g of groups) bytes.push(g >> 8, g & 255)
  bytes.push(...v4tail)
  return zone === undefined ? { bytes } : { bytes, zone }
}

/** Dotted quad of 4 bytes. */
export const formatIPv4 = (b: number[]): string => b.join('.')

/** RFC 5952 text of 16 bytes: lower case, longest run of zero groups compressed. */
export const formatIPv6 = (b: number[]): string => {
  const groups: number[] = []
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1])
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen && j - i > 1) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`
}

/**
 * Parses any IP literal as a URL host or a resolver answer could carry it — bracketed IPv6 with a
 * zone, IPv4 in any inet_aton notation, a trailing dot — or returns null for a host name.
 */
export const parseIpAddress = (text: string): ParsedAddress | null => {
  const s = text.trim()
  const v6 = parseIPv6(s)
  if (v6) {
    return { family: 6, bytes: v6.bytes, canonical: formatIPv6(v6.bytes), ...(v6.zone !== undefined ? { zone: v6.zone } : {}) }
  }
  if (s.startsWith('[')) return null
  const v4 = parseIPv4(s)
  return v4 ? { family: 4, bytes: v4, canonical: formatIPv4(v4) } : null
}

const inV4 = (b: number[], net: [number, number, number, number], bits: number): boolean => {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8))
    if (take === 0) return true
    const mask = (0xff << (8 - take)) & 0xff
    if ((b[i] & mask) !== (net[i] & mask)) return false
  }
  return true
}

const V4_RULES: Array<[[number, number, number, number], number, AddressKind]> = [
  [[169, 254, 169, 254], 32, 'cloud-metadata'], // AWS, GCP, Azure, OpenStack
  [[169, 254, 170, 2], 32, 'cloud-metadata'], // AWS ECS task metadata
  [[100, 100, 100, 200], 32, 'cloud-metadata'], // Alibaba Cloud
  [[192, 0, 0, 192], 32, 'cloud-metadata'], // Oracle Cloud
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[0, 0, 0, 0], 32, 'unspecified'],
  [[0, 0, 0, 0], 8, 'unspecified'], // "this network"
  [[127, 0, 0, 0], 8, 'loopback'],
  [[10, 0, 0, 0], 8, 'private'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 168, 0, 0], 16, 'private'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[100, 64, 0, 0], 10, 'cgnat'],
  [[192, 0, 0, 0], 24, 'reserved'], // IETF protocol assignments
  [[192, 0, 2, 0], 24, 'documentation'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved'], // former 6to4 relay anycast
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved']
]

const classifyV4Bytes = (b: number[]): AddressKind => {
  for (const [net, bits, kind] of V4_RULES) if (inV4(b, net, bits)) return kind
  return 'public'
}

const startsWith = (b: number[], prefix: number[], bits: number): boolean => {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8)
    const mask = (0xff << (8 - take)) & 0xff
    if ((b[i] & mask) !== ((prefix[i] ?? 0) & mask)) return false
  }
  return true
}

const result = (kind: AddressKind, family: 4 | 6, address: string, extra: Partial<AddressClass> = {}): AddressClass => ({
  kind,
  isPublic: kind === 'public',
  family,
  address,
  ...extra
})

const classifyV6Bytes = (b: number[], canonical: string): AddressClass => {
  const all0 = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0)
  if (all0(0, 16)) return result('unspecified', 6, canonical)
  if (all0(0, 15) && b[15] === 1) return result('loopback', 6, canonical)
  const embedded = (bytes: number[], via: AddressClass['via']): AddressClass => {
    const v4 = formatIPv4(bytes)
    return result(classifyV4Bytes(bytes), 6, canonical, { via, embedded: v4 })
  }
  if (all0(0, 10) && b[10] === 0xff && b[11] === 0xff) return embedded(b.slice(12), 'ipv4-mapped')
  if (all0(0, 12)) return embedded(b.slice(12), 'ipv4-compatible')
  // ::ffff:0:a.b.c.d (SIIT, RFC 2765)
  if (all0(0, 8) && b[8] === 0xff && b[9] === 0xff && all0(10, 12)) return embedded(b.slice(12), 'ipv4-mapped')
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b], 96)) return embedded(b.slice(12), 'nat64')
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) return result('reserved', 6, canonical, { via: 'nat64' }) // local-use NAT64
  if (startsWith(b, [0x20, 0x02], 16)) return embedded(b.slice(2, 6), '6to4')
  if (startsWith(b, [0x20, 0x01, 0x00, 0x00], 32)) {
    const client = b.slice(12).map((x) => x ^ 0xff)
    return result('reserved', 6, canonical, { via: 'teredo', embedded: formatIPv4(client) })
  }
  if (canonical === 'fd00:ec2::254') return result('cloud-metadata', 6, canonical) // AWS IMDS over IPv6
  if (startsWith(b, [0xfe, 0x80], 10)) return result('link-local', 6, canonical)
  if (startsWith(b, [0xfe, 0xc0], 10)) return result('private', 6, canonical) // deprecated site-local
  if (startsWith(b, [0xfc], 7)) return result('unique-local', 6, canonical)
  if (startsWith(b, [0xff], 8)) return result('multicast', 6, canonical)
  if (startsWith(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return result('documentation', 6, canonical)
  if (startsWith(b, [0x3f, 0xff], 20)) return result('documentation', 6, canonical) // RFC 9637
  if (startsWith(b, [0x20, 0x01, 0x00, 0x02], 48)) return result('benchmarking', 6, canonical)
  if (startsWith(b, [0x01, 0x00], 64)) return result('reserved', 6, canonical) // discard-only
  if (startsWith(b, [0x20, 0x01, 0x00, 0x10], 28) || startsWith(b, [0x20, 0x01, 0x00, 0x20], 28)) return result('reserved', 6, canonical) // ORCHID
  if (startsWith(b, [0x20], 3)) return result('public', 6, canonical) // global unicast 2000::/3
  return result('reserved', 6, canonical)
}

/** Classifies an address given as text (any notation) or parsed; null when it is not an IP literal. */
export const classifyIpAddress = (input: string | ParsedAddress): AddressClass | null => {
  const parsed = typeof input === 'string' ? parseIpAddress(input) : input
  if (!parsed) return null
  if (parsed.family === 4) return result(classifyV4Bytes(parsed.bytes), 4, parsed.canonical)
  return classifyV6Bytes(parsed.bytes, parsed.canonical)
}

/** True only for an address the public internet can reach; a non-address is not public. */
export const isPublicAddress = (text: string): boolean => classifyIpAddress(text)?.isPublic ?? false

/** Plain words for each kind, for problem messages. */
export const describeAddressKind = (kind: AddressKind): string =>
  ({
    public: 'a public address',
    loopback: 'a loopback address (this computer)',
    private: 'a private network address',
    'link-local': 'a link-local address',
    'unique-local': 'a unique-local (private) IPv6 address',
    cgnat: 'a carrier-grade NAT (shared) address',
    unspecified: 'the unspecified address',
    multicast: 'a multicast address',
    broadcast: 'the broadcast address',
    reserved: 'a reserved address',
    documentation: 'an address reserved for documentation',
    benchmarking: 'an address reserved for benchmarking',
    'cloud-metadata': 'a cloud metadata service address'
  })[kind]

/**
 * The host part of a URL as a resolver sees it: lower case, brackets and one trailing dot removed.
 * `[::1]` → `::1`, `Example.COM.` → `example.com`.
 */
export const normalizeHost = (host: string): string => {
  let h = host.trim().toLowerCase()
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  if (h.endsWith('.') && h.length > 1) h = h.slice(0, -1)
  return h
}
