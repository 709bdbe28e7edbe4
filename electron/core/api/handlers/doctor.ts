import type { DoctorResult } from '../../../../shared/contract/doctor'
import { suggestedReportName } from '../../../../shared/doctor/render'
import { readReportText } from '../../../../shared/doctor/report-reader'
import { doctorHistorySummaries, readDoctorHistory } from '../../doctor/history-store'
import { runDoctorAll } from '../../doctor/run-all'
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
export const doctorHandlers: HandlerGroup<
  'runDoctor' | 'getLastDoctorResult' | 'exportDoctorReport' | 'copyDoctorReport' | 'runDoctorAll' | 'listLastResults' | 'listDoctorHistory' | 'getDoctorHistoryRun' | 'readReport'
> = {
  runDoctor: ({ profileRef, taskId, offline }, ctx) =>
    runTask(ctx, { id: taskId, kind: 'doctor' }, async ({ signal, progress }) => {
      const result = await runDoctor(ctx.services, profileRef, { offline, signal, onProgress: progress, source: 'app' })
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
  },
  runDoctorAll: ({ taskId, concurrency, offline }, ctx) =>
    runTask(ctx, { id: taskId, kind: 'doctor-all' }, async ({ signal, progress }) => {
      const out = await runDoctorAll(ctx.services, { concurrency, offline, signal, onProgress: progress, source: 'app-all' })
      // Each customer's run becomes its last result, so its report can be exported from Diagnose.
      for (const { result } of out.items) if (result) ctx.services.doctorResults.remember(result)
      return { ok: out.ok, exitCode: out.exitCode, cancelled: out.cancelled, concurrency: out.concurrency, durationMs: out.durationMs, profiles: out.items.map((i) => i.entry) }
    }),
  listLastResults: async (_input, { services }) => {
    const { profiles } = await services.vault.listProfiles()
    const all = await Promise.all(profiles.map(async (p) => (await doctorHistorySummaries(services.dataDir, p.id)).last))
    return { results: all.filter((r) => r !== null) }
  },
  listDoctorHistory: async ({ profileRef }, { services }) => {
    const profile = await services.vault.getProfile(profileRef)
    return { profileId: profile.id, runs: (await doctorHistorySummaries(services.dataDir, profile.id)).runs }
  },
  getDoctorHistoryRun: async ({ profileRef, runId }, { services }) => {
    const profile = await services.vault.getProfile(profileRef)
    const run = (await readDoctorHistory(services.dataDir, profile.id)).find((r) => r.id === runId)
    if (!run) {
      throw new AppFailure({
        code: 'doctor-run-not-found',
        message: `There is no kept diagnose run "${runId.slice(0, 100)}" of "${profile.name}".`,
        fix: 'Refresh the timeline: only the last 50 runs of a customer are kept.'
      })
    }
    return { result: run.result }
  },
  readReport: async ({ text, fileName }, { services }) => {
    // The renderer read a file the user chose or dropped; this only reads its text.
    const r = readReportText(text, fileName ? fileName.replace(/^.*[\\/]/, '') : null)
    if (!r.ok) throw new AppFailure(r.error)
    services.logger.info('report opened', { formatVersion: r.value.formatVersion, verdict: r.value.report.result.verdict })
    return { opened: r.value }
  }
}
