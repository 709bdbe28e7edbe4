import type { AppError } from '../../../shared/result'

/** A screen's fields: the key the core's errors use → the label the screen shows. */
export type FieldLabels = Readonly<Record<string, string>>

/** One rejected value, placed on a field of the screen when it has one. */
export interface FieldIssue {
  /** The screen's field key, or null when the issue names no field of this screen. */
  field: string | null
  /** The field's label, or null. */
  label: string | null
  message: string
}

/** An invalid-input error read for one screen: each field's message, and every issue in order. */
export interface FieldIssues {
  byField: Readonly<Record<string, string>>
  issues: FieldIssue[]
}

const rawIssues = (error: AppError): { path: string[]; message: string }[] => {
  const issues = error.details?.issues
  if (!Array.isArray(issues)) return []
  return issues.flatMap((i: unknown) => {
    if (typeof i !== 'object' || i === null) return []
    const { path, message } = i as { path?: unknown; message?: unknown }
    if (typeof message !== 'string') return []
    return [{ path: Array.isArray(path) ? path.map(String) : [], message }]
  })
}

/** "Avatar URL: Enter a full URL…" → "Enter a full URL…" (the label is shown beside it already). */
const withoutLabel = (message: string, label: string): string => (message.toLowerCase().startsWith(`${label.toLowerCase()}: `) ? message.slice(label.length + 2) : message)

/**
 * The field issues of an error (the dispatcher's and the vault's `invalid-input` carry
 * `details.issues` with each value's path), placed on this screen's fields: the path's last key
 * the screen knows wins (`patch.avatarUrl` → `avatarUrl`), `aliases` renames keys the screen calls
 * otherwise (`value` → `keySecret`). Null when the error names no value at all.
 */
export const fieldIssues = (error: AppError, labels: FieldLabels, aliases: Readonly<Record<string, string>> = {}): FieldIssues | null => {
  const raw = rawIssues(error)
  if (raw.length === 0) return null
  const byField: Record<string, string> = {}
  const issues = raw.map(({ path, message }): FieldIssue => {
    const keys = path.map((k) => aliases[k] ?? k)
    const field = [...keys].reverse().find((k) => k in labels) ?? null
    const label = field ? labels[field] : null
    const text = label ? withoutLabel(message, label) : message
    if (field && !(field in byField)) byField[field] = text
    return { field, label, message: text }
  })
  return { byField, issues }
}
