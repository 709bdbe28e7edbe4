import { REDACTED } from '../redact'
import { WEBHOOK_SECRET_HEADER } from '../webhook-events'

/**
 * What the masked X-API-Key shows instead of the secret: the redactor's own marker, so a masked
 * request passed through the logs' or the CLI's redaction reads the same.
 */
export const MASKED_SECRET = REDACTED

/** A request as the history and the dry run keep it: the secret is never in it. */
export interface MaskedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: unknown
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** Headers with the X-API-Key value replaced by {@link MASKED_SECRET}, whatever its case. */
export const maskHeaders = (headers: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) out[k] = k.toLowerCase() === WEBHOOK_SECRET_HEADER ? MASKED_SECRET : v
  return out
}

/**
 * A curl command reproducing the request, so a support engineer can paste it into a terminal or a
 * ticket. The secret stays masked unless the caller passes it (an explicit "reveal").
 */
export const renderCurl = (req: MaskedRequest, secret?: string): string => {
  const lines = [`curl -sS -i -X ${req.method} ${shellQuote(req.url)}`]
  for (const [k, v] of Object.entries(req.headers)) {
    const value = k.toLowerCase() === WEBHOOK_SECRET_HEADER ? (secret ?? MASKED_SECRET) : v
    lines.push(`  -H ${shellQuote(`${k}: ${value}`)}`)
  }
  if (req.body !== undefined) lines.push(`  --data-raw ${shellQuote(typeof req.body === 'string' ? req.body : JSON.stringify(req.body))}`)
  lines.push('  --max-time 20')
  return lines.join(' \\\n')
}
