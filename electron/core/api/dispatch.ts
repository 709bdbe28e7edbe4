import type { z } from 'zod'
import { calls, type Channel } from '../../../shared/contract'
import { redactDeep } from '../../../shared/redact'
import type { AppError, Result } from '../../../shared/result'
import { toAppError } from '../errors'
import type { HandlerContext, Handlers } from './context'

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** True when `name` is a channel of the contract (not a prototype key, not a typo). */
export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && hasOwn(calls, name)

/** Turns zod's issues into one sentence a person can act on, naming each bad field. */
export const describeIssues = (issues: z.core.$ZodIssue[]): string =>
  issues
    .slice(0, 8)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ')

/**
 * The single entry point of every renderer→main call, used by Electron's IPC and by the harness:
 * unknown channel → error; input validated against the contract → error naming the field; the
 * handler's failure → `{ ok: false, error }` with no stack trace and secrets redacted.
 */
export const dispatch = async (
  handlers: Handlers,
  channel: unknown,
  raw: unknown,
  ctx: HandlerContext
): Promise<Result<unknown>> => {
  if (!isChannel(channel)) {
    const name = ctx.services.secrets.redact(String(channel).slice(0, 64))
    return { ok: false, error: { code: 'unknown-call', message: `There is no call named "${name}".`, fix: 'Update the app: this window and the app are out of step.' } }
  }
  const spec = calls[channel]
  const parsed = spec.input.safeParse(raw === undefined ? {} : raw)
  if (!parsed.success) {
    const error: AppError = {
      code: 'invalid-input',
      message: `The ${channel} request was not valid: ${describeIssues(parsed.error.issues)}.`,
      fix: 'Correct the highlighted values and try again.',
      details: { issues: parsed.error.issues.slice(0, 8).map((i) => ({ path: i.path.map(String), message: i.message })) }
    }
    // zod echoes unrecognized keys and some values: redact them like any other error text.
    return { ok: false, error: redactDeep(error, ctx.services.secrets.redact) }
  }
  try {
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
    const value = await handler(parsed.data, ctx)
    // Defence in depth: no answer carries a registered secret, even one echoed back from input.
    return { ok: true, value: redactDeep(value, ctx.services.secrets.redact) }
  } catch (e) {
    const error = toAppError(e, ctx.services.secrets.redact)
    ctx.services.logger.warn('call failed', { channel, code: error.code, message: error.message })
    return { ok: false, error }
  }
}
