import type { StepStatus } from '../../../../shared/contract/events'
import type { DoctorResult } from '../../../../shared/contract/doctor'
import type { CheckStatus } from '../../../../shared/doctor/chain'
import { suggestedReportName } from '../../../../shared/doctor/render'
import { lastResult, rememberResult } from '../../doctor/last-results'
import { runDoctor } from '../../doctor/run-doctor'
import { AppFailure } from '../../errors'
import { buildDoctorReport, renderReport } from '../../report/build-report'
import { writeReportFile } from '../../report/save-report'
import type { HandlerContext, HandlerGroup } from '../context'

const STEP: Record<CheckStatus | 'running', StepStatus> = { running: 'running', pass: 'passed', warn: 'warn', fail: 'failed', skipped: 'skipped' }

const needResult = async (ctx: HandlerContext, profileRef: string): Promise<DoctorResult> => {
  const profile = await ctx.services.vault.getProfile(profileRef)
  const r = lastResult(ctx.services, profile.id)
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
 * Diagnose over the contract: runs the chain with live progress per check, keeps the last result
 * per profile in memory, and exports or copies the redacted report from it (the renderer never
 * sends report text back, so it can never smuggle a secret into a file).
 */
export const doctorHandlers: HandlerGroup<'runDoctor' | 'getLastDoctorResult' | 'exportDoctorReport' | 'copyDoctorReport'> = {
  runDoctor: async ({ profileRef, taskId, offline }, ctx) => {
    const task = ctx.tasks.start(taskId)
    try {
      const result = await runDoctor(ctx.services, profileRef, {
        offline,
        signal: task.signal,
        onProgress: (e) =>
          ctx.emit('taskProgress', {
            taskId,
            source: 'doctor',
            stepId: e.id,
            status: STEP[e.status],
            message: e.message,
            ...(e.check ? { durationMs: e.check.durationMs, data: e.check } : {})
          })
      })
      rememberResult(ctx.services, result)
      return result
    } finally {
      task.end()
    }
  },
  getLastDoctorResult: async ({ profileRef }, { services }) => {
    const profile = await services.vault.getProfile(profileRef)
    return { result: lastResult(services, profile.id) }
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
