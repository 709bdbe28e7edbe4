import type { AppError } from '../../../shared/result'
import type { FixAction } from '../../../shared/fix-actions'
import { toAppError } from '../errors'
import type { CheckOutput, DoctorEnv } from './types'

/** Zendesk's own error titles, verbatim, from a client error. */
export const zendeskMessageOf = (e: AppError): string | undefined => {
  const errors = (e.details?.errors ?? []) as { code?: string; title?: string }[]
  const text = errors.map((x) => (x.title ? `${x.code ?? ''}: ${x.title}`.replace(/^: /, '') : x.code ?? '')).filter(Boolean).join('; ')
  return text || undefined
}

/**
 * A failed link from a thrown error: its message and fix as the client phrased them (Zendesk's
 * words verbatim), the request evidence, and the fixes the app can carry out for it.
 */
export const failFrom = (e: unknown, env: DoctorEnv, evidence: Record<string, unknown> = {}, actions: (err: AppError) => FixAction[] = () => []): CheckOutput => {
  const err = toAppError(e, env.services.secrets.redact)
  const zendeskMessage = zendeskMessageOf(err)
  const details = err.details ?? {}
  const fixes = actions(err)
  return {
    status: 'fail',
    message: err.message,
    fix: err.fix,
    code: err.code,
    evidence: {
      ...evidence,
      ...('request' in details ? { request: details.request } : {}),
      ...('status' in details ? { status: details.status } : {}),
      ...('networkCode' in details ? { networkCode: details.networkCode } : {}),
      ...('attempts' in details ? { attempts: details.attempts } : {})
    },
    ...(zendeskMessage ? { zendeskMessage } : {}),
    ...(fixes.length ? { actions: fixes } : {})
  }
}
