import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { link, open, readFile, rename, unlink } from 'node:fs/promises'
import { AppFailure } from '../errors'

/** Who holds a lock, written into the lock file so others can tell a live holder from a dead one. */
interface LockInfo {
  pid: number
  host: string
  time: number
  token: string
}

export interface LockOptions {
  /** Give up waiting after this long. */
  waitMs?: number
  /** A lock older than this is stale even if its pid looks alive (pid reuse, a hung process). */
  staleMs?: number
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const readInfo = async (file: string): Promise<LockInfo | null> => {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>
    return typeof parsed.pid === 'number' && typeof parsed.time === 'number' ? (parsed as LockInfo) : null
  } catch {
    return null
  }
}

const isStale = (info: LockInfo | null, staleMs: number, fileAgeHint: number): boolean => {
  // An unreadable lock file is a holder killed between create and write: stale once it is old.
  if (!info) return fileAgeHint > 2_000
  if (Date.now() - info.time > staleMs) return true
  return info.host === hostname() && !pidAlive(info.pid)
}

/**
 * Takes a stale lock away without ever stealing a live one: rename it to a private name first
 * (only one contender wins that), then look again; if it turned out to be live, put it back.
 */
const breakStale = async (lockFile: string, staleMs: number): Promise<void> => {
  const aside = `${lockFile}.breaking-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await rename(lockFile, aside)
  } catch {
    return
  }
  const info = await readInfo(aside)
  if (!isStale(info, staleMs, Number.POSITIVE_INFINITY)) await link(aside, lockFile).catch(() => undefined)
  await unlink(aside).catch(() => undefined)
}

/**
 * A cross-process lock (the app and the CLI write the same profiles file): a lock file created
 * with O_EXCL holding the pid, host and time; a dead or too-old holder is detected and replaced.
 * Returns the release function.
 */
export const acquireFileLock = async (lockFile: string, { waitMs = 10_000, staleMs = 30_000 }: LockOptions = {}): Promise<() => Promise<void>> => {
  const token = randomBytes(8).toString('hex')
  const started = Date.now()
  let firstSeen: number | null = null
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lockFile, 'wx', 0o600)
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now(), token } satisfies LockInfo))
      } finally {
        await fh.close()
      }
      return async () => {
        const info = await readInfo(lockFile)
        if (info?.token === token) await unlink(lockFile).catch(() => undefined)
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    firstSeen ??= Date.now()
    const info = await readInfo(lockFile)
    if (isStale(info, staleMs, Date.now() - firstSeen)) {
      await breakStale(lockFile, staleMs)
      continue
    }
    if (Date.now() - started > waitMs) {
      throw new AppFailure({
        code: 'profiles-locked',
        message: `The profiles file is locked by another process${info ? ` (pid ${info.pid})` : ''} and stayed locked for ${Math.round(waitMs / 1000)} s.`,
        fix: `Close the other Aissist window or command and try again. If none is running, delete ${lockFile}.`,
        details: { lockFile, holderPid: info?.pid }
      })
    }
    await sleep(Math.min(5 + attempt * 3, 50) + Math.random() * 10)
  }
}
