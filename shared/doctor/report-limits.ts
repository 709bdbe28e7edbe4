import type { AppError } from '../result'

/**
 * How big a support report file may be. A real one is a few dozen kB (twelve links and their
 * evidence); anything much larger is not a report, and reading it whole would stall the window.
 */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024

/** The same bound in characters (a UTF-8 file never has more characters than bytes). */
export const MAX_REPORT_CHARS = MAX_REPORT_BYTES

/** A file as messages name it: `"acme.json"`, or "This file" when its name is not known. */
export const named = (fileName: string | null | undefined): string => (fileName ? `"${fileName}"` : 'This file')

/** What to ask the customer for instead of a file that is not a readable report. */
export const FIX_EXPORT = "Ask for the JSON support report: Diagnose → Export report (JSON) in the app, or the command line's doctor with a report file ending in .json."

/**
 * The error for a file over {@link MAX_REPORT_BYTES}, before reading it. Here rather than in the
 * reader so the window can refuse a huge dropped file without loading the report schemas.
 */
export const reportTooLarge = (bytes: number, fileName?: string | null): AppError => ({
  code: 'report-too-large',
  message: `${named(fileName)} is ${(bytes / 1024 / 1024).toFixed(1)} MB; a support report is a few dozen kB (at most ${MAX_REPORT_BYTES / 1024 / 1024} MB), so this is not one.`,
  fix: FIX_EXPORT,
  details: { bytes }
})
