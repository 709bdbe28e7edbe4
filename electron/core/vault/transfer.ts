import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  type Profile,
  ProfileInput,
  PROFILES_EXPORT_FORMAT,
  PROFILES_EXPORT_VERSION
} from '../../../shared/schemas/profile'
import { AppFailure } from '../errors'

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

/**
 * Reads an export and validates every profile in it before anything is written: one bad profile
 * refuses the whole file, naming the profile and the field.
 */
export const parseExport = (json: string, now = new Date().toISOString()): Profile[] => {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (e) {
    throw new AppFailure({
      code: 'import-invalid-json',
      message: `The import is not valid JSON: ${(e as Error).message}`,
      fix: 'Choose a file made with "Export profiles" (aissist-zd profile export), unchanged.'
    })
  }
  const doc = ExportDoc.safeParse(raw)
  if (!doc.success) {
    throw new AppFailure({
      code: 'import-wrong-format',
      message: 'The import is not an Aissist profiles export (no "format": "aissist-zendesk-profiles" marker or no profiles list).',
      fix: 'Choose a file made with "Export profiles" (aissist-zd profile export).'
    })
  }
  if (doc.data.version > PROFILES_EXPORT_VERSION) {
    throw new AppFailure({
      code: 'import-newer-version',
      message: `The export was made by a newer version of the app (format version ${doc.data.version}).`,
      fix: 'Update the app, then import again.'
    })
  }
  return doc.data.profiles.map((p, index) => {
    const r = ProfileInput.safeParse(typedFields(p))
    if (!r.success) {
      const i = r.error.issues[0]
      const field = i.path.length ? String(i.path[0]) : 'profile'
      throw new AppFailure({
        code: 'import-invalid-profile',
        message: `Profile ${index + 1} of the import ("${String(p.name ?? '').slice(0, 100)}") is not valid: ${field}: ${i.message}`,
        fix: 'Correct that profile in the file (or in the app it came from) and import again.',
        details: { index, issues: r.error.issues.slice(0, 8).map((x) => ({ path: x.path.map(String), message: x.message })) }
      })
    }
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
}
