import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { secretRegistry } from './secret-registry'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  readonly file: string | null
}

export interface LoggerOptions {
  /** Folder for `aissist.log` and its rotated copies; null logs nowhere on disk. */
  dir: string | null
  level?: LogLevel
  /** Also write lines to stderr (the CLI's `--verbose`). */
  echo?: boolean
  maxBytes?: number
  keep?: number
}

/**
 * A small rotating log: one JSON line per entry, every line passed through the secret registry's
 * redactor before it reaches the disk, so a secret can never be written even by mistake.
 */
export const createLogger = ({ dir, level = 'info', echo = false, maxBytes = 1_000_000, keep = 3 }: LoggerOptions): Logger => {
  const file = dir ? join(dir, 'logs', 'aissist.log') : null
  if (dir) mkdirSync(join(dir, 'logs'), { recursive: true, mode: 0o700 })
  const rotate = (): void => {
    if (!file) return
    try {
      if (statSync(file).size < maxBytes) return
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
    renameSync(file, `${file}.1`)
  }
  const write = (lvl: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < ORDER[level]) return
    const line = secretRegistry.redact(
      JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...(fields ?? {}) })
    )
    if (echo) process.stderr.write(`${line}\n`)
    if (!file) return
    try {
      rotate()
      appendFileSync(file, `${line}\n`, { mode: 0o600 })
    } catch {
      /* logging must never break the work it describes */
    }
  }
  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f)
  }
}
