import type { PlanItem } from '../../../shared/setup/types'
import type { SetupResult, SetupStep } from '../../../shared/contract/setup'
import { fixActionLines } from '../../../shared/fix-actions'
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
/** `setup --plan`: changes are pending (like terraform's detailed exit code); 0 means nothing would change. */
export const EX_CHANGES_PENDING = 3

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
    ...(s.manual ? { manual: s.manual } : {}),
    ...(s.actions ? { actions: s.actions } : {}),
    ...(s.data && 'webhookLimit' in s.data && s.data.webhookLimit ? { webhookLimit: s.data.webhookLimit } : {})
  }))
})

const MARK: Record<SetupStep['status'], string> = { pass: '✔', warn: '▲', fail: '✖', skipped: '–', waiting: '…', pending: '·', running: '⠋' }

const NEEDS: Record<PlanItem['confirm'], string> = { apply: '', deleteDuplicates: '  [needs --delete-duplicates]', recreateWebhook: '  [needs --recreate-webhook]' }

const printPlan = (cli: CliRuntime, plan: PlanItem[], target: SetupResult['target']): void => {
  if (plan.length === 0) {
    cli.out('Plan: nothing to change — the account already matches the setup guide.')
    return
  }
  cli.out(`Plan for ${targetWords(target)}:`)
  for (const p of plan) {
    cli.out(`  • ${p.title}${NEEDS[p.confirm]}`)
    cli.out(`      before: ${p.before ?? '—'}`)
    cli.out(`      after:  ${p.after ?? '(removed)'}`)
  }
}

const printStepDetail = (cli: CliRuntime, s: SetupStep, customer: string): void => {
  if (s.error) cli.out(`    → ${s.error.fix}`)
  if (s.manual && (s.status === 'fail' || s.status === 'warn')) {
    cli.out(`    By hand: ${s.manual.where}`)
    for (const v of s.manual.values) cli.out(`      ${v.label}: ${v.value}`)
  }
  if (s.status === 'fail' || s.status === 'warn') for (const a of fixActionLines(s.actions, customer)) cli.out(`    ⇒ ${a}`)
}

const printSteps = (cli: CliRuntime, r: SetupResult): void => {
  for (const s of r.steps) {
    cli.out(`${MARK[s.status]} ${s.title}${s.durationMs ? ` (${s.durationMs} ms)` : ''}${s.message ? ` — ${s.message}` : ''}`)
    printStepDetail(cli, s, r.target.customer)
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
  recreateWebhook?: boolean
  rotateSecret?: boolean
  resyncSecret?: boolean
}

/** Refuses to go on without a confirmation it cannot ask for, naming the flag that gives it. */
const notConfirmed = (cli: CliRuntime, r: SetupResult, message: string, fix: string): false => {
  const needs = { code: 'confirmation-required', message, fix }
  if (cli.json) cli.writeJsonText(JSON.stringify({ ...setupJson(r), ok: false, error: needs }, null, 2))
  else cli.err(`✖ ${needs.message}`, `  → ${needs.fix}`)
  cli.exitCode = EX_NOT_CONFIRMED
  return false
}

/** `--plan` and stops (a failure, nothing to confirm): the plan, and the exit code that says which. */
const printPlanOnly = (cli: CliRuntime, opts: SetupOptions, planned: SetupResult): false => {
  const failedStep = planned.steps.find((s) => s.status === 'fail')
  cli.print(setupJson(planned), () => {
    printPlan(cli, planned.plan, planned.target)
    if (failedStep) printSteps(cli, planned)
    cli.out(planned.summary)
  })
  cli.exitCode = failedStep ? EX_FAILURE : opts.plan ? (planned.plan.length ? EX_CHANGES_PENDING : EX_OK) : planned.configured ? EX_OK : EX_NOT_CONFIRMED
  if (failedStep && !cli.json) cli.err(`✖ Failed step: ${failedStep.title}`)
  return false
}

/**
 * Shows the plan and asks for it to be applied; true when the caller should go on and apply.
 * Sets the exit code when it stops: with `--plan` 0 when nothing would change and 3 when changes
 * are pending; 1 when a step failed; 2 when the plan was not confirmed.
 */
const planFirst = async (cli: CliRuntime, opts: SetupOptions, signal: AbortSignal, onStep?: (s: SetupStep) => void): Promise<boolean> => {
  const { runSetup } = await import('../../core/setup/run-setup')
  const planned = await runSetup(await cli.services(), { profileRef: opts.customer, mode: 'plan', confirm: { apply: false, deleteDuplicates: false }, signal, onStep })
  const failedStep = planned.steps.find((s) => s.status === 'fail')
  const recreate = planned.plan.some((p) => p.confirm === 'recreateWebhook')
  const changes = planned.plan.filter((p) => p.confirm === 'apply' || (p.confirm === 'deleteDuplicates' && opts.deleteDuplicates) || (p.confirm === 'recreateWebhook' && opts.recreateWebhook))
  if (opts.plan || failedStep || (!opts.yes && changes.length === 0 && !recreate)) return printPlanOnly(cli, opts, planned)
  if (!cli.json) printPlan(cli, planned.plan, planned.target)
  if (recreate && !opts.recreateWebhook) {
    return notConfirmed(cli, planned, `Not applying: the webhook of ${targetWords(planned.target)} must be recreated (a new webhook gets a new secret, which the Aissist gateway needs too), and that needs its own confirmation.`, 'Run again with --recreate-webhook (and --yes without a terminal).')
  }
  if (!cli.io.stdin.isTTY || cli.json) {
    return notConfirmed(cli, planned, `Not applying: ${planned.plan.length} change(s) to ${targetWords(planned.target)} need confirmation and there is no terminal to ask on.`, 'Run again with --yes to apply the plan (add --delete-duplicates to also delete duplicates).')
  }
  if (!(await confirm(cli, `Apply these changes to ${targetWords(planned.target)}?`))) {
    cli.err('Nothing was written.')
    cli.exitCode = EX_NOT_CONFIRMED
    return false
  }
  return true
}

/** Prints a finished apply (or rotation) and sets the exit code: 0 only when messages arrive. */
const finish = (cli: CliRuntime, result: SetupResult): void => {
  const failed = result.steps.find((s) => s.status === 'fail')
  cli.print(setupJson(result), () => {
    cli.out('')
    printSteps(cli, result)
    cli.out(result.summary)
  })
  if (failed && !cli.json) cli.err(`✖ Failed step: ${failed.title}`)
  cli.exitCode = result.ok && result.configured ? EX_OK : EX_FAILURE
}

/** `--resync-secret`: store Zendesk's webhook secret; reads Zendesk, writes only this computer. */
const resync = async (cli: CliRuntime, opts: SetupOptions): Promise<void> => {
  const { resyncWebhookSecret } = await import('../../core/setup/webhook-secret')
  const r = await resyncWebhookSecret(await cli.services(), opts.customer)
  cli.print(r, () => cli.out(`✔ ${r.message}`))
}

/** `--rotate-secret`: recreate the webhook (a new secret), after a confirmation naming the account. */
const rotate = async (cli: CliRuntime, opts: SetupOptions, signal: AbortSignal, onStep?: (s: SetupStep) => void): Promise<void> => {
  const services = await cli.services()
  if (!opts.yes) {
    const { writeTargetOf, targetWords: words } = await import('../../../shared/setup/target')
    const target = words(writeTargetOf(await services.vault.getProfile(opts.customer)))
    if (!cli.io.stdin.isTTY || cli.json) {
      const needs = { code: 'confirmation-required', message: `Not rotating: recreating the webhook of ${target} needs confirmation and there is no terminal to ask on.`, fix: 'Run again with --rotate-secret --yes.' }
      if (cli.json) cli.writeJsonText(JSON.stringify({ ok: false, error: needs }, null, 2))
      else cli.err(`✖ ${needs.message}`, `  → ${needs.fix}`)
      cli.exitCode = EX_NOT_CONFIRMED
      return
    }
    if (!(await confirm(cli, `Recreate the webhook of ${target} with a new secret? The Aissist gateway must be given the new secret.`))) {
      cli.err('Nothing was written.')
      cli.exitCode = EX_NOT_CONFIRMED
      return
    }
  }
  const { rotateWebhookSecret } = await import('../../core/setup/webhook-secret')
  finish(cli, await rotateWebhookSecret(services, opts.customer, { signal, ...(onStep ? { onStep } : {}) }))
}

/** An apply that still waits: the webhook to recreate was not confirmed (`--yes` without `--recreate-webhook`). */
const stillWaiting = (cli: CliRuntime, result: SetupResult): boolean => {
  if (result.steps.find((s) => s.id === 'apply')?.status !== 'waiting') return false
  notConfirmed(cli, result, `Not applied: the webhook of ${targetWords(result.target)} must be recreated, which needs its own confirmation. Nothing was written.`, 'Run again with --recreate-webhook --yes.')
  return true
}

/**
 * `aissist-zd setup --customer C` does the guide's integration setup: it always shows the plan
 * first, writes only after a "yes" (or `--yes`), deletes duplicates only with
 * `--delete-duplicates`, recreates the webhook only with `--recreate-webhook` (or
 * `--rotate-secret`), and exits 0 only when the account ends up configured. Ctrl-C cancels.
 */
export const register: RegisterCommand = (setup, cli) => {
  addCustomerOption(setup)
    .option(
      '--plan',
      'show what would change and write nothing to Zendesk; when nothing needs to change it goes on as a setup does: stores the integration ID, webhook ID and webhook secret on this computer and sends two test events to the gateway (exit 0: nothing would change, 3: changes are pending)'
    )
    .option('-y, --yes', 'apply the plan without asking')
    .option('--delete-duplicates', 'also delete duplicate integrations/webhooks sending to the gateway')
    .option('--recreate-webhook', 'recreate a webhook that must be recreated (version v1 or v1.1): a new webhook with a new secret')
    .option('--rotate-secret', 'rotate the webhook secret: recreate the webhook (a new secret), keep the new one, read back and send test events with it')
    .option('--resync-secret', "store Zendesk's webhook secret on this computer (writes nothing to Zendesk)")
    .addHelpText('after', '\nExit codes: 0 configured (messages arrive), or with --plan nothing would change; 1 a step failed; 2 not confirmed or no such customer; 3 with --plan, changes are pending.')
    .action((opts: SetupOptions) =>
      whileInterruptible(async (signal) => {
        const live = cli.json ? undefined : progress(cli)
        if (opts.resyncSecret) return resync(cli, opts)
        if (opts.rotateSecret) return rotate(cli, opts, signal, live)
        if ((!opts.yes || opts.plan) && !(await planFirst(cli, opts, signal, live))) return
        const { runSetup } = await import('../../core/setup/run-setup')
        const result = await runSetup(await cli.services(), {
          profileRef: opts.customer,
          mode: 'apply',
          confirm: { apply: true, deleteDuplicates: Boolean(opts.deleteDuplicates), recreateWebhook: Boolean(opts.recreateWebhook) },
          signal,
          onStep: live
        })
        if (!stillWaiting(cli, result)) finish(cli, result)
      })
    )
}
