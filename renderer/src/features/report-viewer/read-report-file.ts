import type { OpenedReport } from '../../../../shared/contract/doctor'
import { MAX_REPORT_BYTES, reportTooLarge } from '../../../../shared/doctor/report-limits'
import type { Result } from '../../../../shared/result'
import { call } from '../../lib/api'

/**
 * Reads a file the user chose or dropped: the page has no file system, so it reads the file's
 * text (refusing a huge file before reading it) and main validates it through `readReport`.
 */
export const readReportFile = async (file: File): Promise<Result<OpenedReport>> => {
  if (file.size > MAX_REPORT_BYTES) return { ok: false, error: reportTooLarge(file.size, file.name) }
  let text: string
  try {
    text = await file.text()
  } catch {
    return { ok: false, error: { code: 'report-file-unreadable', message: `"${file.name}" could not be read.`, fix: 'Check that the file is still there and yours to read, then try again.' } }
  }
  const r = await call('readReport', { text, fileName: file.name.slice(0, 255) })
  return r.ok ? { ok: true, value: r.value.opened } : r
}
