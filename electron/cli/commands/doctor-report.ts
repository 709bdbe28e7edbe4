import type { DoctorResult } from '../../../shared/contract/doctor'
import type { CliRuntime } from '../runtime'

/** Saves the support report in each format its name asks for; returns the files written. */
export const saveReport = async (cli: CliRuntime, file: string, result: DoctorResult): Promise<string[]> => {
  const [{ buildDoctorReport, renderReport }, { reportTargets, writeReportFile }] = await Promise.all([import('../../core/report/build-report'), import('../../core/report/save-report')])
  const { report, redact } = await buildDoctorReport(await cli.services(), 'cli', result)
  const files: string[] = []
  for (const t of reportTargets(file)) {
    await writeReportFile(t.path, renderReport(report, t.format, redact))
    files.push(t.path)
  }
  return files
}
