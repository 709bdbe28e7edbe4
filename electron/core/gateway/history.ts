import { randomBytes } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { HistoryEntry } from '../../../shared/contract/test-events'
import { createRedactor, redactDeep } from '../../../shared/redact'
import { AppFailure } from '../errors'
import { writeFileAtomic } from '../vault/atomic-file'

/** Entries kept per profile; the oldest go first. */
export const HISTORY_CAP = 200

const DIR = 'event-history'
const SAFE_ID = /^[0-9a-f-]{36}$/i

/** The history folder inside the data folder. */
export const historyDir = (dataDir: string): string => join(dataDir, DIR)

const fileFor = (dataDir: string, profileId: string): string => {
  if (!SAFE_ID.test(profileId)) throw new Error('invalid profile id')
  return join(historyDir(dataDir), `${profileId}.json`)
}

/** A history entry id carries its profile, so replay and copy find it without a search. */
export const newHistoryId = (profileId: string): string => `${profileId}.${Date.now().toString(36)}${randomBytes(4).toString('hex')}`

const profileOfId = (historyId: string): string | null => {
  const p = historyId.split('.')[0]
  return SAFE_ID.test(p) ? p : null
}

const queues = new Map<string, Promise<unknown>>()

/** Writes to one file in order (a burst or two windows may append at once). */
const serial = <T>(file: string, work: () => Promise<T>): Promise<T> => {
  const prev = queues.get(file) ?? Promise.resolve()
  const next = prev.catch(() => undefined).then(work)
  queues.set(file, next)
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file)
  }).catch(() => undefined)
  return next
}

/** A profile's entries, newest first; a missing or unreadable file is an empty history. */
export const readHistory = async (dataDir: string, profileId: string): Promise<HistoryEntry[]> => {
  try {
    const doc = JSON.parse(await readFile(fileFor(dataDir, profileId), 'utf8')) as { entries?: HistoryEntry[] }
    return Array.isArray(doc.entries) ? doc.entries : []
  } catch {
    return []
  }
}

/**
 * Adds an entry to a profile's history (capped, atomic). `secrets` are the values that must not be
 * in it: every form of each (plain, URL-encoded, JSON-escaped, base64, hex) is masked in the entry
 * before it is written, so a gateway echoing the secret back costs the user neither the secret nor
 * the answer. Returns the entry as stored.
 */
export const appendHistory = async (dataDir: string, entry: HistoryEntry, secrets: readonly string[]): Promise<HistoryEntry> => {
  const file = fileFor(dataDir, entry.profileId)
  const stored = redactDeep(entry, createRedactor(secrets))
  await serial(file, async () => {
    const entries = [stored, ...(await readHistory(dataDir, entry.profileId))].slice(0, HISTORY_CAP)
    const text = JSON.stringify({ version: 1, entries }, null, 1)
    await mkdir(historyDir(dataDir), { recursive: true, mode: 0o700 })
    await writeFileAtomic(file, text)
  })
  return stored
}

/** Finds one entry by its id. */
export const findHistoryEntry = async (dataDir: string, historyId: string): Promise<HistoryEntry> => {
  const profileId = profileOfId(historyId)
  const entry = profileId ? (await readHistory(dataDir, profileId)).find((e) => e.id === historyId) : undefined
  if (!entry) {
    throw new AppFailure({ code: 'history-entry-not-found', message: `There is no test event "${historyId.slice(0, 100)}" in the history.`, fix: 'Refresh the history; the entry may have been removed when the history reached its limit.' })
  }
  return entry
}
