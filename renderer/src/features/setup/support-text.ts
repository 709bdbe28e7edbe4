import type { SetupResult, SetupStep } from '../../../../shared/contract/setup'
import { targetWords } from '../../../../shared/setup/target'

/**
 * The whole run as text for a support ticket — the guide asks for "the step that failed and any
 * Zendesk error message". Core answers never carry a secret, and main redacts the clipboard again.
 */
export const setupSupportText = (steps: SetupStep[], result: SetupResult | null): string =>
  [
    'Aissist Zendesk Setup — guided setup',
    ...(result ? [`Account: ${targetWords(result.target)}`, `Result: ${result.summary}`, `Writes: ${result.writes}`] : []),
    '',
    ...steps.map((s, i) =>
      [
        `${i + 1}. ${s.title}: ${s.status}${s.durationMs ? ` (${s.durationMs} ms)` : ''}`,
        ...(s.message ? [`   ${s.message}`] : []),
        ...(s.error ? [`   Error ${s.error.code}: ${s.error.message}`, `   Fix: ${s.error.fix}`, ...(s.error.details ? [`   Details: ${JSON.stringify(s.error.details)}`] : [])] : [])
      ].join('\n')
    )
  ].join('\n')
