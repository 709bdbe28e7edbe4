import type { PlanItem } from '../../../shared/setup/types'
import type { SetupResult, SetupStep } from '../../../shared/contract/setup'
import { targetWords } from '../../../shared/setup/target'
import { EX_FAILURE, EX_OK } from '../exit-codes'
import { whileInterruptible } from '../interrupt'
import type { CliRuntime } from '../runtime'
import { confirm } from '../secret-input'
import { createSpinner, type Spinner } from '../spinner'
import { addCustomerOption, type CustomerOption } from './customer-option'
import type { RegisterCommand } from './index'

/** `setup`'s own exit code: the plan was not confirmed, so nothing was written. */
export const EX_NOT_CONFIRMED = 2

/** The `setup --json` shape: what scripts branch on (`ok`, `writes`, each step), and the plan. */
export const setupJson = (r: SetupResult): Record<string, unknown> => ({
  ok: r.ok,
  configured: r.configured,
  writes: r.writes,
  target: r.target,
  summary: r.summary,
  plan: r.plan,
  steps: r.steps.map((s) => ({
    id: s.id,
    title: s.title,
    status: s.status,
    message: s.message,
    durationMs: s.durationMs,
    ...(s.error ? { error: s.error } : {}),
    ...(s.manual ? { manual: s.manual } : {})
  }))
})

const MARK: Record<SetupStep['status'], string> = { pass: '✔', warn: '▲', fail: '✖', skipped: '–', waiting: '…', pending: '·', running: '⠋' }


const printPlan = (cli: CliRuntime, plan: PlanItem[], target: SetupResult['target']): void => {
  if (plan.length === 0) {
    cli.out('Plan: nothing to change — the account already matches the setup guide.')
    return
  }
  cli.out(`Plan for ${targetWords(target)}:`)
  for (const p of plan) {
    cli.out(`  • ${p.title}${p.confirm === 'deleteDuplicates' ? '  [needs --delete-duplicates]' : ''}`)
    cli.out(`      before: ${p.before ?? '—'}`)
    cli.out(`      after:  ${p.after ?? '(removed)'}`)
  }
}

const printStepDetail = (cli: CliRuntime, s: SetupStep): void => {
  if (s.error) cli.out(`    → ${s.error.fix}`)
  if (s.manual && (s.status === 'fail' || s.status === 'warn')) {
    cli.out(`    By hand: ${s.manual.where}`)
    for (const v of s.manual.values) cli.out(`      ${v.label}: ${v.value}`)
  }
}

const printSteps = (cli: CliRuntime, r: SetupResult): void => {
  for (const s of r.steps) {
    cli.out(`${MARK[s.status]} ${s.title}${s.durationMs ? ` (${s.durationMs} ms)` : ''}${s.message ? ` — ${s.message}` : ''}`)
    printStepDetail(cli, s)
  }
}

/** Live step lines: a spinner on the running step, a mark when it ends. */
const progress = (cli: CliRuntime): ((s: SetupStep) => void) => {
  let spinner: Spinner | null = null
  return (s) => {
    if (s.status === 'running') {
      spinner?.stop()
      spinner = createSpinner(cli, `${s.title}…`)
      return
    }
    if (s.status === 'pending') return
    const line = `${s.title}${s.message ? ` — ${s.message}` : ''}`
    const sp = spinner ?? createSpinner(cli, line)
    spinner = null
    if (s.status === 'pass') sp.succeed(line)
    else if (s.status === 'fail') sp.fail(line)
    else if (s.status === 'warn') sp.warn(line)
    else {
      sp.stop()
      if (!cli.json) cli.err(`${MARK[s.status]} ${line}`)
    }
  }
}

interface SetupOptions extends CustomerOption {
  plan?: boolean
  yes?: boolean
  deleteDuplicates?: boolean
}

/**
 * Shows the plan and asks for it to be applied; true when the caller should go on and apply.
 * Sets the exit code when it stops: 0 when only a plan was asked for or nothing needs doing, 1 when
 * a step failed, 2 when the plan was not confirmed.
 */
const planFirst = async (cli: CliRuntime, opts: SetupOptions, signal: AbortSignal, onStep?: (s: SetupStep) => void): Promise<boolean> => {
  const { runSetup } = await import('../../core/setup/run-setup')
  const planned = await runSetup(await cli.services(), { profileRef: opts.customer, mode: 'plan', confirm: { apply: false, deleteDuplicates: false }, signal, onStep })
  const failedStep = planned.steps.find((s) => s.status === 'fail')
  const changes = planned.plan.filter((p) => p.confirm === 'apply' || opts.deleteDuplicates)
  if (opts.plan || failedStep || (!opts.yes && changes.length === 0)) {
    cli.print(setupJson(planned), () => {
      printPlan(cli, planned.plan, planned.target)
      if (failedStep) printSteps(cli, planned)
      cli.out(planned.summary)
    })
    cli.exitCode = failedStep ? EX_FAILURE : opts.plan || planned.configured ? EX_OK : EX_NOT_CONFIRMED
    if (failedStep && !cli.json) cli.err(`✖ Failed step: ${failedStep.title}`)
    return false
  }
  if (!cli.json) printPlan(cli, planned.plan, planned.target)
  if (!cli.io.stdin.isTTY || cli.json) {
    const needs = { code: 'confirmation-required', message: `Not applying: ${planned.plan.length} change(s) to ${targetWords(planned.target)} need confirmation and there is no terminal to ask on.`, fix: 'Run again with --yes to apply the plan (add --delete-duplicates to also delete duplicates).' }
    if (cli.json) cli.writeJsonText(JSON.stringify({ ...setupJson(planned), ok: false, error: needs }, null, 2))
    else cli.err(`✖ ${needs.message}`, `  → ${needs.fix}`)
    cli.exitCode = EX_NOT_CONFIRMED
    return false
  }
  if (!(await confirm(cli, `Apply these changes to ${targetWords(planned.target)}?`))) {
    cli.err('Nothing was written.')
    cli.exitCode = EX_NOT_CONFIRMED
    return false
  }
  return true
}

/**
 * `aissist-zd setup --customer C` does the guide's integration setup: it always shows the plan
 * first, writes only after a "yes" (or `--yes`), deletes duplicates only with
 * `--delete-duplicates`, and exits 0 only when the account ends up configured. Ctrl-C cancels.
 */
export const register: RegisterCommand = (setup, cli) => {
  addCustomerOption(setup)
    .option('--plan', 'only show what would change; write nothing')
    .option('-y, --yes', 'apply the plan without asking')
    .option('--delete-duplicates', 'also delete duplicate integrations/webhooks sending to the gateway')
    .action((opts: SetupOptions) =>
      whileInterruptible(async (signal) => {
        const live = cli.json ? undefined : progress(cli)
        if ((!opts.yes || opts.plan) && !(await planFirst(cli, opts, signal, live))) return
        const { runSetup } = await import('../../core/setup/run-setup')
        const result = await runSetup(await cli.services(), {
          profileRef: opts.customer,
          mode: 'apply',
          confirm: { apply: true, deleteDuplicates: Boolean(opts.deleteDuplicates) },
          signal,
          onStep: live
        })
        const failed = result.steps.find((s) => s.status === 'fail')
        cli.print(setupJson(result), () => {
          cli.out('')
          printSteps(cli, result)
          cli.out(result.summary)
        })
        if (failed && !cli.json) cli.err(`✖ Failed step: ${failed.title}`)
        cli.exitCode = result.ok && result.configured ? EX_OK : EX_FAILURE
      })
    )
}
