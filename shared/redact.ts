/**
 * Redaction is pure text work shared by the logs, the support report, error texts and the CLI:
 * every known secret (in every encoding it may be echoed in) and every credential-bearing header is
 * replaced, wherever it appears.
 */
export const REDACTED = '[REDACTED]'

/** Credential-bearing text patterns, each with how to rewrite its match. */
const HEADER_PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  // "Authorization: Basic abc", JSON "authorization":"Basic abc", curl -H 'Authorization: ...'
  [/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi, (pre, scheme) => `${pre}${scheme} ${REDACTED}`],
  [/(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, (pre) => `${pre}${REDACTED}`],
  [/("(?:keySecret|secret|webhookSecret|password|apiKey)"\s*:\s*")(?:[^"\\]|\\.)*(")/g, (pre, post) => `${pre}${REDACTED}${post}`],
  // user:password@host in URLs; the password may hold a "/" (then the URL does not even parse)
  [/(https?:\/\/[^\s/:@"'<>]+:)[^\s@"'<>]+(@)/gi, (pre, at) => `${pre}${REDACTED}${at}`]
]

/** A text none of the patterns can match lacks all of these: one scan instead of four. */
const HEADER_HINT = /authorization|x-api-key|"(?:keySecret|secret|webhookSecret|password|apiKey)"|@/i

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of a string's UTF-8 bytes, without DOM or Node APIs (shared/ may use neither). */
const toBase64 = (s: string): string => {
  const bytes = new TextEncoder().encode(s)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += BASE64_ALPHABET[(n >> 18) & 63] + BASE64_ALPHABET[(n >> 12) & 63]
    out += i + 1 < bytes.length ? BASE64_ALPHABET[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? BASE64_ALPHABET[n & 63] : '='
  }
  return out
}

/** Every spelling of one base64 text: standard and URL-safe alphabets, each with and without padding. */
const base64Spellings = (standard: string): string[] => {
  const bare = standard.replace(/=+$/, '')
  const urlSafe = (t: string): string => t.replace(/\+/g, '-').replace(/\//g, '_')
  return [standard, bare, urlSafe(standard), urlSafe(bare)]
}

/** Hex of a string's UTF-8 bytes, lower case. */
const toHex = (s: string): string => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('')

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The forms in which a secret can show up in text: as is, URL-encoded, JSON-escaped, base64 (standard
 * and URL-safe, padded or not) and hex (lower and upper case) — the ways a server echoing what it
 * was sent tends to spell it.
 */
export const secretForms = (secret: string): string[] => {
  const forms = new Set<string>([secret])
  try {
    forms.add(encodeURIComponent(secret))
  } catch {
    /* lone surrogates cannot be URL-encoded; the plain form is still covered */
  }
  forms.add(JSON.stringify(secret).slice(1, -1))
  for (const f of base64Spellings(toBase64(secret))) forms.add(f)
  const hex = toHex(secret)
  forms.add(hex)
  forms.add(hex.toUpperCase())
  return [...forms].filter((f) => f.length > 0)
}

/** Secrets shorter than this are ignored: they would redact ordinary words. */
export const MIN_SECRET_LENGTH = 4

/**
 * Builds a redactor for a set of secrets. `keyPairs` are `[keyId, secret]` pairs whose HTTP Basic
 * form (`base64(keyId:secret)`, in every base64 spelling) is hidden too. Secrets shorter than
 * `MIN_SECRET_LENGTH` are ignored: they would redact ordinary words.
 */
export const createRedactor = (
  secrets: Iterable<string>,
  keyPairs: Iterable<[string, string]> = []
): ((text: string) => string) => {
  const needles = new Set<string>()
  for (const s of secrets) if (s && s.length >= MIN_SECRET_LENGTH) for (const f of secretForms(s)) needles.add(f)
  for (const [id, s] of keyPairs) if (s && s.length >= MIN_SECRET_LENGTH) for (const f of base64Spellings(toBase64(`${id}:${s}`))) needles.add(f)
  const sorted = [...needles].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const secretPattern = sorted.length > 0 ? new RegExp(sorted.join('|'), 'g') : null
  return (text: string): string => {
    let out = text
    if (secretPattern) out = out.replace(secretPattern, REDACTED)
    // Most texts (a status line, a Date header, a small JSON answer) name no credential at all.
    if (!HEADER_HINT.test(out)) return out
    for (const [pattern, rewrite] of HEADER_PATTERNS) {
      out = out.replace(pattern, (_match: string, ...rest: unknown[]) => rewrite(...(rest.filter((g) => typeof g === 'string') as string[])))
    }
    return out
  }
}

/** Redacts every string inside a JSON-like value (objects, arrays), keeping its shape. */
export const redactDeep = <T>(value: T, redact: (s: string) => string): T => {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = /^(authorization|x-api-key|keySecret|webhookSecret|secret|password)$/i.test(k) && typeof v === 'string'
        ? REDACTED
        : redactDeep(v, redact)
    }
    return out as T
  }
  return value
}
