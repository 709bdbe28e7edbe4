import type { DoctorResult } from '../../../../shared/contract/doctor'
import { suggestedReportName } from '../../../../shared/doctor/render'
import { runDoctor } from '../../doctor/run-doctor'
import { AppFailure } from '../../errors'
import { buildDoctorReport, renderReport } from '../../report/build-report'
import { writeReportFile } from '../../report/save-report'
import type { HandlerContext, HandlerGroup } from '../context'
import { runTask } from '../run-task'

const needResult = async (ctx: HandlerContext, profileRef: string): Promise<DoctorResult> => {
  const profile = await ctx.services.vault.getProfile(profileRef)
  const r = ctx.services.doctorResults.last(profile.id)
  if (!r) {
    throw new AppFailure({
      code: 'doctor-no-result',
      message: `There is no diagnose run of "${profile.name}" in this session to report on.`,
      fix: 'Run Diagnose first, then export or copy the report.'
    })
  }
  return r
}

/**
 * Diagnose over the contract: runs the chain with live progress per check, keeps each customer's
 * last result in the services' memory, and exports or copies the redacted report from it (the
 * renderer never sends report text back, so it can never smuggle a secret into a file).
 */
export const doctorHandlers: HandlerGroup<'runDoctor' | 'getLastDoctorResult' | 'exportDoctorReport' | 'copyDoctorReport'> = {
  runDoctor: ({ profileRef, taskId, offline }, ctx) =>
    runTask(ctx, { id: taskId, kind: 'doctor' }, async ({ signal, progress }) => {
      const result = await runDoctor(ctx.services, profileRef, { offline, signal, onProgress: progress })
      ctx.services.doctorResults.remember(result)
      return result
    }),
  getLastDoctorResult: async ({ profileRef }, { services }) => {
    const profile = await services.vault.getProfile(profileRef)
    return { result: services.doctorResults.last(profile.id) }
  },
  exportDoctorReport: async ({ profileRef, format }, ctx) => {
    const result = await needResult(ctx, profileRef)
    const { report, redact } = await buildDoctorReport(ctx.services, ctx.host.kind, result)
    const formats = format === 'both' ? (['md', 'json'] as const) : ([format] as const)
    const paths: string[] = []
    for (const f of formats) {
      const path = await ctx.host.chooseSavePath(suggestedReportName(result.profileName, new Date(report.generatedAt), f), [
        f === 'md' ? { name: 'Markdown report', extensions: ['md'] } : { name: 'JSON report', extensions: ['json'] }
      ])
      if (!path) continue
      await writeReportFile(path, renderReport(report, f, redact))
      paths.push(path)
    }
    ctx.services.logger.info('doctor report exported', { profileId: result.profileId, files: paths.length })
    return { saved: paths.length > 0, paths }
  },
  copyDoctorReport: async ({ profileRef, format }, ctx) => {
    const result = await needResult(ctx, profileRef)
    const { report, redact } = await buildDoctorReport(ctx.services, ctx.host.kind, result)
    const text = ctx.services.secrets.redact(renderReport(report, format ?? 'md', redact))
    ctx.host.clipboard.writeText(text)
    return { copied: true, chars: text.length }
  }
}
