/**
 * How big a support report file may be. A real one is a few dozen kB (twelve links and their
 * evidence); anything much larger is not a report, and reading it whole would stall the window.
 */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024

/** The same bound in characters (a UTF-8 file never has more characters than bytes). */
export const MAX_REPORT_CHARS = MAX_REPORT_BYTES
