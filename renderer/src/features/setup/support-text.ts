import type { SetupResultView, SetupStepView } from '../../../../shared/contract/setup'

/**
 * The whole run as text for a support ticket — the guide asks for "the step that failed and any
 * Zendesk error message". Core answers never carry a secret, and main redacts the clipboard again.
 */
export const setupSupportText = (steps: SetupStepView[], result: SetupResultView | null): string =>
  [
    'Aissist Zendesk Setup — guided setup',
    ...(result ? [`Account: ${result.target.customer} — ${result.target.account}, app ID ${result.target.appId}`, `Result: ${result.summary}`, `Writes: ${result.writes}`] : []),
    '',
    ...steps.map((s, i) =>
      [
        `${i + 1}. ${s.title}: ${s.status}${s.durationMs ? ` (${s.durationMs} ms)` : ''}`,
        ...(s.message ? [`   ${s.message}`] : []),
        ...(s.error ? [`   Error ${s.error.code}: ${s.error.message}`, `   Fix: ${s.error.fix}`, ...(s.error.details ? [`   Details: ${JSON.stringify(s.error.details)}`] : [])] : [])
      ].join('\n')
    )
  ].join('\n')
