import { WebhookPayload } from '../webhook-events'

/** One problem with an edited payload, on the field it concerns. */
export interface PayloadIssue {
  path: string
  message: string
}

/** Largest raw payload accepted from the editor (Zendesk's own bodies are far smaller). */
export const MAX_RAW_PAYLOAD_CHARS = 256 * 1024

/**
 * Checks JSON typed in the raw editor against the project's webhook schema, so what is sent is
 * something Zendesk could have sent; each problem names its field (`events.0.payload.message`).
 */
export const validateRawPayload = (text: string): { ok: true; payload: WebhookPayload } | { ok: false; issues: PayloadIssue[] } => {
  if (text.length > MAX_RAW_PAYLOAD_CHARS) return { ok: false, issues: [{ path: '(root)', message: `The payload is longer than ${MAX_RAW_PAYLOAD_CHARS / 1024} KB.` }] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { ok: false, issues: [{ path: '(root)', message: `This is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] }
  }
  return validatePayloadValue(value)
}

/** Same as {@link validateRawPayload} for an already parsed value. */
export const validatePayloadValue = (value: unknown): { ok: true; payload: WebhookPayload } | { ok: false; issues: PayloadIssue[] } => {
  const r = WebhookPayload.safeParse(value)
  if (r.success) return { ok: true, payload: r.data }
  return {
    ok: false,
    issues: r.error.issues.slice(0, 10).map((i) => ({ path: i.path.length ? i.path.map(String).join('.') : '(root)', message: i.message }))
  }
}

/** One sentence for an error text: "events.0.type: Invalid input; app.id: Required". */
export const describePayloadIssues = (issues: PayloadIssue[]): string => issues.map((i) => `${i.path}: ${i.message}`).join('; ')
