/**
 * Errors cross every boundary (IPC, the harness, the CLI's --json) as data, because only
 * `error.message` survives Electron's `ipcMain.handle` and a stack trace can carry secrets.
 */
export interface AppError {
  /** Stable, kebab-case identifier a test or a script can branch on (`keychain-unavailable`). */
  code: string
  /** What failed, in plain words, with any Zendesk or gateway message verbatim. */
  message: string
  /** What the user should do next. */
  fix: string
  /** Optional structured evidence (never a secret): HTTP status, Zendesk errors, the request line. */
  details?: Record<string, unknown>
}

/** The answer of every contract call. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Builds a success answer. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

/** Builds a failure answer. */
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error })
