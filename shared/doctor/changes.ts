import type { CheckChange, CheckChangeSide, DoctorCheck, DoctorResult, SinceLastPass } from '../contract/doctor'
import { CHAIN } from './chain'
import { lastPassingRun, type StoredRun } from './history'

/**
 * What changed since the customer's last passing run, link by link, field by field. Iterates the
 * declared chain (whatever links it holds) and compares each link's status and evidence, leaving
 * out what differs on every run without meaning anything: timings, DNS answers, time stamps, the
 * ids of the requests themselves.
 */

/** Evidence keys that change from run to run on a healthy account. */
const VOLATILE_KEY = /(?:Ms|At)$|^(?:at|addresses|validTo|date|timestamp|requestId|traceId|conversationId|messageId)$/

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A value without its volatile parts (inside arrays too). */
const stable = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(stable)
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).filter(([k]) => !VOLATILE_KEY.test(k)).map(([k, x]) => [k, stable(x)]))
  return v
}

/**
 * Evidence as `path → value`: nested objects become dotted paths (`webhook.triggers`); arrays and
 * empty objects are values of their own (a list of triggers changes as one field).
 */
export const flattenEvidence = (evidence: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> => {
  for (const [k, v] of Object.entries(evidence)) {
    if (VOLATILE_KEY.test(k)) continue
    const path = prefix ? `${prefix}.${k}` : k
    if (isPlainObject(v) && Object.keys(v).length > 0) flattenEvidence(v, path, out)
    else out[path] = stable(v)
  }
  return out
}

/** A value in a canonical text: object keys sorted, lists of words sorted (trigger order means nothing). */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) {
    const items = v.map(canonical)
    if (v.every((x) => typeof x === 'string')) items.sort()
    return `[${items.join(',')}]`
  }
  if (isPlainObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
  return JSON.stringify(v === undefined ? null : v)
}

const side = (c: DoctorCheck, evidence: Record<string, unknown>): CheckChangeSide => ({ status: c.status, ...(c.code ? { code: c.code } : {}), evidence })

/** How one link differs between two runs, or null when it does not. */
export const checkChange = (before: DoctorCheck, after: DoctorCheck): CheckChange | null => {
  // A skipped link has no evidence of its own: only its status says something.
  if (before.status === 'skipped' || after.status === 'skipped') {
    return before.status === after.status ? null : { check: after.id, before: side(before, {}), after: side(after, {}) }
  }
  const b = flattenEvidence(before.evidence)
  const a = flattenEvidence(after.evidence)
  const was: Record<string, unknown> = {}
  const now: Record<string, unknown> = {}
  for (const path of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (canonical(b[path]) === canonical(a[path])) continue
    was[path] = b[path] ?? null
    now[path] = a[path] ?? null
  }
  if (before.status === after.status && Object.keys(now).length === 0) return null
  return { check: after.id, before: side(before, was), after: side(after, now) }
}

/** Every link of the chain that changed between two runs, in chain order. */
export const changesBetween = (before: DoctorResult, after: DoctorResult): CheckChange[] =>
  CHAIN.flatMap((def) => {
    const b = before.checks.find((c) => c.id === def.id)
    const a = after.checks.find((c) => c.id === def.id)
    // A link the earlier run did not have (an update added it) did not change: it is new.
    const change = a && b ? checkChange(b, a) : null
    return change ? [change] : []
  })

/** `sinceLastPass` of a new run, from the customer's earlier runs (kept newest first). */
export const sinceLastPass = (earlier: readonly StoredRun[], current: DoctorResult): SinceLastPass => {
  const pass = lastPassingRun(earlier)
  return {
    at: pass?.result.startedAt ?? null,
    runId: pass?.id ?? null,
    runsKept: earlier.length,
    changes: pass ? changesBetween(pass.result, current) : []
  }
}
