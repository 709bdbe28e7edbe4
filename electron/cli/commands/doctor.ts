import type { DoctorCheck, DoctorResult } from '../../../shared/contract/doctor'
import { CHAIN } from '../../../shared/doctor/chain'
import { fixActionLines } from '../../../shared/fix-actions'
import type { RunDoctorOptions } from '../../core/doctor/run-doctor'
import { whileInterruptible } from '../interrupt'
import type { CliRuntime } from '../runtime'
import { createSpinner, type Spinner } from '../spinner'
import { addCustomerOption, type CustomerOption } from './customer-option'
import type { RegisterCommand } from './index'

const MARK: Record<DoctorCheck['status'], string> = { pass: '✔', warn: '▲', fail: '✖', skipped: '–' }

/** The `doctor --json` shape: what a script needs, nothing secret. */
export const doctorJson = (r: DoctorResult, reportFiles: string[], exitCode: number): Record<string, unknown> => ({
  ok: r.ok,
  verdict: r.verdict,
  exitCode,
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
    for (const a of fixActionLines(c.actions, r.profileName)) cli.out(`       ⇒ ${a}`)
  })
  cli.out('')
  cli.out(`${r.summary} in ${Math.round(r.durationMs)} ms.`)
  for (const f of reportFiles) cli.out(`Report saved: ${f}`)
}

type DoctorProgress = Parameters<NonNullable<RunDoctorOptions['onProgress']>>[0]

/**
 * Progress on stderr: a spinner naming the running checks on a terminal, one line per finished
 * check otherwise; nothing with `--json`.
 */
const progressLines = (cli: CliRuntime): { onProgress: (e: DoctorProgress) => void; stop: () => void } => {
  let spinner: Spinner | null = null
  const running = new Set<string>()
  const title = (id: string): string => CHAIN.find((c) => c.id === id)?.title ?? id
  const spin = (): void => {
    if (!cli.interactive) return
    const text = running.size ? `Checking ${[...running].map(title).join(', ')}…` : 'Checking…'
    if (spinner) spinner.update(text)
    else spinner = createSpinner(cli, text)
  }
  const onProgress = (e: DoctorProgress): void => {
    if (e.status === 'running') {
      running.add(e.id)
      spin()
      return
    }
    running.delete(e.id)
    if (cli.json || !e.check) return
    const text = line(e.check)
    if (!spinner) {
      cli.err(`${MARK[e.check.status]} ${text}`)
      return
    }
    const s: Spinner = spinner
    spinner = null
    if (e.status === 'pass') s.succeed(text)
    else if (e.status === 'fail') s.fail(text)
    else s.warn(text)
    if (running.size) spin()
  }
  return { onProgress, stop: () => spinner?.stop() }
}

/** Saves the support report in each format its name asks for; returns the files written. */
const saveReport = async (cli: CliRuntime, file: string, result: DoctorResult): Promise<string[]> => {
  const [{ buildDoctorReport, renderReport }, { reportTargets, writeReportFile }] = await Promise.all([import('../../core/report/build-report'), import('../../core/report/save-report')])
  const { report, redact } = await buildDoctorReport(await cli.services(), 'cli', result)
  const files: string[] = []
  for (const t of reportTargets(file)) {
    await writeReportFile(t.path, renderReport(report, t.format, redact))
    files.push(t.path)
  }
  return files
}

/**
 * `aissist-zd doctor --customer C [--json] [--report FILE] [--offline]`: every link of the chain,
 * a line per finished check on stderr, the verdict on stdout; exit 0 all pass, 1 only warnings,
 * 2 something failed. Ctrl-C stops the checks still running.
 */
export const register: RegisterCommand = (doctor, cli) => {
  addCustomerOption(doctor)
    .option('--report <file>', 'save the support report (FILE.md and FILE.json, or the format of its extension)')
    .option('--offline', 'skip everything that needs the network')
    .action(async (opts: CustomerOption & { report?: string; offline?: boolean }) => {
      const { runDoctor, doctorExitCode } = await import('../../core/doctor/run-doctor')
      const services = await cli.services()
      const progress = progressLines(cli)
      let result: DoctorResult
      try {
        result = await whileInterruptible((signal) => runDoctor(services, opts.customer, { offline: Boolean(opts.offline), signal, onProgress: progress.onProgress }))
      } finally {
        progress.stop()
      }
      const files = opts.report ? await saveReport(cli, opts.report, result) : []
      cli.exitCode = doctorExitCode(result)
      cli.print(doctorJson(result, files, cli.exitCode), () => printHuman(cli, result, files))
    })
}
