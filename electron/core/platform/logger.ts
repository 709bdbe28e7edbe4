import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { redactDeep } from '../../../shared/redact'
import type { SecretRegistry } from './secret-registry'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  readonly file: string | null
  /** Why nothing is written to the file (a symbolic link where the log should be), or null. */
  readonly refused: () => string | null
}

export interface LoggerOptions {
  /** Folder for `logs/aissist.log` and its rotated copies; null logs nowhere on disk. */
  dir: string | null
  level?: LogLevel
  /** Also write lines to stderr (the CLI's `--verbose`), or to the given stream. */
  echo?: boolean | { write(line: string): unknown }
  /** Size at which the file is rotated (`aissist.log` → `aissist.log.1` → … `.keep`). */
  maxBytes?: number
  /** How many rotated files to keep besides the current one. */
  keep?: number
  /** The registry whose secrets are redacted (the services' own). */
  secrets: Pick<SecretRegistry, 'redact'>
}

const RESERVED = new Set(['time', 'level', 'message'])

/** The name of the log file inside `<dir>/logs`; "Open logs folder" shows that folder. */
export const LOG_FILE_NAME = 'aissist.log'

/**
 * Makes fields JSON-safe without ever throwing: errors keep their name and message (no stack, which
 * can carry paths and arguments), cycles and functions become markers, deep values are cut.
 */
const plain = (value: unknown, depth = 0, seen = new WeakSet<object>()): unknown => {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'undefined' || typeof value === 'function' || typeof value === 'symbol') return undefined
  if (depth > 8) return '[too deep]'
  if (value instanceof Error) return { name: value.name, message: value.message, ...('code' in value ? { code: plain(value.code, depth + 1, seen) } : {}) }
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => plain(v, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 100)) out[k] = plain(v, depth + 1, seen)
  return out
}

/** `O_NOFOLLOW` where the OS has it; elsewhere (Windows) links are refused with an lstat first. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0

/** True when `path` exists as a symbolic link (never followed). */
const isLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

/**
 * Appends a line to the log without following links: `logs/` must be a real folder and the file
 * is opened with O_NOFOLLOW (and must have no other hard link), so a link planted in the data
 * folder cannot make the app append to, or create, a file elsewhere. Returns why not, or null.
 */
const appendNoFollow = (dir: string, file: string, line: string): string | null => {
  if (isLink(dir)) return `${dir} is a symbolic link`
  if (!NOFOLLOW && isLink(file)) return `${file} is a symbolic link`
  let fd: number
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NOFOLLOW, 0o600)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP' ? `${file} is a symbolic link` : null
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile() || st.nlink > 1) return `${file} is not a plain file of its own`
    writeSync(fd, line)
    return null
  } finally {
    closeSync(fd)
  }
}

/**
 * A small rotating log: one JSON line per entry. Every line goes through two redactions before it
 * reaches the disk or stderr — by key (`Authorization`, `X-API-Key`, `keySecret`… values are
 * replaced whole, whatever their scheme) and by text (every secret in the registry, in every form,
 * and credential headers inside strings) — so a secret can never be written even by mistake.
 */
export const createLogger = ({ dir, level = 'info', echo = false, maxBytes = 1_000_000, keep = 3, secrets }: LoggerOptions): Logger => {
  const logsDir = dir ? join(dir, 'logs') : null
  const file = logsDir ? join(logsDir, LOG_FILE_NAME) : null
  if (logsDir && !isLink(logsDir)) mkdirSync(logsDir, { recursive: true, mode: 0o700 })
  const sink = echo === true ? process.stderr : echo || null
  let refused: string | null = null
  const rotate = (): void => {
    if (!file || !logsDir || isLink(logsDir)) return
    try {
      const st = lstatSync(file)
      if (!st.isFile() || st.size < maxBytes) return
    } catch {
      return
    }
    rmSync(`${file}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`)
      } catch {
        /* that generation does not exist yet */
      }
    }
    if (keep >= 1) renameSync(file, `${file}.1`)
    else rmSync(file, { force: true })
  }
  const write = (lvl: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < ORDER[level]) return
    let line: string
    try {
      // A field named like a reserved key (dispatch logs an error's `message`) is kept as `message_`.
      const extra = Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [RESERVED.has(k) ? `${k}_` : k, v]))
      const entry = redactDeep(plain({ time: new Date().toISOString(), level: lvl, message: String(message), ...extra }), secrets.redact)
      line = secrets.redact(JSON.stringify(entry))
    } catch {
      line = JSON.stringify({ time: new Date().toISOString(), level: lvl, message: '[unloggable entry]' })
    }
    try {
      sink?.write(`${line}\n`)
    } catch {
      /* a closed stderr must not break the work either */
    }
    if (!file || !logsDir) return
    try {
      rotate()
      const why = appendNoFollow(logsDir, file, `${line}\n`)
      if (why && why !== refused) {
        // Said once, where a person can see it; the log itself is what cannot be trusted.
        refused = why
        process.stderr.write(`Aissist: not writing the log: ${why}. Replace it with a real folder or file.\n`)
      }
    } catch {
      /* logging must never break the work it describes */
    }
  }
  return {
    file,
    refused: () => refused,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f)
  }
}
