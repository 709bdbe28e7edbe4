import type { DoctorCheck, OpenedReport } from '../../../shared/contract/doctor'
import { dateTimeWords, sinceLastPassSentence } from '../../../shared/doctor/change-sentence'
import { exitCodeFor } from '../../../shared/doctor/verdict'
import type { CliRuntime } from '../runtime'
import type { RegisterCommand } from './index'

const MARK: Record<DoctorCheck['status'], string> = { pass: '✔', warn: '▲', fail: '✖', skipped: '–' }

/** The exit code a report's own result gives: 0 all passed, 1 only warnings, 2 a failure (or a cancelled run). */
export const reportExitCode = (o: OpenedReport): 0 | 1 | 2 => (o.report.result.cancelled ? 2 : exitCodeFor(o.report.result.verdict))

/** The `report show --json` shape: where the report came from, its first failure and its checks. */
export const reportJson = (o: OpenedReport): Record<string, unknown> => {
  const { report: r } = o
  return {
    ok: r.result.ok,
    verdict: r.result.verdict,
    exitCode: reportExitCode(o),
    report: { file: o.fileName, formatVersion: o.formatVersion, generatedAt: r.generatedAt, app: r.app },
    profile: r.profile,
    firstFailure: r.result.firstFailure,
    summary: r.result.summary,
    offline: r.result.offline,
    cancelled: r.result.cancelled,
    startedAt: r.result.startedAt,
    durationMs: r.result.durationMs,
    sinceLastPass: r.result.sinceLastPass,
    checks: r.result.checks
  }
}

const printHuman = (cli: CliRuntime, o: OpenedReport): void => {
  const { report: r } = o
  const res = r.result
  cli.out(`Support report of "${r.profile.name}" (${r.profile.apiBase}), made on ${dateTimeWords(r.generatedAt)} with ${r.app.name} ${r.app.version} (${r.app.host}, ${r.app.platform})`)
  cli.out(`Report format ${o.formatVersion}${o.formatVersion < r.version ? `, read as format ${r.version}` : ''}. Nothing was checked now: this is what that run found.`)
  const since = sinceLastPassSentence(res.sinceLastPass, new Date(r.generatedAt))
  if (since) cli.out(`↺ ${since}`)
  if (res.firstFailure) cli.out(`✖ ${res.firstFailure.sentence}`)
  const first = res.checks.find((c) => c.id === res.firstFailure?.checkId)
  if (first?.fix) cli.out(`  → ${first.fix}`)
  cli.out('')
  res.checks.forEach((c, i) => {
    cli.out(`${MARK[c.status]} ${String(i + 1).padStart(2)}. ${c.title} — ${c.status}: ${c.message}`)
    if (c.zendeskMessage) cli.out(`       Zendesk: ${c.zendeskMessage}`)
    if (c.gatewayMessage) cli.out(`       Gateway: ${c.gatewayMessage}`)
    if (c.fix && c.status !== 'pass') cli.out(`       → ${c.fix}`)
  })
  cli.out('')
  cli.out(`${res.summary}${res.offline ? ' (that machine was offline)' : ''}${res.cancelled ? ' (the run was cancelled)' : ''}; the run took ${Math.round(res.durationMs)} ms.`)
}

/**
 * `aissist-zd report show FILE.json [--json]`: the chain as a support report file recorded it
 * (one a customer's admin sent), read offline: no network, no keychain, no customer needed. Exits
 * 0/1/2 from the report's own result; a file that is not a readable report exits 65 (66 when there
 * is no such file), with the reason.
 */
export const register: RegisterCommand = (report, cli) => {
  report
    .command('show <file>')
    .description("print the chain from a support report file (JSON) and exit with that run's result (0 pass, 1 warnings, 2 failed)")
    .action(async (file: string) => {
      const { readReportFile } = await import('../../core/report/open-report')
      const opened = await readReportFile(file)
      cli.exitCode = reportExitCode(opened)
      cli.print(reportJson(opened), () => printHuman(cli, opened))
    })
}
