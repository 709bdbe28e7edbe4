import { randomUUID } from 'node:crypto'
import { readdir, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Profile, PROFILES_SCHEMA_VERSION } from '../../../shared/schemas/profile'
import type { AppError } from '../../../shared/result'
import { AppFailure, isAppFailure } from '../errors'
import { openNoFollow, tempPrefix, writeFileAtomic } from './atomic-file'
import { acquireFileLock, type LockOptions } from './file-lock'
import { migrateProfilesDoc } from './migrations'

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/** `profiles.json` as written today. */
export const ProfilesDoc = z.object({
  schemaVersion: z.literal(PROFILES_SCHEMA_VERSION),
  /** This data folder's identity; its keychain entries carry it (see `accountFor`). */
  storeId: z.string().regex(UUID_LIKE),
  /** Present (true) while secrets stored before version 2, named without the store ID, may remain. */
  legacySecrets: z.boolean().optional(),
  activeProfileId: z.string().nullable(),
  profiles: z.array(Profile)
})
export type ProfilesDoc = z.infer<typeof ProfilesDoc>

/** What a read sees: the file's content, or an empty store (no store ID yet) when there is no file. */
export type ProfilesSnapshot = Omit<ProfilesDoc, 'storeId'> & { storeId: string | null }

export const PROFILES_FILE = 'profiles.json'
const CORRUPT_PREFIX = `${PROFILES_FILE}.corrupt-`

const newDoc = (storeId: string = randomUUID()): ProfilesDoc => ({ schemaVersion: PROFILES_SCHEMA_VERSION, storeId, activeProfileId: null, profiles: [] })
const emptySnapshot = (): ProfilesSnapshot => ({ schemaVersion: PROFILES_SCHEMA_VERSION, storeId: null, activeProfileId: null, profiles: [] })

/**
 * A file modified this long before we looked can be trusted by its stat alone: any later write
 * changes its mtime even on filesystems with coarse (1–2 s) timestamps. Younger files are compared
 * by content too (git's "racy clean" rule).
 */
const SETTLED_MS = 3_000

/** The last parsed content, keyed on what `fstat` says about the file, frozen so no caller can change it. */
interface CacheEntry {
  key: string
  /** Kept only while the file is too young to be trusted by its stat. */
  text: string | null
  doc: ProfilesDoc
}

type ReadOutcome =
  | { kind: 'ok'; doc: ProfilesDoc }
  | { kind: 'missing' }
  /** An older format, migrated in memory: must be written before anyone relies on its new store ID. */
  | { kind: 'migrated'; doc: ProfilesDoc; from: number }
  | { kind: 'broken'; reason: string; text: string | null }

export interface ProfileStoreOptions {
  dataDir: string
  lock?: LockOptions
  /** Told when a broken file is moved aside or an old one migrated (the logger). */
  onEvent?: (message: string, fields: Record<string, unknown>) => void
}

const freeze = (doc: ProfilesDoc): ProfilesDoc => {
  for (const p of doc.profiles) Object.freeze(p)
  Object.freeze(doc.profiles)
  return Object.freeze(doc)
}

/**
 * The non-secret half of the vault: `profiles.json` in the data folder. Every change is a
 * read-modify-write under a cross-process lock, written atomically, so the app and the CLI never
 * lose each other's edits and a crash never leaves half a file. A file that cannot be read is
 * moved aside with a timestamp and reported, never silently replaced. Reads are served from the
 * last parse while the file is unchanged (same inode, size and times), so an operation that asks
 * several times parses once, and another process's write is seen at the next read.
 */
export class ProfileStore {
  readonly file: string
  private readonly lockFile: string
  private queue: Promise<unknown> = Promise.resolve()
  private cache: CacheEntry | null = null
  /** How often the file was read from disk and parsed (tests and benches measure this). */
  readonly stats = { reads: 0, parses: 0 }

  constructor(private readonly options: ProfileStoreOptions) {
    this.file = join(options.dataDir, PROFILES_FILE)
    this.lockFile = `${this.file}.lock`
  }

  /**
   * The current profiles, read-only (frozen; `update` hands out a copy to change). An older format
   * is migrated and written back at once; a broken file is moved aside first.
   */
  async read(): Promise<ProfilesSnapshot> {
    const r = await this.tryRead()
    if (r.kind === 'ok') return r.doc
    if (r.kind === 'missing') return emptySnapshot()
    // Migrated or broken: take the lock so no writer races us, look again, then write.
    return this.withLock(async () => {
      const again = await this.tryRead()
      if (again.kind === 'ok') return again.doc
      if (again.kind === 'missing') return emptySnapshot()
      const doc = again.kind === 'migrated' ? this.logMigration(again) : await this.moveAside(again)
      await this.write(doc)
      return doc
    })
  }

  /**
   * Changes the profiles under the lock: `fn` gets a private copy of the latest file content (as
   * another process may have just written it; a new store gets its store ID here) and returns the
   * new content, or `doc: null` when nothing changed, plus a value for the caller.
   */
  async update<T>(fn: (doc: ProfilesDoc) => { doc: ProfilesDoc | null; result: T } | Promise<{ doc: ProfilesDoc | null; result: T }>): Promise<T> {
    return this.withLock(async () => {
      const r = await this.tryRead()
      const base =
        r.kind === 'ok' ? r.doc : r.kind === 'migrated' ? this.logMigration(r) : r.kind === 'missing' ? newDoc() : await this.moveAside(r)
      const { doc: next, result } = await fn(structuredClone(base) as ProfilesDoc)
      if (next !== null) await this.write(ProfilesDoc.parse(next))
      else if (r.kind !== 'ok') await this.write(base)
      return result
    })
  }

  /** Profiles files found broken and moved aside: each one a warning the UI shows until dealt with. */
  async warnings(): Promise<AppError[]> {
    return (await this.asideFiles()).map((n) => ({
      code: 'profiles-file-corrupt',
      message: `A customers file that could not be read was moved aside as ${n}; the customers in it are not loaded.`,
      fix: `Open ${join(this.options.dataDir, n)} to recover what you need (add or import those customers again), then delete that file to clear this warning. Their keychain secrets are kept until then.`,
      details: { file: join(this.options.dataDir, n) }
    }))
  }

  /**
   * Every id that appears in a moved-aside profiles file (any UUID in its text: a superset, which
   * is the safe side). Their keychain entries are never orphans: restoring the file must find them.
   */
  async asideIds(): Promise<Set<string>> {
    const ids = new Set<string>()
    for (const n of await this.asideFiles()) {
      try {
        const fh = await openNoFollow(join(this.options.dataDir, n))
        const text = await fh.readFile('utf8').finally(() => fh.close())
        for (const m of text.matchAll(UUID_ANYWHERE)) ids.add(m[0].toLowerCase())
      } catch {
        /* unreadable: its store ID could not be carried either, so its entries are another store's */
      }
    }
    return ids
  }

  private async asideFiles(): Promise<string[]> {
    try {
      return (await readdir(this.options.dataDir)).filter((n) => n.startsWith(CORRUPT_PREFIX)).sort()
    } catch {
      return []
    }
  }

  private async tryRead(): Promise<ReadOutcome> {
    let text: string
    let key: string
    let mtimeMs: number
    try {
      const fh = await openNoFollow(this.file)
      try {
        const st = await fh.stat({ bigint: true })
        key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`
        mtimeMs = Number(st.mtimeMs)
        if (this.cache?.key === key && this.cache.text === null) return { kind: 'ok', doc: this.cache.doc }
        text = await fh.readFile('utf8')
        this.stats.reads++
      } finally {
        await fh.close()
      }
    } catch (e) {
      if (isAppFailure(e)) throw e
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { kind: 'missing' }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
        throw new AppFailure({
          code: 'profiles-file-unreadable',
          message: `The customers file ${this.file} could not be read (${code}).`,
          fix: 'Check that this file belongs to you and that you may read and change it (its properties or security settings), then try again.',
          terminalFix: `Check that this file belongs to you and is readable (chmod 600 ${this.file}), then try again.`
        })
      }
      throw e
    }
    const settled = Date.now() - mtimeMs > SETTLED_MS
    if (this.cache && this.cache.text === text) {
      this.cache = { key, text: settled ? null : text, doc: this.cache.doc }
      return { kind: 'ok', doc: this.cache.doc }
    }
    return this.parse(text, key, settled)
  }

  private parse(text: string, key: string, settled: boolean): ReadOutcome {
    this.stats.parses++
    try {
      const { doc, migratedFrom } = migrateProfilesDoc(JSON.parse(text))
      const parsed = ProfilesDoc.safeParse(doc)
      if (!parsed.success) {
        const i = parsed.error.issues[0]
        return { kind: 'broken', reason: `${i.path.join('.') || 'file'}: ${i.message}`, text }
      }
      if (migratedFrom !== null) return { kind: 'migrated', doc: parsed.data, from: migratedFrom }
      this.cache = { key, text: settled ? null : text, doc: freeze(parsed.data) }
      return { kind: 'ok', doc: this.cache.doc }
    } catch (e) {
      if (isAppFailure(e)) throw e
      return { kind: 'broken', reason: e instanceof Error ? e.message : String(e), text }
    }
  }

  private logMigration(r: { doc: ProfilesDoc; from: number }): ProfilesDoc {
    this.options.onEvent?.('profiles file migrated', { from: r.from, to: PROFILES_SCHEMA_VERSION })
    return r.doc
  }

  /**
   * Moves a broken file aside and returns the empty store that replaces it. When the broken file
   * still names its store ID, the new store keeps it, so its secrets stay this folder's (and
   * `asideIds` protects them); otherwise the new store gets a fresh ID and the old entries are
   * simply another store's, untouched until that file is restored.
   */
  private async moveAside(r: { reason: string; text: string | null }): Promise<ProfilesDoc> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const aside = `${this.file}.corrupt-${stamp}`
    await rename(this.file, aside)
    this.cache = null
    this.options.onEvent?.('profiles file was corrupt and was moved aside', { file: aside, reason: r.reason.slice(0, 300) })
    return newDoc(carriedStoreId(r.text) ?? undefined)
  }

  private async write(doc: ProfilesDoc): Promise<void> {
    const text = `${JSON.stringify(doc, null, 2)}\n`
    await writeFileAtomic(this.file, text)
    // Keyed on nothing we know yet: the next read compares content once, then trusts the stat.
    this.cache = { key: '', text, doc: freeze(doc) }
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

/** The store ID a broken file still states, when its JSON parses (else null: a fresh one is safer). */
const carriedStoreId = (text: string | null): string | null => {
  if (text === null) return null
  try {
    const raw = JSON.parse(text) as { storeId?: unknown }
    return typeof raw?.storeId === 'string' && UUID_LIKE.test(raw.storeId) ? raw.storeId.toLowerCase() : null
  } catch {
    return null
  }
}
