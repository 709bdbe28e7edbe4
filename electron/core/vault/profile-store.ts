import { readdir, readFile, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Profile, PROFILES_SCHEMA_VERSION } from '../../../shared/schemas/profile'
import type { AppError } from '../../../shared/result'
import { AppFailure, isAppFailure } from '../errors'
import { tempPrefix, writeFileAtomic } from './atomic-file'
import { acquireFileLock, type LockOptions } from './file-lock'
import { migrateProfilesDoc } from './migrations'

/** `profiles.json` as written today. */
export const ProfilesDoc = z.object({
  schemaVersion: z.literal(PROFILES_SCHEMA_VERSION),
  activeProfileId: z.string().nullable(),
  profiles: z.array(Profile)
})
export type ProfilesDoc = z.infer<typeof ProfilesDoc>

export const PROFILES_FILE = 'profiles.json'

const emptyDoc = (): ProfilesDoc => ({ schemaVersion: PROFILES_SCHEMA_VERSION, activeProfileId: null, profiles: [] })

export interface ProfileStoreOptions {
  dataDir: string
  lock?: LockOptions
  /** Told when a broken file is moved aside or an old one migrated (the logger). */
  onEvent?: (message: string, fields: Record<string, unknown>) => void
}

/**
 * The non-secret half of the vault: `profiles.json` in the data folder. Every change is a
 * read-modify-write under a cross-process lock, written atomically, so the app and the CLI never
 * lose each other's edits and a crash never leaves half a file. A file that cannot be read is
 * moved aside with a timestamp and reported, never silently replaced.
 */
export class ProfileStore {
  readonly file: string
  private readonly lockFile: string
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: ProfileStoreOptions) {
    this.file = join(options.dataDir, PROFILES_FILE)
    this.lockFile = `${this.file}.lock`
  }

  /** Reads the current profiles (migrated in memory; a broken file is moved aside first). */
  async read(): Promise<ProfilesDoc> {
    const r = await this.tryRead()
    if (r.ok) return r.doc
    // Broken: take the lock so no writer races us, look again, then move it aside.
    return this.withLock(async () => {
      const again = await this.tryRead()
      if (again.ok) return again.doc
      await this.moveAside(again.reason)
      return emptyDoc()
    })
  }

  /**
   * Changes the profiles under the lock: `fn` gets the latest file content (as another process
   * may have just written it) and returns the new content plus a value for the caller.
   */
  async update<T>(fn: (doc: ProfilesDoc) => { doc: ProfilesDoc; result: T } | Promise<{ doc: ProfilesDoc; result: T }>): Promise<T> {
    return this.withLock(async () => {
      const r = await this.tryRead()
      let doc: ProfilesDoc
      if (r.ok) doc = r.doc
      else {
        await this.moveAside(r.reason)
        doc = emptyDoc()
      }
      const { doc: next, result } = await fn(structuredClone(doc))
      const valid = ProfilesDoc.parse(next)
      await writeFileAtomic(this.file, `${JSON.stringify(valid, null, 2)}\n`)
      return result
    })
  }

  /** Profiles files found broken and moved aside: each one a warning the UI shows until dealt with. */
  async warnings(): Promise<AppError[]> {
    let names: string[] = []
    try {
      names = await readdir(this.options.dataDir)
    } catch {
      return []
    }
    return names
      .filter((n) => n.startsWith(`${PROFILES_FILE}.corrupt-`))
      .sort()
      .map((n) => ({
        code: 'profiles-file-corrupt',
        message: `A profiles file that could not be read was moved aside as ${n}; the profiles in it are not loaded.`,
        fix: `Open ${join(this.options.dataDir, n)} to recover what you need (re-create or import the profiles), then delete that file to clear this warning.`,
        details: { file: join(this.options.dataDir, n) }
      }))
  }

  private async tryRead(): Promise<{ ok: true; doc: ProfilesDoc } | { ok: false; reason: string }> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { ok: true, doc: emptyDoc() }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
        throw new AppFailure({
          code: 'profiles-file-unreadable',
          message: `The profiles file ${this.file} could not be read (${code}).`,
          fix: 'Check that this file belongs to you and is readable (chmod 600), then try again.'
        })
      }
      throw e
    }
    try {
      const { doc, migratedFrom } = migrateProfilesDoc(JSON.parse(text))
      const parsed = ProfilesDoc.safeParse(doc)
      if (!parsed.success) {
        const i = parsed.error.issues[0]
        return { ok: false, reason: `${i.path.join('.') || 'file'}: ${i.message}` }
      }
      if (migratedFrom !== null) this.options.onEvent?.('profiles file migrated in memory', { from: migratedFrom, to: PROFILES_SCHEMA_VERSION })
      return { ok: true, doc: parsed.data }
    } catch (e) {
      if (isAppFailure(e)) throw e
      return { ok: false, reason: e instanceof Error ? e.message : String(e) }
    }
  }

  private async moveAside(reason: string): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const aside = `${this.file}.corrupt-${stamp}`
    await rename(this.file, aside)
    this.options.onEvent?.('profiles file was corrupt and was moved aside', { file: aside, reason: reason.slice(0, 300) })
  }

  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const release = await acquireFileLock(this.lockFile, this.options.lock)
      try {
        await this.removeLeftoverTemps()
        return await fn()
      } finally {
        await release()
      }
    }
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }

  /** Temp files of writers killed before their rename; safe to remove while we hold the lock. */
  private async removeLeftoverTemps(): Promise<void> {
    const prefix = tempPrefix(this.file)
    let names: string[] = []
    try {
      names = await readdir(this.options.dataDir)
    } catch {
      return
    }
    await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => unlink(join(this.options.dataDir, n)).catch(() => undefined)))
  }
}
