import type { AppError } from '../../shared/result'

/**
 * The one error core code throws on purpose. It carries what the user needs (message and fix) so
 * every boundary — IPC, the harness, the CLI — can turn it into `{ code, message, fix }` as is.
 */
export class AppFailure extends Error {
  readonly code: string
  readonly fix: string
  readonly terminalFix?: string
  readonly details?: Record<string, unknown>

  constructor(error: AppError, options?: { cause?: unknown }) {
    super(error.message, options)
    this.name = 'AppFailure'
    this.code = error.code
    this.fix = error.fix
    this.terminalFix = error.terminalFix
    this.details = error.details
  }

  toData(): AppError {
    return {
      code: this.code,
      message: this.message,
      fix: this.fix,
      ...(this.terminalFix ? { terminalFix: this.terminalFix } : {}),
      ...(this.details ? { details: this.details } : {})
    }
  }
}

/** True for an {@link AppFailure}, also across module copies (bundles, workers). */
export const isAppFailure = (e: unknown): e is AppFailure =>
  e instanceof AppFailure ||
  (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppFailure' && 'fix' in e)

/**
 * Turns anything thrown into data without leaking a stack trace. Unknown errors keep only their
 * message (already redacted by the caller's redactor when it has secrets to hide).
 */
export const toAppError = (e: unknown, redact: (s: string) => string = (s) => s): AppError => {
  if (isAppFailure(e)) {
    const data = e.toData()
    return { ...data, message: redact(data.message), fix: redact(data.fix), ...(data.terminalFix ? { terminalFix: redact(data.terminalFix) } : {}) }
  }
  const message = e instanceof Error ? e.message : String(e)
  return {
    code: 'internal-error',
    message: redact(`Unexpected error: ${message}`),
    fix: 'Try again. If it happens again, export a support report (Diagnose → Export report) and send it to Aissist support.'
  }
}
