import { DoctorReport, DoctorReportV1, REPORT_FORMAT, REPORT_VERSION, type OpenedReport } from '../contract/doctor'
import type { AppError, Result } from '../result'
import { isCheckId } from './chain'
import { FIX_EXPORT, MAX_REPORT_BYTES, named, reportTooLarge } from './report-limits'

export { reportTooLarge }

/**
 * Reads a support report file's text back into a report, whoever made it: this version, an older
 * one (format 1, brought up to date), a newer one (refused, saying so), or something that is not
 * a report at all (a customers export, the command line's own JSON, a half-copied file) — each
 * with a message that says what the file is and what to do. Pure: the CLI, main and the tests
 * share it, and it never touches the network.
 */

/** The report formats this version reads. */
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, REPORT_VERSION]

const fail = (code: string, message: string, fix: string, details?: Record<string, unknown>): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, fix, ...(details ? { details } : {}) }
})

/**
 * True when JSON text ends in the middle of a value (an open string, object or array): a file cut
 * short by a copy, a download or a mail client, rather than one with a wrong character inside.
 */
export const looksTruncated = (text: string): boolean => {
  const open: string[] = []
  let inString = false
  let escaped = false
  for (const ch of text) {
    if (inString) {
      if (escaped) escaped = false
      else if (ch === '\\') escaped = true
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '{' || ch === '[') open.push(ch)
    else if (ch === '}' || ch === ']') {
      // A closing bracket of the wrong kind is a broken file, not a short one.
      if (open.pop() !== (ch === '}' ? '{' : '[')) return false
    }
  }
  return inString || open.length > 0
}

/** What a foreign JSON document most likely is, to say so. */
const foreignKind = (doc: Record<string, unknown>): { what: string; fix: string } | null => {
  if (doc.format === 'aissist-zendesk-profiles') return { what: 'a customers export (their records, without secrets)', fix: 'Import it on the Customers screen instead, or ask for the JSON support report.' }
  if (doc.format === 'aissist-gateway-event-history') return { what: 'a test event history', fix: 'Open it in a text editor, or ask for the JSON support report.' }
  if (Array.isArray(doc.checks) && 'exitCode' in doc && 'verdict' in doc) return { what: "the command line's diagnose output, not a support report", fix: 'Save the report itself: the command line\'s doctor with a report file ending in .json, or Export report (JSON) in the app.' }
  if (Array.isArray(doc.profiles) && 'ok' in doc) return { what: "the command line's output of diagnosing every customer, not a support report", fix: 'Open the support report of one customer instead.' }
  if (Array.isArray(doc.runs)) return { what: "a customer's diagnose history, not a support report", fix: 'Open the support report of one run instead.' }
  return null
}

/** zod's first issues as "result.checks.3.status: …". */
const issuesText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'the file'}: ${i.message}`)
    .join('; ')

/** Parses the text as JSON, naming a cut-short file as such. */
const parseJson = (text: string, fileName: string | null): Result<unknown> => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (e) {
    const detail = (e instanceof Error ? e.message : String(e)).slice(0, 200)
    if (looksTruncated(text)) {
      return fail('report-truncated', `${named(fileName)} ends in the middle of the report (${text.length} characters, then nothing): it was cut short when it was copied or saved.`, 'Ask for the file again, attached as a file rather than pasted into a message.', { chars: text.length })
    }
    return fail('report-malformed', `${named(fileName)} is not valid JSON (${detail}), so it cannot be a support report.`, FIX_EXPORT)
  }
}

/** Checks the format and version, and parses the report of a version this app reads. */
const parseReport = (doc: Record<string, unknown>, fileName: string | null): Result<OpenedReport> => {
  const version = doc.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('report-unknown-version', `${named(fileName)} says it is a support report, but its format version (${JSON.stringify(version ?? null)}) is not one any version of this app writes.`, FIX_EXPORT, { version: version ?? null })
  }
  if (version > REPORT_VERSION) {
    return fail(
      'report-newer-version',
      `${named(fileName)} was made by a newer version of the app (report format ${version}); this version reads formats ${READABLE_REPORT_VERSIONS.join(' and ')}.`,
      'Update Aissist Zendesk Setup to open it, or ask for the Markdown report, which any text editor shows.',
      { version }
    )
  }
  if (!READABLE_REPORT_VERSIONS.includes(version)) {
    return fail('report-unknown-version', `${named(fileName)} is in report format ${version}, which this version does not read.`, FIX_EXPORT, { version })
  }
  const result = doc.result as { checks?: unknown } | undefined
  const unknownCheck = Array.isArray(result?.checks) ? (result.checks as { id?: unknown }[]).find((c) => typeof c?.id === 'string' && !isCheckId(c.id)) : undefined
  if (unknownCheck) {
    return fail('report-newer-checks', `${named(fileName)} has a check this version does not know ("${String(unknownCheck.id).slice(0, 60)}"): it was made by a newer version of the app.`, 'Update Aissist Zendesk Setup to open it, or ask for the Markdown report.', { check: String(unknownCheck.id).slice(0, 60) })
  }
  if (version === 1) {
    const v1 = DoctorReportV1.safeParse(doc)
    if (!v1.success) return fail('report-invalid', `${named(fileName)} says it is a support report (format 1), but it is damaged: ${issuesText(v1.error.issues)}.`, FIX_EXPORT)
    const report: DoctorReport = { ...v1.data, version: REPORT_VERSION, result: { ...v1.data.result, sinceLastPass: v1.data.result.sinceLastPass ?? null } }
    return { ok: true, value: { fileName, formatVersion: 1, report } }
  }
  const current = DoctorReport.safeParse(doc)
  if (!current.success) return fail('report-invalid', `${named(fileName)} says it is a support report (format ${version}), but it is damaged: ${issuesText(current.error.issues)}.`, FIX_EXPORT)
  return { ok: true, value: { fileName, formatVersion: version, report: current.data } }
}

/** A support report from a file's text, or the reason the file is not one. */
export const readReportText = (raw: string, fileName: string | null = null): Result<OpenedReport> => {
  const text = raw.replace(/^\uFEFF/, '')
  if (text.length > MAX_REPORT_BYTES) return { ok: false, error: reportTooLarge(text.length, fileName) }
  if (text.trim() === '') return fail('report-empty', `${named(fileName)} is empty.`, 'Ask for the file again, attached as a file rather than pasted into a message.')
  if (/^\s*#\s*Aissist Zendesk diagnose report/.test(text)) {
    return fail('report-markdown', `${named(fileName)} is the Markdown support report, made to be read by people; the app opens the JSON one.`, 'Ask for the JSON report of the same run (it is saved beside the Markdown one, ending in .json).')
  }
  const parsed = parseJson(text, fileName)
  if (!parsed.ok) return parsed
  const doc = parsed.value
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    const kind = Array.isArray(doc) ? 'a list' : doc === null ? 'null' : `a ${typeof doc}`
    return fail('report-foreign', `${named(fileName)} holds JSON (${kind}), but not a support report.`, FIX_EXPORT)
  }
  const obj = doc as Record<string, unknown>
  if (obj.format !== REPORT_FORMAT) {
    const kind = foreignKind(obj)
    return kind
      ? fail('report-foreign', `${named(fileName)} is ${kind.what}.`, kind.fix, { format: typeof obj.format === 'string' ? obj.format.slice(0, 60) : null })
      : fail('report-foreign', `${named(fileName)} holds JSON, but not a support report (it has no "format": "${REPORT_FORMAT}").`, FIX_EXPORT)
  }
  return parseReport(obj, fileName)
}
