import { randomUUID } from 'node:crypto'
import { PROFILES_SCHEMA_VERSION } from '../../../shared/schemas/profile'
import { AppFailure } from '../errors'

/** One step from version N to N+1 of `profiles.json`. */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>

/**
 * Version 0 was the first preview's format: a bare array of profiles, or an object without a
 * version. Version 1 wraps them with `schemaVersion` and `activeProfileId`.
 */
const v0ToV1: Migration = (doc) => ({
  schemaVersion: 1,
  activeProfileId: typeof doc.activeProfileId === 'string' ? doc.activeProfileId : null,
  profiles: Array.isArray(doc.profiles) ? doc.profiles : []
})

/**
 * Version 2 gives the data folder a store ID. Every data folder shares the one keychain service, so
 * keychain entries carry the store ID and each folder sees (and cleans up) only its own. Secrets
 * written before it are named without one: `legacySecrets` says they still have to be moved.
 */
const v1ToV2: Migration = (doc) => ({ ...doc, schemaVersion: 2, storeId: randomUUID(), legacySecrets: true })

/** Index N migrates from version N. */
const MIGRATIONS: Migration[] = [v0ToV1, v1ToV2]

/**
 * Brings any known older `profiles.json` up to today's version, step by step, so a file written
 * by an older app (or CLI) still opens. A file from a newer version is refused, not rewritten,
 * so a downgrade never destroys what the newer app wrote. The store persists a migrated file at
 * once (a new store ID must not change from one read to the next).
 */
export const migrateProfilesDoc = (raw: unknown): { doc: Record<string, unknown>; migratedFrom: number | null } => {
  let doc: Record<string, unknown>
  if (Array.isArray(raw)) doc = { profiles: raw }
  else if (raw && typeof raw === 'object') doc = { ...(raw as Record<string, unknown>) }
  else throw new Error('the file does not hold a JSON object')
  const from = doc.schemaVersion === undefined ? 0 : doc.schemaVersion
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) throw new Error('schemaVersion is not a whole number')
  if (from > PROFILES_SCHEMA_VERSION) {
    throw new AppFailure({
      code: 'profiles-newer-version',
      message: `The customers file was written by a newer version of the app (format ${from}; this version reads up to ${PROFILES_SCHEMA_VERSION}).`,
      fix: 'Update the app (and its command line, if you use it) to the latest version. The file was left untouched.'
    })
  }
  let v = from
  while (v < PROFILES_SCHEMA_VERSION) doc = MIGRATIONS[v++](doc)
  return { doc, migratedFrom: from === PROFILES_SCHEMA_VERSION ? null : from }
}
