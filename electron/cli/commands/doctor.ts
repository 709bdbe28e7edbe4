import { Option, type Command } from 'commander'
import type { DoctorCheck, DoctorResult } from '../../../shared/contract/doctor'
import { CHAIN } from '../../../shared/doctor/chain'
import { sinceLastPassSentence } from '../../../shared/doctor/change-sentence'
import { fixActionLines } from '../../../shared/fix-actions'
import type { RunDoctorOptions } from '../../core/doctor/run-doctor'
import { EX_USAGE } from '../exit-codes'
import { whileInterruptible } from '../interrupt'
import type { CliRuntime } from '../runtime'
import { createSpinner, type Spinner } from '../spinner'
import { doctorAllCommand } from './doctor-all'
import { saveReport } from './doctor-report'
import { doctorHistoryCommand } from './doctor-history'
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
  sinceLastPass: r.sinceLastPass ?? null,
  reportFiles
})

const line = (c: DoctorCheck): string => `${c.title}: ${c.message} (${Math.round(c.durationMs)} ms)`

const printHuman = (cli: CliRuntime, r: DoctorResult, reportFiles: string[]): void => {
  cli.out(`Diagnose of "${r.profileName}"${r.offline ? ' (offline)' : ''}`)
  const since = sinceLastPassSentence(r.sinceLastPass, new Date())
  if (since) cli.out(`↺ ${since}`)
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

/** The customer named by `--customer` or its old spelling `--profile`, or a usage error. */
const customerOf = (command: Command, required: boolean): string | undefined => {
  const { customer, profile } = command.opts<{ customer?: string; profile?: string }>()
  if (customer !== undefined && profile !== undefined && customer !== profile) {
    command.error(`error: --customer "${customer}" and --profile "${profile}" name different customers; give one`, { exitCode: EX_USAGE, code: 'commander.conflictingOption' })
  }
  const c = customer ?? profile
  if (required && c === undefined) {
    command.error("error: required option '-c, --customer <customer>' not specified (or --all for every customer)", { exitCode: EX_USAGE, code: 'commander.missingMandatoryOptionValue' })
  }
  return c
}

interface DoctorOptions {
  report?: string
  offline?: boolean
  all?: boolean
  concurrency?: string
}

/** One customer's diagnose: progress on stderr, the verdict on stdout, the report when asked. */
const diagnoseOne = async (cli: CliRuntime, customer: string, opts: DoctorOptions): Promise<void> => {
  const { runDoctor, doctorExitCode } = await import('../../core/doctor/run-doctor')
  const services = await cli.services()
  const progress = progressLines(cli)
  let result: DoctorResult
  try {
    result = await whileInterruptible((signal) => runDoctor(services, customer, { offline: Boolean(opts.offline), signal, onProgress: progress.onProgress, source: 'cli' }))
  } finally {
    progress.stop()
  }
  const files = opts.report ? await saveReport(cli, opts.report, result) : []
  cli.exitCode = doctorExitCode(result)
  cli.print(doctorJson(result, files, cli.exitCode), () => printHuman(cli, result, files))
}

/**
 * `aissist-zd doctor --customer C [--json] [--report FILE] [--offline]`: every link of the chain,
 * a line per finished check on stderr, the verdict on stdout; exit 0 all pass, 1 only warnings,
 * 2 something failed. Ctrl-C stops the checks still running. `--all` diagnoses every customer
 * (`doctor-all.ts`); `doctor history` lists a customer's kept runs (`doctor-history.ts`).
 */
export const register: RegisterCommand = (doctor, cli) => {
  doctor
    // `doctor history --customer C` is an argument, not a subcommand: commander hands a parent's
    // options (--customer) to the parent, so a subcommand could never see its own --customer.
    .argument('[history]', "list the customer's kept diagnose runs (the last 50) instead of diagnosing")
    .option('-c, --customer <customer>', 'the customer (name or id)')
    .addOption(new Option('-p, --profile <customer>', 'the same as --customer (its old name)').hideHelp())
    .option('--all', 'diagnose every customer side by side; exit with the worst result')
    .option('--concurrency <n>', 'with --all: how many customers at once (1 to 16, default 4)')
    .option('--report <file>', 'save the support report (FILE.md and FILE.json, or the format of its extension); with --all, a folder for one report per customer')
    .option('--offline', 'skip everything that needs the network')
    .action(async (view: string | undefined, opts: DoctorOptions, command: Command) => {
      if (view !== undefined && view !== 'history') command.error(`error: unknown argument '${view}' (only "history" may follow doctor)`, { exitCode: EX_USAGE, code: 'commander.excessArguments' })
      const customer = customerOf(command, !opts.all || view === 'history')
      if (view === 'history') {
        if (opts.all || opts.report || opts.offline || opts.concurrency) command.error('error: doctor history takes only --customer', { exitCode: EX_USAGE, code: 'commander.conflictingOption' })
        return doctorHistoryCommand(cli, customer as string)
      }
      if (opts.all) {
        if (customer !== undefined) command.error('error: --all diagnoses every customer; leave out --customer', { exitCode: EX_USAGE, code: 'commander.conflictingOption' })
        return doctorAllCommand(cli, command, opts)
      }
      if (opts.concurrency !== undefined) command.error('error: --concurrency goes with --all', { exitCode: EX_USAGE, code: 'commander.conflictingOption' })
      await diagnoseOne(cli, customer as string, opts)
    })
}
