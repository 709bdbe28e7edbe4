import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { OpenedReport } from '../../../shared/contract/doctor'
import { readReportText, reportTooLarge } from '../../../shared/doctor/report-reader'
import { MAX_REPORT_BYTES } from '../../../shared/doctor/report-limits'
import { AppFailure } from '../errors'

/**
 * Opens a support report file someone sent (the CLI's `report show`, the app menu's "Open
 * report…"): the size is checked before anything is read, the text is read as UTF-8 and handed to
 * the shared reader. Reads one local file and nothing else: no network, no keychain.
 */
export const readReportFile = async (path: string): Promise<OpenedReport> => {
  const name = basename(path)
  let fh
  try {
    fh = await open(path, 'r')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new AppFailure({
      code: code === 'ENOENT' ? 'report-file-not-found' : 'report-file-unreadable',
      message: code === 'ENOENT' ? `There is no file ${path}.` : `The file ${path} cannot be read (${code ?? 'error'}).`,
      fix: code === 'ENOENT' ? 'Check the path and the file name.' : 'Check that the file is yours to read, then try again.',
      details: { path }
    })
  }
  try {
    const st = await fh.stat()
    // A folder, a pipe or a device is never a report (and a device could be read forever).
    if (!st.isFile()) throw new AppFailure({ code: 'report-file-unreadable', message: `${path} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}, not a report file.`, fix: 'Choose the .json report file itself.', details: { path } })
    if (st.size > MAX_REPORT_BYTES) throw new AppFailure(reportTooLarge(st.size, name))
    const r = readReportText(await fh.readFile('utf8'), name)
    if (!r.ok) throw new AppFailure(r.error)
    return r.value
  } finally {
    await fh.close()
  }
}
