import { z } from 'zod'
import { classifyIpAddress } from '../net/ip-address'
import { apiHostAdvice, describeFieldIssue, KEY_ID_MESSAGES, keyIdAdvice, nameProblem, normalizeApiBase, PROFILE_FIELD_LABELS, URL_SYNTAX_MESSAGES, urlSyntaxProblem } from './profile-rules'

export { describeFieldIssue, hostMappingAdvice, keyIdAdvice, normalizeApiBase, PROFILE_FIELD_LABELS } from './profile-rules'

/** The gateway the setup guide names; a profile that says nothing else sends here. */
export const DEFAULT_GATEWAY_URL = 'https://gateway.aissist.io/gateway/zendesk/conversation'

/** The two secrets a profile can own; each is one keychain entry. */
export const SecretKind = z.enum(['keySecret', 'webhookSecret'])
export type SecretKind = z.infer<typeof SecretKind>

/**
 * Messages the add/edit form shows beside each field, the same texts the core puts in its
 * validation errors, so the UI and the CLI explain a bad value in the same words.
 */
export const PROFILE_FIELD_MESSAGES = {
  name: 'Enter the customer name (1 to 100 characters).',
  nameTaken: 'Another customer already has this name (names are compared without case).',
  subdomain:
    'A Zendesk subdomain is 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen (the "acme" of acme.zendesk.com).',
  subdomainOtherHost:
    'This is not a zendesk.com address. If it is your help center\'s own domain (host mapping), the API is not served there: enter the account\'s Zendesk subdomain, the "acme" of acme.zendesk.com. For a legacy region or the sandbox, choose "By API base URL".',
  zendeskHost: 'Enter either the Zendesk subdomain or an API base URL.',
  zendeskBoth: 'Enter the Zendesk subdomain or an API base URL, not both.',
  appId: 'The app ID is 24 hexadecimal characters (Admin Center → Apps and integrations → Conversations API).',
  keyId: KEY_ID_MESSAGES.format,
  url: 'Enter a full URL starting with https://.',
  https: 'This URL must use https:// (http:// is only allowed for a private or loopback address with "Allow private addresses" on).',
  privateHost: 'This URL points at a private or loopback address: turn on "Allow private addresses" if that is intended (the sandbox).',
  credentialsInUrl: URL_SYNTAX_MESSAGES.credentials,
  agentName: 'The agent name is at most 100 characters.',
  notes: 'Notes are at most 2000 characters.'
} as const

const SUBDOMAIN_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const HEX24 = /^[0-9a-f]{24}$/i
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Turns what people paste ("acme", "ACME", "acme.zendesk.com", "https://acme.zendesk.com/admin")
 * into the bare subdomain, or says why it cannot. Pure, so the form can call it as the user types.
 */
export const normalizeSubdomain = (raw: string): { value: string } | { error: string } => {
  let s = raw.trim().toLowerCase()
  if (s.includes('/') || s.includes(':')) {
    try {
      s = new URL(s.includes('://') ? s : `https://${s}`).hostname
    } catch {
      return { error: PROFILE_FIELD_MESSAGES.subdomain }
    }
  }
  if (s.includes('.')) {
    if (!s.endsWith('.zendesk.com')) return { error: PROFILE_FIELD_MESSAGES.subdomainOtherHost }
    s = s.slice(0, -'.zendesk.com'.length)
  }
  if (!SUBDOMAIN_RE.test(s)) return { error: PROFILE_FIELD_MESSAGES.subdomain }
  return { value: s }
}

/**
 * True for loopback, private, link-local and unique-local addresses and `localhost`: the hosts a
 * profile may point at only with `allowPrivate` (the sandbox), never by accident.
 */
export const isPrivateHost = (hostname: string): boolean => {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  // Every IP notation (decimal, hex, octal, short forms, mapped IPv6…) through the one classifier.
  const cls = classifyIpAddress(h)
  return cls !== null && !cls.isPublic
}

/**
 * Checks a URL the app will send to (gateway, API base, avatar): https, no credentials, and no
 * private address unless the profile allows it. Returns the message to show, or null when fine.
 */
export const checkServiceUrl = (raw: string, allowPrivate: boolean): string | null => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return PROFILE_FIELD_MESSAGES.url
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return PROFILE_FIELD_MESSAGES.url
  const syntax = urlSyntaxProblem(raw)
  if (syntax) return syntax
  if (url.username || url.password) return PROFILE_FIELD_MESSAGES.credentialsInUrl
  const priv = isPrivateHost(url.hostname)
  if (priv && !allowPrivate) return PROFILE_FIELD_MESSAGES.privateHost
  if (url.protocol === 'http:' && !priv) return PROFILE_FIELD_MESSAGES.https
  return null
}

const trimmed = (max: number, message: string) => z.string().trim().max(max, message)

/** A name as people see it (terminal, log, chat): no control characters, no bidi overrides, visible. */
const visibleName = (label: string) => (value: string, ctx: z.RefinementCtx): void => {
  const problem = nameProblem(label, value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** The fields a person types for a profile; ids, timestamps and setup results are added by core. */
export const profileFieldsShape = {
  name: trimmed(100, PROFILE_FIELD_MESSAGES.name).min(1, PROFILE_FIELD_MESSAGES.name).superRefine(visibleName(PROFILE_FIELD_LABELS.name)),
  subdomain: z.string().max(300).optional(),
  apiBaseUrl: z.string().trim().max(2048).optional(),
  appId: z.string().trim().regex(HEX24, PROFILE_FIELD_MESSAGES.appId),
  keyId: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const advice = keyIdAdvice(value)
      if (advice?.level === 'error') ctx.addIssue({ code: 'custom', message: advice.message })
    }),
  gatewayUrl: z.string().trim().max(2048).default(DEFAULT_GATEWAY_URL),
  agentName: trimmed(100, PROFILE_FIELD_MESSAGES.agentName).superRefine(visibleName(PROFILE_FIELD_LABELS.agentName)).default(''),
  avatarUrl: z.string().trim().max(2048).default(''),
  allowPrivate: z.boolean().default(false),
  notes: z.string().max(2000, PROFILE_FIELD_MESSAGES.notes).default('')
}

type RuleInput = { subdomain?: string; apiBaseUrl?: string; gatewayUrl: string; avatarUrl: string; allowPrivate: boolean }

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

/**
 * The rules that span fields (one Zendesk host, URLs checked against allowPrivate), each issue on
 * the field it concerns so the form can show it inline. Runs even when other fields failed, so
 * the user sees every problem at once; hence it reads the raw values defensively.
 */
const checkProfileRules = (raw: unknown, ctx: z.RefinementCtx): void => {
  if (!raw || typeof raw !== 'object') return
  const v = raw as Record<string, unknown>
  const allowPrivate = v.allowPrivate === true
  const sub = str(v.subdomain)
  const base = str(v.apiBaseUrl)
  if (!sub && !base) ctx.addIssue({ code: 'custom', path: ['subdomain'], message: PROFILE_FIELD_MESSAGES.zendeskHost })
  if (sub && base) ctx.addIssue({ code: 'custom', path: ['apiBaseUrl'], message: PROFILE_FIELD_MESSAGES.zendeskBoth })
  if (sub) {
    const n = normalizeSubdomain(sub)
    if ('error' in n) ctx.addIssue({ code: 'custom', path: ['subdomain'], message: n.error })
  }
  const urls: [string, string][] = [['apiBaseUrl', base], ['gatewayUrl', v.gatewayUrl === undefined ? DEFAULT_GATEWAY_URL : str(v.gatewayUrl)], ['avatarUrl', str(v.avatarUrl)]]
  for (const [field, url] of urls) {
    if (!url) {
      if (field === 'gatewayUrl') ctx.addIssue({ code: 'custom', path: [field], message: PROFILE_FIELD_MESSAGES.url })
      continue
    }
    const m = checkServiceUrl(url, allowPrivate)
    if (m) ctx.addIssue({ code: 'custom', path: [field], message: m })
  }
}

/** After the rules passed: the bare subdomain, the API base as Zendesk serves it (`/sc` on zendesk.com). */
const normalizeProfile = <T extends RuleInput>(v: T): T => {
  const out = { ...v }
  const sub = v.subdomain?.trim() ? normalizeSubdomain(v.subdomain) : null
  if (sub && 'value' in sub) out.subdomain = sub.value
  else delete out.subdomain
  if (v.apiBaseUrl) out.apiBaseUrl = normalizeApiBase(v.apiBaseUrl).value
  else delete out.apiBaseUrl
  return out
}

/** What create (and import) accept: the typed fields, validated and normalised. */
export const ProfileInput = z
  .object(profileFieldsShape)
  .strict()
  .superRefine(checkProfileRules, { when: () => true })
  .transform((v) => normalizeProfile(v))
export type ProfileInput = z.input<typeof ProfileInput>

/**
 * A stored profile as it sits in `profiles.json` and crosses the contract: types only, so a rule
 * tightened in a later version never turns an existing file into a "corrupt" one.
 */
export const Profile = z.object({
  id: z.string().regex(UUID_LIKE, 'A profile id is a UUID.'),
  name: z.string(),
  subdomain: z.string().optional(),
  apiBaseUrl: z.string().optional(),
  appId: z.string(),
  keyId: z.string(),
  gatewayUrl: z.string(),
  agentName: z.string(),
  avatarUrl: z.string(),
  allowPrivate: z.boolean(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  webhookId: z.string().optional(),
  integrationId: z.string().optional()
})
export type Profile = z.infer<typeof Profile>

/**
 * An edit: any typed field, plus the ids setup records. `null` clears an optional field; setting
 * `subdomain` clears `apiBaseUrl` and the other way round, so switching hosts is one edit.
 */
export const ProfilePatch = z
  .object({
    name: z.string().max(300).optional(),
    subdomain: z.string().max(300).nullable().optional(),
    apiBaseUrl: z.string().max(2048).nullable().optional(),
    appId: z.string().max(100).optional(),
    keyId: z.string().max(100).optional(),
    gatewayUrl: z.string().max(2048).nullable().optional(),
    agentName: z.string().max(300).nullable().optional(),
    avatarUrl: z.string().max(2048).nullable().optional(),
    allowPrivate: z.boolean().optional(),
    notes: z.string().max(5000).nullable().optional(),
    webhookId: z.string().max(100).nullable().optional(),
    integrationId: z.string().max(100).nullable().optional()
  })
  .strict()
export type ProfilePatch = z.infer<typeof ProfilePatch>

/** Field → message, for inline display. */
export type ProfileFieldErrors = Partial<Record<string, string>>

/**
 * Validates form values without throwing, giving one message per field: the form calls it as the
 * user types, the core calls the same schema, so both agree.
 */
export const validateProfileInput = (
  input: unknown
): { ok: true; value: z.output<typeof ProfileInput> } | { ok: false; errors: ProfileFieldErrors } => {
  const r = ProfileInput.safeParse(input)
  if (r.success) return { ok: true, value: r.data }
  const errors: ProfileFieldErrors = {}
  for (const issue of r.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'input'
    if (!errors[key]) errors[key] = issue.message
  }
  return { ok: false, errors }
}

/**
 * The Sunshine Conversations API base of a profile: `https://{subdomain}.zendesk.com/sc` for
 * Zendesk customers, the explicit base for legacy regions and the sandbox. The one place the
 * zendesk client learns where to send.
 */
export const apiBase = (profile: { subdomain?: string; apiBaseUrl?: string }): string =>
  profile.apiBaseUrl ? normalizeApiBase(profile.apiBaseUrl).value : `https://${profile.subdomain}.zendesk.com/sc`

/** A note the user should read about a value that was accepted (completed, or risky but allowed). */
export interface ProfileNotice {
  field: 'apiBaseUrl' | 'keyId'
  message: string
}

/**
 * What to tell the user about values that are accepted but deserve a word: an API base completed
 * with `/sc`, a host that looks like a host-mapped help center, an account-scoped key. The form
 * shows them beside the field; the CLI and import print them.
 */
export const profileNotices = (input: { apiBaseUrl?: string | null; keyId?: string | null }): ProfileNotice[] => {
  const out: ProfileNotice[] = []
  const base = input.apiBaseUrl?.trim()
  if (base && !urlSyntaxProblem(base)) {
    const n = normalizeApiBase(base)
    if (n.notice) out.push({ field: 'apiBaseUrl', message: n.notice })
    const host = apiHostAdvice(base, isPrivateHost)
    if (host) out.push({ field: 'apiBaseUrl', message: host })
  }
  const key = input.keyId ? keyIdAdvice(input.keyId) : null
  if (key?.level === 'warning') out.push({ field: 'keyId', message: key.message })
  return out
}

/**
 * A stored profile checked against today's rules. Files written before a rule tightened (a name
 * with a control character, say) still load; this says what to fix, field by field, so the list
 * can flag the profile and the edit form shows the message beside the field.
 */
export const storedProfileIssues = (p: Profile): { field: string; message: string }[] => {
  const typed: Record<string, unknown> = {}
  for (const k of Object.keys(profileFieldsShape)) if ((p as Record<string, unknown>)[k] !== undefined) typed[k] = (p as Record<string, unknown>)[k]
  const r = ProfileInput.safeParse(typed)
  return r.success ? [] : r.error.issues.map((i) => ({ field: String(i.path[0] ?? 'input'), message: describeFieldIssue(i.path.map(String), i.message) }))
}

/** How a profile is named on the command line and in calls: its id, or its name in any case. */
export const ProfileRef = z.string().trim().min(1, 'Name a profile by its name or id.').max(300)

/** The profiles file (`profiles.json`) as written today; older versions are migrated on read. */
export const PROFILES_SCHEMA_VERSION = 2

/** The export format: a marker and a version, so import can refuse anything else clearly. */
export const PROFILES_EXPORT_FORMAT = 'aissist-zendesk-profiles'
export const PROFILES_EXPORT_VERSION = 1
