import { mkdir, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { DoctorResult, RUN_SOURCES, type HistoryRunSummary, type LastResult } from '../../../shared/contract/doctor'
import { HISTORY_LIMIT, lastResultOf, summarizeRun, type StoredRun } from '../../../shared/doctor/history'
import { AppFailure, isAppFailure } from '../errors'
import type { Logger } from '../platform/logger'
import { openNoFollow, writeFileAtomic } from '../vault/atomic-file'
import { acquireFileLock } from '../vault/file-lock'

/**
 * Each customer's kept diagnose runs: `doctor-history/<profileId>.json` in the data folder, the
 * last {@link HISTORY_LIMIT} runs newest first, each the whole result as already redacted (never a
 * secret). Written atomically under a cross-process lock (the app and the CLI may diagnose the
 * same customer at once); a damaged file is moved aside, never overwritten; an entry this version
 * cannot read is kept as it is.
 */

const DIR = 'doctor-history'
const FORMAT = 'aissist-doctor-history'
const SAFE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const StoredRunSchema = z.object({ id: z.string(), source: z.enum(RUN_SOURCES), result: DoctorResult })

/** The history folder inside the data folder. */
export const doctorHistoryDir = (dataDir: string): string => join(dataDir, DIR)

/** A customer's history file (profile ids are UUIDs; anything else never names a file). */
export const doctorHistoryFile = (dataDir: string, profileId: string): string => {
  if (!SAFE_ID.test(profileId)) throw new AppFailure({ code: 'invalid-input', message: 'A customer id is a UUID.', fix: 'Choose the customer by its name or id.' })
  return join(doctorHistoryDir(dataDir), `${profileId}.json`)
}

class CorruptHistory extends Error {}

/** The file's entries as stored (unparsed), and its identity for the cache; none when it does not exist. */
const readRaw = async (file: string): Promise<{ entries: unknown[]; stamp: string }> => {
  let fh
  try {
    fh = await openNoFollow(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], stamp: 'missing' }
    throw e
  }
  try {
    const st = await fh.stat()
    const text = await fh.readFile('utf8')
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch {
      throw new CorruptHistory('not JSON')
    }
    const runs = (doc as { format?: unknown; runs?: unknown } | null)?.runs
    if ((doc as { format?: unknown } | null)?.format !== FORMAT || !Array.isArray(runs)) throw new CorruptHistory('not a diagnose history')
    return { entries: runs, stamp: `${st.mtimeMs}:${st.size}:${st.ino}` }
  } finally {
    await fh.close()
  }
}

/** The entries this version reads, newest first (one it cannot read is skipped, not lost). */
const parseRuns = (entries: readonly unknown[]): StoredRun[] =>
  entries.flatMap((e) => {
    const r = StoredRunSchema.safeParse(e)
    return r.success ? [r.data] : []
  })

/** A customer's kept runs, whole, newest first; a missing or damaged file is an empty history. */
export const readDoctorHistory = async (dataDir: string, profileId: string): Promise<StoredRun[]> => {
  try {
    return parseRuns((await readRaw(doctorHistoryFile(dataDir, profileId))).entries)
  } catch (e) {
    if (e instanceof CorruptHistory || (e as NodeJS.ErrnoException).code === 'ELOOP' || isAppFailure(e)) return []
    throw e
  }
}

interface Summaries {
  stamp: string
  runs: HistoryRunSummary[]
  last: LastResult | null
}

/** Summaries by file, while the file is unchanged: the Customers list asks for every customer often. */
const summaryCache = new Map<string, Summaries>()

/** A customer's kept runs as the timeline lists them, and the last finished one. */
export const doctorHistorySummaries = async (dataDir: string, profileId: string): Promise<{ runs: HistoryRunSummary[]; last: LastResult | null }> => {
  const file = doctorHistoryFile(dataDir, profileId)
  let raw: { entries: unknown[]; stamp: string }
  try {
    raw = await readRaw(file)
  } catch (e) {
    if (e instanceof CorruptHistory || (e as NodeJS.ErrnoException).code === 'ELOOP' || isAppFailure(e)) return { runs: [], last: null }
    throw e
  }
  const hit = summaryCache.get(file)
  if (hit && hit.stamp === raw.stamp) return hit
  const runs = parseRuns(raw.entries)
  const fresh: Summaries = { stamp: raw.stamp, runs: runs.map(summarizeRun), last: lastResultOf(profileId, runs) }
  summaryCache.set(file, fresh)
  return fresh
}

const queues = new Map<string, Promise<unknown>>()

/** Writes to one file in order within this process (the lock orders processes). */
const serial = <T>(file: string, work: () => Promise<T>): Promise<T> => {
  const prev = queues.get(file) ?? Promise.resolve()
  const next = prev.catch(() => undefined).then(work)
  queues.set(file, next)
  void next
    .finally(() => {
      if (queues.get(file) === next) queues.delete(file)
    })
    .catch(() => undefined)
  return next
}

/**
 * Keeps a run as its customer's newest (the oldest beyond {@link HISTORY_LIMIT} go). The run must
 * already be redacted. A damaged file is moved aside as `<file>.corrupt-<time>` first.
 */
export const appendDoctorRun = async (dataDir: string, run: StoredRun, logger?: Logger): Promise<void> => {
  const profileId = run.result.profileId
  const file = doctorHistoryFile(dataDir, profileId)
  await serial(file, async () => {
    await mkdir(doctorHistoryDir(dataDir), { recursive: true, mode: 0o700 })
    let release: () => Promise<void>
    try {
      release = await acquireFileLock(`${file}.lock`, { waitMs: 10_000 })
    } catch (e) {
      if (!isAppFailure(e)) throw e
      throw new AppFailure({ code: 'doctor-history-locked', message: `The diagnose history of this customer is being written by another process (${e.message})`, fix: 'Wait for the other window or command to finish.' })
    }
    try {
      let older: unknown[]
      try {
        older = (await readRaw(file)).entries
      } catch (e) {
        if (!(e instanceof CorruptHistory)) throw e
        const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
        await rename(file, aside)
        logger?.warn('diagnose history was damaged and was moved aside', { file: aside, reason: e.message })
        older = []
      }
      const doc = { format: FORMAT, version: 1, profileId, runs: [run, ...older].slice(0, HISTORY_LIMIT) }
      await writeFileAtomic(file, JSON.stringify(doc))
    } finally {
      await release()
    }
  })
}

/**
 * Forgets a deleted customer's kept runs (under the same lock as a write, so a diagnose that ends
 * meanwhile cannot bring the file back half-written). True when there was a history to delete.
 */
export const deleteDoctorHistory = async (dataDir: string, profileId: string): Promise<boolean> => {
  const file = doctorHistoryFile(dataDir, profileId)
  return serial(file, async () => {
    let release: () => Promise<void>
    try {
      release = await acquireFileLock(`${file}.lock`, { waitMs: 10_000 })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw e
    }
    try {
      await unlink(file)
      summaryCache.delete(file)
      return true
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw e
    } finally {
      await release()
    }
  })
}
