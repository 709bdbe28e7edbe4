import { readFile } from 'node:fs/promises'
import { InvalidArgumentError } from 'commander'
import {
  AUTHOR_TYPES,
  CONTENT_TYPES,
  TEST_EVENT_SOURCES,
  WEBHOOK_EVENT_TYPES,
  type AuthorType,
  type ContentType,
  type TestEventSource,
  type WebhookEventType,
  type WebhookPayload
} from '../../../shared/webhook-events'
import { fixActionLines } from '../../../shared/fix-actions'
import type { BurstResult, RoundTripResult } from '../../../shared/contract/test-events'
import { runBurst, BURST_LIMITS } from '../../core/gateway/burst'
import { runLiveRoundTrip } from '../../core/gateway/round-trip'
import { probeGatewayHead, type GatewayResponse } from '../../core/gateway/send-event'
import { capturedPayload, previewTestEvent, sendTestEvent } from '../../core/gateway/test-event'
import { AppFailure } from '../../core/errors'
import { EX_FAILURE } from '../exit-codes'
import { whileInterruptible } from '../interrupt'
import type { CliRuntime } from '../runtime'
import { createSpinner } from '../spinner'
import { addCustomerOption, type CustomerOption } from './customer-option'
import type { RegisterCommand } from './index'

/** Exit codes by Zendesk's verdict, so a script can branch without parsing: 0 only when accepted. */
export const EVENT_EXIT_CODES = { accepted: 0, dropped: 2, retried: 3, 'timed-out': 4, unreachable: 5 } as const

const intIn = (min: number, max: number) => (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`)
  return n
}

const choice = <T extends string>(values: readonly T[]) => (v: string): T => {
  if (!values.includes(v as T)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`)
  return v as T
}

const ms = (n: number | undefined): string => (n === undefined ? '—' : `${n.toFixed(1)} ms`)

/** Prints one answer for a person. */
export const printResponse = (cli: CliRuntime, r: GatewayResponse, customer = ''): void => {
  const mark = r.ok ? '✔' : '✖'
  cli.out(`${mark} ${r.request.method} ${r.request.url}`)
  cli.out(`  status:   ${r.status === null ? 'no answer' : `${r.status}${r.statusText ? ` ${r.statusText}` : ''}`}`)
  cli.out(`  zendesk:  ${r.zendeskView.verdict} — ${r.zendeskView.message}`)
  if (r.zendeskView.fix) cli.out(`  fix:      ${r.zendeskView.fix}`)
  for (const a of fixActionLines(r.zendeskView.actions, customer)) cli.out(`  ⇒ ${a}`)
  if (r.error && r.error.message !== r.zendeskView.message) cli.out(`  error:    ${r.error.message}`)
  if (r.redirect) cli.out(`  redirect: ${r.redirect.location} (not followed)`)
  const t = r.timings
  cli.out(`  timings:  dns ${ms(t.dnsMs)} · connect ${ms(t.connectMs)} · tls ${ms(t.tlsMs)} · first byte ${ms(t.firstByteMs)} · total ${ms(t.totalMs)}`)
  if (r.body) cli.out(`  body:     ${r.body.slice(0, 500)}${r.body.length > 500 || r.bodyTruncated ? '…' : ''}`)
}

const printBurst = (cli: CliRuntime, b: BurstResult): void => {
  cli.out(`Burst: ${b.completed} of ${b.requested} events at concurrency ${b.concurrency} in ${b.durationMs} ms (${b.perSecond}/s)${b.cancelled ? ' — cancelled' : ''}`)
  cli.out(`  latency:  p50 ${ms(b.stats.p50)} · p95 ${ms(b.stats.p95)} · max ${ms(b.stats.max)}`)
  cli.out(`  zendesk:  ${Object.entries(b.byVerdict).map(([k, v]) => `${k} ${v}`).join(' · ')}`)
  cli.out(`  answers:  ${Object.entries(b.byStatus).map(([k, v]) => `${k} × ${v}`).join(' · ')}`)
  if (b.connections) cli.out(`  connections: ${b.connections.opened} opened, ${b.connections.reused} events over one already open`)
  if (b.firstError) cli.out(`  first error: ${b.firstError.message}`)
}

const printRoundTrip = (cli: CliRuntime, r: RoundTripResult): void => {
  for (const s of r.steps) cli.out(`  ${s.status === 'pass' ? '✔' : s.status === 'fail' ? '✖' : s.status === 'skipped' ? '–' : '▲'} ${s.message}`)
  cli.out(r.message)
  if (r.reply) cli.out(`  reply by: ${r.reply.authorName ?? '(no name)'}  avatar: ${r.reply.avatarUrl ?? '(none)'}`)
  if (r.fix) cli.out(`  → ${r.fix}`)
}

interface SendOptions extends CustomerOption {
  type: WebhookEventType
  text?: string
  user?: string
  source?: TestEventSource
  author?: AuthorType
  content?: ContentType
  payloadFile?: string
  count?: number
  concurrency?: number
  dryRun?: boolean
  timeout?: number
}

/** `events send --count n`: a burst, with p50/p95/max; Ctrl-C stops it and still reports. */
const sendBurst = async (cli: CliRuntime, opts: SendOptions & { count: number }): Promise<void> => {
  const services = await cli.services()
  const spinner = createSpinner(cli, `Sending ${opts.count} events…`)
  try {
    const b = await whileInterruptible((signal) =>
      runBurst(services, {
        profileRef: opts.customer,
        count: opts.count,
        concurrency: opts.concurrency ?? 5,
        type: opts.type,
        timeoutMs: opts.timeout,
        signal,
        onProgress: ({ done, total }) => spinner.update(`${done} of ${total} sent…`)
      })
    )
    spinner.stop()
    cli.print(b, () => printBurst(cli, b))
    if ((b.byVerdict.accepted ?? 0) !== b.requested) cli.exitCode = EX_FAILURE
  } finally {
    spinner.stop()
  }
}

/** A captured payload from `--payload-file`, validated (the first invalid field named), sent as written. */
const payloadFromFile = async (file: string): Promise<WebhookPayload> => {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    const code = (e as { code?: string }).code
    throw new AppFailure({
      code: 'invalid-input',
      message: `The payload file ${file} could not be read (${code ?? (e instanceof Error ? e.message : String(e))}).`,
      fix: 'Give the path of a JSON file holding one captured webhook body (app, webhook, events).'
    })
  }
  return capturedPayload(text, file)
}

/** `events send`: one event (or its exact request with `--dry-run`), and what Zendesk would make of the answer. */
const send = async (cli: CliRuntime, opts: SendOptions): Promise<void> => {
  const services = await cli.services()
  if (opts.payloadFile && (opts.author || opts.content || opts.source || opts.text || opts.user || opts.count)) {
    throw new AppFailure({ code: 'invalid-input', message: '--payload-file sends the captured payload as it is: it cannot be combined with --author, --content, --source, --text, --user or --count.', fix: 'Leave those options out, or leave out --payload-file to build the event.' })
  }
  const payload = opts.payloadFile ? await payloadFromFile(opts.payloadFile) : undefined
  const event = {
    profileRef: opts.customer,
    type: payload?.events[0]?.type ?? opts.type,
    text: opts.text,
    userName: opts.user,
    sourceType: opts.source,
    author: opts.author,
    content: opts.content,
    ...(payload ? { payload } : {})
  }
  if (opts.dryRun) {
    const { request } = await previewTestEvent(services, event)
    cli.writeJsonText(JSON.stringify({ request }, null, 2))
    return
  }
  if (opts.count !== undefined && opts.count > 1) return sendBurst(cli, { ...opts, count: opts.count })
  const spinner = createSpinner(cli, 'Sending the test event…')
  let r: Awaited<ReturnType<typeof sendTestEvent>>
  try {
    r = await sendTestEvent(services, { ...event, timeoutMs: opts.timeout })
  } finally {
    spinner.stop()
  }
  cli.print({ ok: r.response.ok, historyId: r.historyId, response: r.response }, () => printResponse(cli, r.response, opts.customer))
  cli.exitCode = EVENT_EXIT_CODES[r.response.zendeskView.verdict]
}

/**
 * `aissist-zd events send|head|roundtrip`: what Zendesk sends, to the customer's gateway, with what
 * Zendesk would make of the answer. Exit 0 only when the gateway accepted (every event of a burst).
 */
export const register: RegisterCommand = (events, cli) => {
  addCustomerOption(events.command('send'))
    .description('send a conversation:message or conversation:create event as Zendesk does (exit 0 only when accepted)')
    .option('--type <type>', `event type: ${WEBHOOK_EVENT_TYPES.join(' | ')}`, choice(WEBHOOK_EVENT_TYPES), 'conversation:message')
    .option('--text <text>', 'the message text (the caption of an image or file)')
    .option('--user <name>', 'the user\'s display name')
    .option('--author <who>', `who wrote the message: ${AUTHOR_TYPES.join(' | ')} (business: the echo of a reply, with the customer's agent name and avatar)`, choice(AUTHOR_TYPES))
    .option('--content <type>', `what the message holds: ${CONTENT_TYPES.join(' | ')}`, choice(CONTENT_TYPES))
    .option('--source <type>', `the channel, as Zendesk names it: ${TEST_EVENT_SOURCES.join(', ')} (sms is sent as twilio)`, choice(TEST_EVENT_SOURCES))
    .option('--payload-file <file>', 'send a captured webhook body (JSON) as it is, after checking it is one Zendesk sends (the first invalid field is named)')
    .option('--count <n>', `send a burst of n events (1–${BURST_LIMITS.maxCount})`, intIn(1, BURST_LIMITS.maxCount))
    .option('--concurrency <c>', `events at a time in a burst (1–${BURST_LIMITS.maxConcurrency}, default 5)`, intIn(1, BURST_LIMITS.maxConcurrency))
    .option('--timeout <ms>', 'how long to wait for an answer (default 20000, as Zendesk)', intIn(100, 60_000))
    .option('--dry-run', 'print the exact request (secret masked) without sending it')
    .action((opts: SendOptions) => send(cli, opts))

  addCustomerOption(events.command('head'))
    .description('send the HEAD request Zendesk sends when a webhook is created (exit 0 when 2xx)')
    .action(async (opts: CustomerOption) => {
      const p = await (await cli.vault()).getProfile(opts.customer)
      const r = await probeGatewayHead({ url: p.gatewayUrl, allowPrivate: p.allowPrivate })
      cli.print({ ok: r.ok, response: r }, () => printResponse(cli, r, opts.customer))
      cli.exitCode = EVENT_EXIT_CODES[r.zendeskView.verdict]
    })

  addCustomerOption(events.command('roundtrip'))
    .description('create a test user and conversation, write as the user, wait for the agent\'s reply, then watch a few seconds for the gateway answering its own echo (exit 0 when the agent replied with the customer\'s agent name and no echo loop)')
    .option('--timeout <ms>', 'how long to wait for the reply (default 30000)', intIn(1000, 120_000))
    .option('--echo-wait <ms>', 'how long to keep watching after the reply for the gateway answering its own echo (default 5000)', intIn(0, 60_000))
    .action(async (opts: CustomerOption & { timeout?: number; echoWait?: number }) => {
      const services = await cli.services()
      const spinner = createSpinner(cli, 'Starting the live round trip…')
      let r: RoundTripResult
      try {
        r = await runLiveRoundTrip(services, { profileRef: opts.customer, timeoutMs: opts.timeout, echoWaitMs: opts.echoWait, onStep: (s) => spinner.update(s.message) })
      } finally {
        spinner.stop()
      }
      cli.print(r, () => printRoundTrip(cli, r))
      cli.exitCode = r.verdict === 'replied' ? 0 : EX_FAILURE
    })
}
