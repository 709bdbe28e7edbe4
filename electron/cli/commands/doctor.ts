import type { DoctorCheck, DoctorResult } from '../../../shared/contract/doctor'
import { CHAIN } from '../../../shared/doctor/chain'
import { doctorExitCode, runDoctor } from '../../core/doctor/run-doctor'
import { buildDoctorReport, renderReport } from '../../core/report/build-report'
import { reportTargets, writeReportFile } from '../../core/report/save-report'
import type { CliRuntime } from '../runtime'
import { createSpinner, type Spinner } from '../spinner'
import type { RegisterCommand } from './index'

const MARK: Record<DoctorCheck['status'], string> = { pass: '✔', warn: '▲', fail: '✖', skipped: '–' }

/** The `doctor --json` shape: what a script needs, nothing secret. */
export const doctorJson = (r: DoctorResult, reportFiles: string[]): Record<string, unknown> => ({
  ok: r.ok,
  verdict: r.verdict,
  exitCode: doctorExitCode(r),
  profile: { id: r.profileId, name: r.profileName },
  offline: r.offline,
  firstFailure: r.firstFailure,
  summary: r.summary,
  checks: r.checks.map((c) => ({
    id: c.id,
    title: c.title,
    status: c.status,
    message: c.message,
    fix: c.fix,
    durationMs: c.durationMs,
    ...(c.code ? { code: c.code } : {}),
    ...(c.zendeskMessage ? { zendeskMessage: c.zendeskMessage } : {}),
    ...(c.gatewayMessage ? { gatewayMessage: c.gatewayMessage } : {}),
    evidence: c.evidence
  })),
  startedAt: r.startedAt,
  durationMs: r.durationMs,
  reportFiles
})

const line = (c: DoctorCheck): string => `${c.title}: ${c.message} (${Math.round(c.durationMs)} ms)`

const printHuman = (cli: CliRuntime, r: DoctorResult, reportFiles: string[]): void => {
  cli.out(`Diagnose of "${r.profileName}"${r.offline ? ' (offline)' : ''}`)
  if (r.firstFailure) cli.out(`✖ ${r.firstFailure.sentence}`)
  const first = r.checks.find((c) => c.id === r.firstFailure?.checkId)
  if (first?.fix) cli.out(`  → ${first.fix}`)
  cli.out('')
  r.checks.forEach((c, i) => {
    cli.out(`${MARK[c.status]} ${String(i + 1).padStart(2)}. ${c.title} — ${c.status}: ${c.message}`)
    if (c.zendeskMessage) cli.out(`       Zendesk: ${c.zendeskMessage}`)
    if (c.gatewayMessage) cli.out(`       Gateway: ${c.gatewayMessage}`)
    if (c.fix && c.status !== 'pass') cli.out(`       → ${c.fix}`)
  })
  cli.out('')
  cli.out(`${r.summary} in ${Math.round(r.durationMs)} ms.`)
  for (const f of reportFiles) cli.out(`Report saved: ${f}`)
}

/**
 * `aissist-zd doctor --profile P [--json] [--report FILE] [--offline]`: every link of the chain,
 * a line per finished check on stderr, the verdict on stdout; exit 0 all pass, 1 only warnings,
 * 2 something failed.
 */
export const registerDoctorCommand: RegisterCommand = (program, cli) => {
  program
    .command('doctor')
    .description('check every link (keychain → Zendesk → integration → gateway → agent → channel bot); exit 0 all pass, 1 warnings, 2 failed')
    .requiredOption('--profile <profile>', 'the profile (name or id)')
    .option('--report <file>', 'save the support report (FILE.md and FILE.json, or the format of its extension)')
    .option('--offline', 'skip everything that needs the network')
    .action(async (opts: { profile: string; report?: string; offline?: boolean }) => {
      const services = cli.getServices()
      const controller = new AbortController()
      const onSigint = (): void => controller.abort()
      process.once('SIGINT', onSigint)
      let spinner: Spinner | null = null
      const running = new Set<string>()
      const title = (id: string): string => CHAIN.find((c) => c.id === id)?.title ?? id
      const spin = (): void => {
        if (!cli.interactive) return
        const text = running.size ? `Checking ${[...running].map(title).join(', ')}…` : 'Checking…'
        if (spinner) spinner.update(text)
        else spinner = createSpinner(cli, text)
      }
      let result: DoctorResult
      try {
        result = await runDoctor(services, opts.profile, {
          offline: Boolean(opts.offline),
          signal: controller.signal,
          onProgress: (e) => {
            if (e.status === 'running') {
              running.add(e.id)
              spin()
              return
            }
            running.delete(e.id)
            if (cli.json || !e.check) return
            const text = line(e.check)
            if (spinner) {
              const s: Spinner = spinner
              spinner = null
              if (e.status === 'pass') s.succeed(text)
              else if (e.status === 'fail') s.fail(text)
              else s.warn(text)
              if (running.size) spin()
            } else {
              cli.err(`${MARK[e.check.status]} ${text}`)
            }
          }
        })
      } finally {
        process.removeListener('SIGINT', onSigint)
        ;(spinner as Spinner | null)?.stop()
      }
      const files: string[] = []
      if (opts.report) {
        const { report, redact } = await buildDoctorReport(services, 'cli', result)
        for (const t of reportTargets(opts.report)) {
          await writeReportFile(t.path, renderReport(report, t.format, redact))
          files.push(t.path)
        }
      }
      cli.print(doctorJson(result, files), () => printHuman(cli, result, files))
      cli.exitCode = doctorExitCode(result)
    })
}
