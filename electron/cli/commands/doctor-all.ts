import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import type { DoctorAllEntry, DoctorAllProgress } from '../../../shared/contract/doctor'
import { DOCTOR_ALL_CONCURRENCY } from '../../../shared/contract/doctor'
import { suggestedReportName } from '../../../shared/doctor/render'
import type { RunAllOutcome } from '../../core/doctor/run-all'
import { EX_USAGE } from '../exit-codes'
import { whileInterruptible } from '../interrupt'
import type { CliRuntime } from '../runtime'
import { createSpinner, type Spinner } from '../spinner'
import { saveReport } from './doctor-report'

const MARK: Record<DoctorAllEntry['status'], string> = { pass: '✔', warn: '▲', fail: '✖', skipped: '–' }

/** `--concurrency N` as a number within bounds, or a usage error. */
const concurrencyOf = (command: Command, raw: string | undefined): number => {
  if (raw === undefined) return DOCTOR_ALL_CONCURRENCY.default
  const n = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || n < DOCTOR_ALL_CONCURRENCY.min || n > DOCTOR_ALL_CONCURRENCY.max) {
    command.error(`error: --concurrency must be a whole number from ${DOCTOR_ALL_CONCURRENCY.min} to ${DOCTOR_ALL_CONCURRENCY.max} (got "${raw}")`, { exitCode: EX_USAGE, code: 'commander.invalidArgument' })
  }
  return n
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/** The `doctor --all --json` shape, exactly: what a script needs per customer. */
export const doctorAllJson = (out: Pick<RunAllOutcome, 'ok' | 'items'>): Record<string, unknown> => ({
  ok: out.ok,
  profiles: out.items.map(({ entry: e }) => ({ name: e.name, id: e.id, ok: e.ok, exitCode: e.exitCode, firstFailure: e.firstFailure, durationMs: e.durationMs }))
})

/** What one finished customer's line says. */
const outcomeText = (e: Pick<DoctorAllProgress, 'status' | 'firstFailure'>): string =>
  e.firstFailure?.sentence ?? (e.status === 'pass' ? 'every check passed' : e.status === 'warn' ? 'working, with warnings' : e.status === 'skipped' ? 'not diagnosed (cancelled)' : 'failed')

/**
 * Progress on stderr: on a terminal, one spinner line saying how far the run is and who is being
 * diagnosed, and a line per finished customer; without one, just the finished lines; nothing with
 * `--json`.
 */
const progressLines = (cli: CliRuntime, total: number): { onProgress: (p: DoctorAllProgress) => void; stop: () => void } => {
  let spinner: Spinner | null = null
  const running = new Map<string, string>()
  let done = 0
  const text = (): string => `Diagnosing ${total} customers: ${done} done${running.size ? `, now ${[...running.values()].join(', ')}` : ''}…`
  const spin = (): void => {
    if (!cli.interactive) return
    if (spinner) spinner.update(text())
    else spinner = createSpinner(cli, text())
  }
  const onProgress = (p: DoctorAllProgress): void => {
    if (p.status === 'pending') return
    if (p.status === 'running') {
      running.set(p.profileId, p.profileName)
      spin()
      return
    }
    running.delete(p.profileId)
    done++
    if (cli.json) return
    const line = `${p.profileName} — ${outcomeText(p)}${p.durationMs ? ` (${seconds(p.durationMs)})` : ''}`
    if (!spinner) cli.err(`${MARK[p.status === 'pass' || p.status === 'warn' || p.status === 'fail' ? p.status : 'skipped']} ${line}`)
    else {
      const s: Spinner = spinner
      spinner = null
      if (p.status === 'pass') s.succeed(line)
      else if (p.status === 'fail') s.fail(line)
      else s.warn(line)
      if (running.size || done < total) spin()
    }
  }
  return { onProgress, stop: () => spinner?.stop() }
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** The table on stdout: customer, result, first failure, time; then the count per result. */
const printTable = (cli: CliRuntime, out: RunAllOutcome, reportFiles: string[]): void => {
  const rows = out.items.map(({ entry: e }) => [cut(e.name, 32), `${MARK[e.status]} ${e.cancelled ? 'cancelled' : e.status}`, e.firstFailure ? cut(e.firstFailure.sentence, 90) : '—', seconds(e.durationMs)])
  const head = ['Customer', 'Result', 'First failure', 'Time']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('  ')
  cli.out(line(head))
  for (const r of rows) cli.out(line(r))
  const n = (s: DoctorAllEntry['status']): number => out.items.filter((i) => i.entry.status === s).length
  cli.out('')
  cli.out(`${out.items.length} customer${out.items.length === 1 ? '' : 's'}: ${n('pass')} passed, ${n('warn')} with warnings, ${n('fail')} failed${n('skipped') ? `, ${n('skipped')} not diagnosed` : ''}; ${out.concurrency} at a time, ${seconds(out.durationMs)}.${out.cancelled ? ' The run was cancelled.' : ''}`)
  for (const f of reportFiles) cli.out(`Report saved: ${f}`)
}

/**
 * `aissist-zd doctor --all [--concurrency N] [--json] [--report DIR]`: every customer diagnosed
 * side by side, at most N at once; a table on stdout and the worst result as exit code (0 all
 * pass, 1 warnings, 2 a failure). Ctrl-C stops every running diagnose.
 */
export const doctorAllCommand = async (cli: CliRuntime, command: Command, opts: { concurrency?: string; offline?: boolean; report?: string }): Promise<void> => {
  const concurrency = concurrencyOf(command, opts.concurrency)
  const { runDoctorAll } = await import('../../core/doctor/run-all')
  const services = await cli.services()
  const { profiles } = await services.vault.listProfiles()
  const progress = progressLines(cli, profiles.length)
  let out: RunAllOutcome
  try {
    out = await whileInterruptible((signal) => runDoctorAll(services, { concurrency, offline: Boolean(opts.offline), signal, onProgress: progress.onProgress, source: 'cli-all' }))
  } finally {
    progress.stop()
  }
  const files: string[] = []
  if (opts.report) {
    await mkdir(opts.report, { recursive: true, mode: 0o700 })
    for (const { result } of out.items) {
      if (!result) continue
      const base = suggestedReportName(result.profileName, new Date(result.startedAt), 'json').replace(/\.json$/, `-${result.profileId.slice(0, 8)}`)
      files.push(...(await saveReport(cli, join(opts.report, base), result)))
    }
  }
  cli.exitCode = out.exitCode
  if (out.items.length === 0 && !cli.json) {
    cli.out('There are no customers to diagnose. Add one with: aissist-zd customer add')
    return
  }
  cli.print(doctorAllJson(out), () => printTable(cli, out, files))
}
