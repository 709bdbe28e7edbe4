import { urlSafetyProblem } from '../net/url-safety'
/**
 * Pure rules for what people type into a customer profile: names that cannot forge what a
 * terminal or a chat shows, URLs whose host is the host they appear to name, and the Zendesk API
 * base and key ID as Zendesk actually wants them. Shared by the schema (core, CLI, import) and the
 * form, so every entry point says the same thing in the same words.
 */

/** Each typed field's label, as the form shows it; messages name fields by these. */
export const PROFILE_FIELD_LABELS = {
  name: 'Customer name',
  subdomain: 'Zendesk subdomain',
  apiBaseUrl: 'API base URL',
  appId: 'App ID',
  keyId: 'Key ID',
  gatewayUrl: 'Gateway URL',
  agentName: 'Agent name',
  avatarUrl: 'Avatar URL',
  allowPrivate: 'Allow private addresses',
  notes: 'Notes'
} as const

/** "Customer name: …" for a field's issue, unless the message already names the field. */
export const describeFieldIssue = (path: readonly (string | number)[], message: string): string => {
  const key = String(path[0] ?? '')
  const label = (PROFILE_FIELD_LABELS as Record<string, string>)[key] ?? (key || 'Input')
  return message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`
}

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL', 0x07: 'BEL', 0x08: 'backspace', 0x09: 'tab', 0x0a: 'line feed', 0x0b: 'vertical tab', 0x0c: 'form feed',
  0x0d: 'carriage return', 0x1b: 'ESC', 0x7f: 'DEL', 0x85: 'next line', 0x9b: 'CSI', 0x2028: 'line separator', 0x2029: 'paragraph separator'
}

const codePoint = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
const named = (c: number): string => `${codePoint(c)}${CONTROL_NAMES[c] ? ` ${CONTROL_NAMES[c]}` : ''}`

/** C0, DEL and C1 controls, and the Unicode line and paragraph separators (newlines too). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
/** Bidi embeddings, overrides and isolates: they make text read in another order than it is stored. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/
/**
 * What renders as nothing: whitespace, format characters (zero-width space and joiners, word
 * joiner, BOM, soft hyphen, bidi marks…), variation selectors and the blank "letters" (Hangul
 * fillers, braille blank) used to fake an empty-looking name.
 */
// eslint-disable-next-line no-misleading-character-class -- the combining marks are listed on purpose, one by one
const INVISIBLE = /[\s\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0]/gu

/**
 * Why a name (customer or agent) cannot be stored, or null: names are printed on terminals, in
 * logs, reports and in the customer's chat, where a control character can move the cursor,
 * retitle a window or forge a line, and a bidi override can make "Acme" read as another name.
 */
export const nameProblem = (label: string, value: string): string | null => {
  const control = CONTROL.exec(value)
  if (control) {
    return `${label} contains a control character (${named(control[0].charCodeAt(0))}), which could rewrite what a terminal or log shows: remove it.`
  }
  const bidi = BIDI.exec(value)
  if (bidi) return `${label} contains a text-direction override (${codePoint(bidi[0].charCodeAt(0))}), which makes it read differently than it is written: remove it.`
  if (value.trim().length > 0 && value.replace(INVISIBLE, '').length === 0) return `${label} has no visible character: type a name people can read.`
  return null
}

/** What a URL check says, in the same words wherever a URL is typed. */
export const URL_SYNTAX_MESSAGES = {
  backslash: 'A URL must not contain a backslash (\\): browsers and this app read it as "/", so the address would go to another host than it seems.',
  whitespace: 'A URL must not contain spaces, tabs, line breaks or control characters.',
  credentials: 'A URL must not contain a user name or password (nothing before an "@" in the host part).'
} as const

/**
 * Syntax a URL parser would silently reinterpret, so the host we check is not the host we send to:
 * `https://evil.example\@gateway.aissist.io/x` goes to evil.example. The judgement is the one
 * every URL in the app gets ({@link checkUrlSafety}: backslashes, any userinfo even an empty `@`
 * or a password holding "/", control characters); a form field also refuses spaces. Returns the
 * field's message (the label is shown beside it), or null.
 */
export const urlSyntaxProblem = (raw: string): string | null => {
  if (/\s/.test(raw)) return URL_SYNTAX_MESSAGES.whitespace
  switch (urlSafetyProblem(raw)?.code) {
    case 'url-backslash':
      return URL_SYNTAX_MESSAGES.backslash
    case 'url-control-character':
      return URL_SYNTAX_MESSAGES.whitespace
    case 'url-credentials':
      return URL_SYNTAX_MESSAGES.credentials
    default:
      return null
  }
}

const ZENDESK_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.zendesk\.com$/
/** Hosts that serve the Conversations API themselves: Zendesk subdomains and the legacy Smooch regions. */
const isKnownApiHost = (host: string): boolean => ZENDESK_HOST.test(host) || host === 'api.smooch.io' || /^api\.[a-z0-9-]+\.smooch\.io$/.test(host)

/**
 * The Conversations API base as Zendesk serves it. On a `*.zendesk.com` host the API lives under
 * `/sc` only, so `https://acme.zendesk.com` (or an Admin Center address pasted whole) becomes
 * `https://acme.zendesk.com/sc`, with a notice saying so; other hosts only lose a trailing slash.
 * Never throws: an unparsable value comes back as it was, for the URL check to explain.
 */
export const normalizeApiBase = (raw: string): { value: string; notice?: string } => {
  const trimmed = raw.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return { value: trimmed.replace(/\/+$/, '') }
  }
  const host = url.hostname.toLowerCase()
  if (!ZENDESK_HOST.test(host) || urlSyntaxProblem(trimmed)) return { value: trimmed.replace(/\/+$/, '') }
  const value = `${url.protocol}//${url.host}/sc`
  const given = trimmed.replace(/\/+$/, '')
  if (given.toLowerCase() === value.toLowerCase()) return { value }
  const path = url.pathname.replace(/\/+$/, '')
  const notice =
    path === '' && !url.search && !url.hash
      ? `The Conversations API of a zendesk.com account lives under /sc: ${value} is used instead of ${given}.`
      : `${given} is not the Conversations API: on a zendesk.com account it is ${value}, which is used instead.`
  return { value, notice }
}

/**
 * Advice about a Zendesk host that is not where the API lives: a host-mapped help-center domain
 * (support.acme.com) serves the help center, but the API is only at the account's own subdomain.
 */
export const hostMappingAdvice = (host: string): string =>
  `${host} is not a Zendesk API address. If it is your help center's own domain (host mapping), the API is not served there: it lives at your Zendesk subdomain, https://{subdomain}.zendesk.com/sc (the subdomain is in Admin Center → Account → Appearance → Branding, or in the address bar of Admin Center).`

/** Advice on an API base URL: only for a public host that is neither Zendesk nor a known API region. */
export const apiHostAdvice = (raw: string, isPrivate: (host: string) => boolean): string | null => {
  let host: string
  try {
    host = new URL(raw.trim()).hostname.toLowerCase()
  } catch {
    return null
  }
  if (!host || isKnownApiHost(host) || isPrivate(host)) return null
  return hostMappingAdvice(host)
}

/** The key ID rules: what is refused, and what works but deserves a warning. */
export const KEY_ID_MESSAGES = {
  format: 'The key ID looks like app_ followed by 24 hexadecimal characters (act_ for an account key).',
  integration:
    'This is an integration key (int_…): it only sees its own integration, so it cannot create or inspect the Aissist integration. Create an app key instead: Admin Center → Apps and integrations → Conversations API → Create API key (its ID starts with app_).',
  account:
    'This is an account-scoped key (act_…). The webhook endpoints take app-scoped keys: if setup is refused, create an app key in Admin Center → Apps and integrations → Conversations API (its ID starts with app_).'
} as const

const KEY_ID = /^(app|act)_[0-9a-f]{24}$/i

/** Whether a key ID can be used: an error (refused) or a warning (allowed), or null when fine. */
export const keyIdAdvice = (raw: string): { level: 'error' | 'warning'; message: string } | null => {
  const k = raw.trim()
  if (/^int_/i.test(k)) return { level: 'error', message: KEY_ID_MESSAGES.integration }
  if (!KEY_ID.test(k)) return { level: 'error', message: KEY_ID_MESSAGES.format }
  if (/^act_/i.test(k)) return { level: 'warning', message: KEY_ID_MESSAGES.account }
  return null
}
