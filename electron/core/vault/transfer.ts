import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ImportConflict, ImportResult, ImportStrategy } from '../../../shared/contract/vault'
import {
  apiBase,
  describeFieldIssue,
  type Profile,
  ProfileInput,
  profileNotices,
  PROFILES_EXPORT_FORMAT,
  PROFILES_EXPORT_VERSION
} from '../../../shared/schemas/profile'
import { AppFailure } from '../errors'
import type { ProfilesDoc } from './profile-store'

/** The export file: a marker and a version so import refuses anything else in plain words. */
const ExportDoc = z.object({
  format: z.literal(PROFILES_EXPORT_FORMAT),
  version: z.number().int(),
  exportedAt: z.string().optional(),
  profiles: z.array(z.record(z.string(), z.unknown()))
})

const TYPED_FIELDS = ['name', 'subdomain', 'apiBaseUrl', 'appId', 'keyId', 'gatewayUrl', 'agentName', 'avatarUrl', 'allowPrivate', 'notes'] as const

/** The typed fields of a profile, as create and import validate them. */
export const typedFields = (p: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const k of TYPED_FIELDS) if (p[k] !== undefined) out[k] = p[k]
  return out
}

/**
 * Profiles as a JSON text to hand to a colleague. Secrets never live in a profile, so there is
 * nothing to strip; the colleague enters the key secret themselves.
 */
export const exportProfilesJson = (profiles: Profile[], now = new Date()): string =>
  `${JSON.stringify({ format: PROFILES_EXPORT_FORMAT, version: PROFILES_EXPORT_VERSION, exportedAt: now.toISOString(), profiles }, null, 2)}\n`

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A profile read from an export, with what the user should be told about its values. */
export interface ParsedExport {
  profiles: Profile[]
  notices: { name: string; message: string }[]
}

/**
 * Reads an export and validates every profile in it before anything is written: one bad profile
 * refuses the whole file, naming the profile and the field. A UTF-8 byte order mark (editors on
 * Windows add one) is accepted.
 */
export const parseExport = (json: string, now = new Date().toISOString()): ParsedExport => {
  let raw: unknown
  try {
    raw = JSON.parse(json.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new AppFailure({
      code: 'import-invalid-json',
      message: `The import is not valid JSON: ${(e as Error).message}`,
      fix: 'Choose a file made with "Export all customers" on the Customers screen, unchanged.',
      terminalFix: 'Choose a file made with "aissist-zd customer export", unchanged.'
    })
  }
  const doc = ExportDoc.safeParse(raw)
  if (!doc.success) {
    throw new AppFailure({
      code: 'import-wrong-format',
      message: 'The import is not an Aissist customers export (no "format": "aissist-zendesk-profiles" marker or no list of customers).',
      fix: 'Choose a file made with "Export all customers" on the Customers screen.',
      terminalFix: 'Choose a file made with "aissist-zd customer export".'
    })
  }
  if (doc.data.version > PROFILES_EXPORT_VERSION) {
    throw new AppFailure({
      code: 'import-newer-version',
      message: `The export was made by a newer version of the app (format version ${doc.data.version}).`,
      fix: 'Update the app, then import again.'
    })
  }
  const notices: ParsedExport['notices'] = []
  const profiles = doc.data.profiles.map((p, index) => {
    const r = ProfileInput.safeParse(typedFields(p))
    if (!r.success) {
      const i = r.error.issues[0]
      throw new AppFailure({
        code: 'import-invalid-profile',
        message: `Customer ${index + 1} of the import ("${printableName(p.name)}") is not valid: ${describeFieldIssue(i.path.map(String), i.message)}`,
        fix: 'Correct that customer in the file (or in the app it came from) and import again.',
        details: { index, issues: r.error.issues.slice(0, 8).map((x) => ({ path: x.path.map(String), message: x.message })) }
      })
    }
    for (const n of profileNotices({ apiBaseUrl: typeof p.apiBaseUrl === 'string' ? p.apiBaseUrl : undefined, keyId: r.data.keyId })) notices.push({ name: r.data.name, message: n.message })
    const id = typeof p.id === 'string' && UUID_LIKE.test(p.id) ? p.id.toLowerCase() : randomUUID()
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 100 ? v : undefined)
    return {
      ...r.data,
      id,
      createdAt: typeof p.createdAt === 'string' ? p.createdAt : now,
      updatedAt: now,
      ...(str(p.webhookId) ? { webhookId: str(p.webhookId) } : {}),
      ...(str(p.integrationId) ? { integrationId: str(p.integrationId) } : {})
    }
  })
  return { profiles, notices }
}

/** A name from a file that failed validation, safe to quote: controls and bidi overrides shown as code points. */
const printableName = (name: unknown): string =>
  String(name ?? '')
    .slice(0, 100)
    // eslint-disable-next-line no-control-regex -- showing control characters as code points is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)

const nameKey = (name: string): string => name.trim().toLowerCase()

const hostOf = (url: string): string => {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return url
  }
}

/**
 * What replacing `existing` with `incoming` changes that matters for its secrets, and whether they
 * may stay: the key secret goes to the API host and the webhook secret signs what reaches the
 * gateway, so both stay only when neither host changes and private addresses do not switch on.
 */
export const replaceChanges = (existing: Profile, incoming: Profile): { changes: string[]; keepsSecrets: boolean } => {
  const changes: string[] = []
  const [apiA, apiB] = [hostOf(apiBase(existing)), hostOf(apiBase(incoming))]
  const [gwA, gwB] = [hostOf(existing.gatewayUrl), hostOf(incoming.gatewayUrl)]
  if (apiA !== apiB) changes.push(`API host ${apiA} → ${apiB}`)
  if (gwA !== gwB) changes.push(`gateway host ${gwA} → ${gwB}`)
  const privateOn = !existing.allowPrivate && incoming.allowPrivate
  if (privateOn) changes.push('"Allow private addresses" turns on')
  if (existing.allowPrivate && !incoming.allowPrivate) changes.push('"Allow private addresses" turns off')
  if (existing.appId !== incoming.appId) changes.push(`app ID ${existing.appId} → ${incoming.appId}`)
  if (existing.keyId !== incoming.keyId) changes.push(`key ID ${existing.keyId} → ${incoming.keyId}`)
  return { changes, keepsSecrets: apiA === apiB && gwA === gwB && !privateOn }
}

/** What an import does to the profiles file, and which replaced profiles lose their secrets. */
export interface ImportPlan {
  /** The new file content, or null when nothing is written (clashes and no strategy). */
  doc: ProfilesDoc | null
  result: ImportResult
  /** Profiles (by id) whose keychain entries must go before the new content is written. */
  dropSecrets: { id: string; name: string; reason: string }[]
}

/**
 * Plans an import in time linear in the number of profiles (index maps by id and by name), so a
 * 50,000-profile file holds the lock for seconds, not minutes. Clashes (same id, or same name in
 * any case, with a stored profile or an earlier one in the file) with no strategy write nothing.
 */
export const planImport = (doc: ProfilesDoc, incoming: Profile[], strategy?: ImportStrategy): ImportPlan => {
  const conflicts: ImportConflict[] = []
  const clashes: (Profile | null)[] = []
  const seenIds = new Map<string, Profile>(doc.profiles.map((p) => [p.id, p]))
  const seenNames = new Map<string, Profile>()
  for (const p of doc.profiles) if (!seenNames.has(nameKey(p.name))) seenNames.set(nameKey(p.name), p)
  for (const p of incoming) {
    const byId = seenIds.get(p.id) ?? null
    const clash = byId ?? seenNames.get(nameKey(p.name)) ?? null
    clashes.push(clash)
    if (clash) conflicts.push({ name: p.name, id: p.id, existingId: clash.id, on: byId ? 'id' : 'name', ...replaceChanges(clash, p) })
    if (!seenIds.has(p.id)) seenIds.set(p.id, p)
    if (!seenNames.has(nameKey(p.name))) seenNames.set(nameKey(p.name), p)
  }
  const result: ImportResult = { imported: [], skipped: [], conflicts: strategy ? conflicts : [] }
  if (conflicts.length > 0 && !strategy) return { doc: null, result: { ...result, conflicts }, dropSecrets: [] }
  return applyImport(doc, incoming, clashes, strategy, result)
}

const applyImport = (doc: ProfilesDoc, incoming: Profile[], clashes: (Profile | null)[], strategy: ImportStrategy | undefined, result: ImportResult): ImportPlan => {
  const index = new Map(doc.profiles.map((p, i) => [p.id, i]))
  const stored = new Set(index.keys())
  const names = new Map<string, string>()
  for (const p of doc.profiles) if (!names.has(nameKey(p.name))) names.set(nameKey(p.name), p.id)
  const nextSuffix = new Map<string, number>()
  const dropSecrets: ImportPlan['dropSecrets'] = []
  const add = (p: Profile): void => {
    index.set(p.id, doc.profiles.push(p) - 1)
    if (!names.has(nameKey(p.name))) names.set(nameKey(p.name), p.id)
    result.imported.push({ id: p.id, name: p.name })
  }
  /** "Acme (imported)", "Acme (imported 2)"…: one counter per name, so many clashes stay linear. */
  const freeName = (name: string): string => {
    for (let n = nextSuffix.get(nameKey(name)) ?? 1; ; n++) {
      const candidate = `${name} (imported${n > 1 ? ` ${n}` : ''})`
      if (!names.has(nameKey(candidate))) {
        nextSuffix.set(nameKey(name), n + 1)
        return candidate
      }
    }
  }
  incoming.forEach((p, i) => {
    const clash = clashes[i]
    if (!clash) return add(p)
    if (strategy === 'skip') return void result.skipped.push({ id: p.id, name: p.name, reason: `same ${clash.id === p.id ? 'id' : 'name'} as an existing customer` })
    if (strategy === 'rename') return add({ ...p, id: index.has(p.id) ? randomUUID() : p.id, name: freeName(p.name) })
    const at = index.get(clash.id)
    const owner = names.get(nameKey(p.name))
    if (at === undefined || (owner !== undefined && owner !== clash.id)) {
      return void result.skipped.push({ id: p.id, name: p.name, reason: 'clashes with two existing customers (one by id, one by name)' })
    }
    const target = doc.profiles[at]
    const { changes, keepsSecrets } = replaceChanges(target, p)
    if (!keepsSecrets && stored.has(target.id)) dropSecrets.push({ id: target.id, name: p.name, reason: `its secrets were removed because ${changes.filter((c) => !/^(app|key) ID/.test(c)).join(', ')}: enter the key secret again, and run setup for the webhook secret` })
    if (names.get(nameKey(target.name)) === target.id) names.delete(nameKey(target.name))
    names.set(nameKey(p.name), target.id)
    doc.profiles[at] = { ...p, id: target.id, createdAt: target.createdAt }
    result.imported.push({ id: target.id, name: p.name })
  })
  if (!doc.activeProfileId && doc.profiles.length) doc.activeProfileId = doc.profiles[0].id
  return { doc, result: { ...result, ...(dropSecrets.length ? { secretsDropped: dropSecrets } : {}) }, dropSecrets }
}
