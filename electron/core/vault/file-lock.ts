import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { link, lstat, open, readFile, rename, unlink, utimes } from 'node:fs/promises'
import { AppFailure } from '../errors'

/** Who holds a lock, written into the lock file so others can tell a live holder from a dead one. */
interface LockInfo {
  pid: number
  host: string
  time: number
  token: string
  /** When the holder process started (OS-specific text), so a reused pid is not taken for it. */
  start?: string | null
}

export interface LockOptions {
  /** Give up waiting after this long. */
  waitMs?: number
  /**
   * A lock whose holder cannot be checked (another host sharing the folder, or a holder whose start
   * time is unknown) is stale when its heartbeat is older than this. The holder refreshes it every
   * third of it, however long it holds the lock.
   */
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

/**
 * When a process started, as the OS tells it, or null when it cannot say: Linux's start time in
 * clock ticks since boot (`/proc/<pid>/stat`, field 22), `ps -o lstart=` on macOS and the BSDs.
 * Together with the pid it names one process: a pid reused by a later process has another start.
 */
export const processStart = async (pid: number, platform: NodeJS.Platform = process.platform): Promise<string | null> => {
  if (platform === 'linux') {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
      // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return fields[19] ?? null
    } catch {
      return null
    }
  }
  if (platform === 'win32') return null
  // `ps` is a process of its own: ask once a second at most for the same pid while waiting.
  const hit = psCache.get(pid)
  if (hit && Date.now() - hit.at < 1_000) return hit.start
  const start = await new Promise<string | null>((resolve) => {
    execFile('ps', ['-o', 'lstart=', '-p', String(pid)], { timeout: 2_000 }, (err, stdout) => resolve(err ? null : stdout.trim() || null))
  })
  psCache.set(pid, { at: Date.now(), start })
  return start
}

const psCache = new Map<number, { at: number; start: string | null }>()

let ownStart: Promise<string | null> | null = null
const myStart = (): Promise<string | null> => (ownStart ??= processStart(process.pid))

const readInfo = async (file: string): Promise<LockInfo | null> => {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>
    return typeof parsed.pid === 'number' && typeof parsed.time === 'number' ? (parsed as LockInfo) : null
  } catch {
    return null
  }
}

/** The lock file's last heartbeat (its mtime), or null when it is gone. */
const heartbeat = async (file: string): Promise<number | null> => {
  try {
    return (await lstat(file)).mtimeMs
  } catch {
    return null
  }
}

/**
 * Whether a lock's holder is gone. On this host: its pid is dead, or alive but started at another
 * time (the pid was reused). A live holder is never stale, however long it holds the lock. Where
 * the holder cannot be checked (another host, an unknown start time), the heartbeat decides.
 */
const isStale = async (file: string, info: LockInfo | null, staleMs: number): Promise<boolean> => {
  const beat = await heartbeat(file)
  if (beat === null) return false
  const age = Date.now() - beat
  // An unreadable lock file is a holder killed between create and write: stale once it is old.
  if (!info) return age > 2_000
  if (info.host === hostname()) {
    if (!pidAlive(info.pid)) return true
    if (info.start) {
      const now = await processStart(info.pid)
      if (now !== null) return now !== info.start
    }
  }
  return age > staleMs
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
  if (!(await isStale(aside, info, staleMs))) await link(aside, lockFile).catch(() => undefined)
  await unlink(aside).catch(() => undefined)
}

/** Keeps a held lock's heartbeat fresh (its mtime) while we still own it. */
const keepAlive = (lockFile: string, token: string, everyMs: number): (() => void) => {
  const timer = setInterval(() => {
    void readInfo(lockFile).then((info) => {
      if (info?.token !== token) return
      const now = new Date()
      return utimes(lockFile, now, now).catch(() => undefined)
    })
  }, everyMs)
  timer.unref?.()
  return () => clearInterval(timer)
}

/**
 * A cross-process lock (the app and the CLI write the same profiles file): a lock file created
 * with O_EXCL holding the pid, its start time, the host and a token; a holder that is gone is
 * detected and replaced, a live one is waited for. Returns the release function.
 */
export const acquireFileLock = async (lockFile: string, { waitMs = 30_000, staleMs = 30_000 }: LockOptions = {}): Promise<() => Promise<void>> => {
  const token = randomBytes(8).toString('hex')
  const start = await myStart()
  const started = Date.now()
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lockFile, 'wx', 0o600)
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now(), token, start } satisfies LockInfo))
      } finally {
        await fh.close()
      }
      const stop = keepAlive(lockFile, token, Math.max(250, Math.floor(staleMs / 3)))
      return async () => {
        stop()
        const info = await readInfo(lockFile)
        if (info?.token === token) await unlink(lockFile).catch(() => undefined)
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const info = await readInfo(lockFile)
    if (await isStale(lockFile, info, staleMs)) {
      await breakStale(lockFile, staleMs)
      continue
    }
    if (Date.now() - started > waitMs) {
      throw new AppFailure({
        code: 'profiles-locked',
        message: `The customers file is locked by another process${info ? ` (pid ${info.pid})` : ''}, still at work after ${Math.round(waitMs / 1000)} s.`,
        fix: `Wait for the other Aissist window or command to finish, then try again. If none is running, delete ${lockFile}.`,
        details: { lockFile, holderPid: info?.pid }
      })
    }
    await sleep(Math.min(5 + attempt * 3, 50) + Math.random() * 10)
  }
}
