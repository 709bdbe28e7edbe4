import { z } from 'zod'

/**
 * Errors cross every boundary (IPC, the harness, the CLI's --json) as data, because only
 * `error.message` survives Electron's `ipcMain.handle` and a stack trace can carry secrets.
 */
export interface AppError {
  /** Stable, kebab-case identifier a test or a script can branch on (`keychain-unavailable`). */
  code: string
  /** What failed, in plain words, with any Zendesk or gateway message verbatim. */
  message: string
  /** What the user should do next, in words for the app's screens (menus and buttons, never a command). */
  fix: string
  /**
   * The same fix in a terminal's words, when they differ (a command to run): the command line
   * prints it instead of `fix`; screens never show it.
   */
  terminalFix?: string
  /** Optional structured evidence (never a secret): HTTP status, Zendesk errors, the request line. */
  details?: Record<string, unknown>
}

/** {@link AppError} as a schema, for the answers of the contract that carry one (one copy, here). */
export const AppErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fix: z.string(),
  terminalFix: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional()
}) satisfies z.ZodType<AppError>

/** The answer of every contract call. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }
