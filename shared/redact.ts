/**
 * Redaction is pure text work shared by the logs, the support report, error texts and the CLI:
 * every known secret (and its base64 or URL-encoded form) and every credential-bearing header is
 * replaced, wherever it appears.
 */
export const REDACTED = '[REDACTED]'

/** Credential-bearing text patterns, each with how to rewrite its match. */
const HEADER_PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  // "Authorization: Basic abc", JSON "authorization":"Basic abc", curl -H 'Authorization: ...'
  [/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi, (pre, scheme) => `${pre}${scheme} ${REDACTED}`],
  [/(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, (pre) => `${pre}${REDACTED}`],
  [/("(?:keySecret|secret|webhookSecret|password|apiKey)"\s*:\s*")(?:[^"\\]|\\.)*(")/g, (pre, post) => `${pre}${REDACTED}${post}`],
  // user:password@host in URLs
  [/(https?:\/\/[^\s/:@]+:)[^\s/@]+(@)/gi, (pre, at) => `${pre}${REDACTED}${at}`]
]

/** Base64 of a string, without DOM or Node APIs (shared/ may use neither). */
const toBase64 = (s: string): string => {
  const bytes = new TextEncoder().encode(s)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63]
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? alphabet[n & 63] : '='
  }
  return out
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The forms in which a secret can show up in text: as is, URL-encoded, JSON-escaped. */
const secretForms = (secret: string): string[] => {
  const forms = new Set<string>([secret])
  try {
    forms.add(encodeURIComponent(secret))
  } catch {
    /* lone surrogates cannot be URL-encoded; the plain form is still covered */
  }
  forms.add(JSON.stringify(secret).slice(1, -1))
  return [...forms].filter((f) => f.length > 0)
}

/**
 * Builds a redactor for a set of secrets. `keyPairs` are `[keyId, secret]` pairs whose HTTP Basic
 * form (`base64(keyId:secret)`) is hidden too. Secrets shorter than 4 characters are ignored: they
 * would redact ordinary words.
 */
export const createRedactor = (
  secrets: Iterable<string>,
  keyPairs: Iterable<[string, string]> = []
): ((text: string) => string) => {
  const needles = new Set<string>()
  for (const s of secrets) if (s && s.length >= 4) for (const f of secretForms(s)) needles.add(f)
  for (const [id, s] of keyPairs) if (s && s.length >= 4) needles.add(toBase64(`${id}:${s}`))
  const sorted = [...needles].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const secretPattern = sorted.length > 0 ? new RegExp(sorted.join('|'), 'g') : null
  return (text: string): string => {
    let out = text
    if (secretPattern) out = out.replace(secretPattern, REDACTED)
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
