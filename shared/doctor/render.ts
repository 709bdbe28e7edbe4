import type { CheckChange, DoctorCheck, DoctorReport } from '../contract/doctor'
import { checkDefinition } from './chain'
import { dateTimeWords, describeChange, sinceLastPassSentence } from './change-sentence'
import { fixActionWords } from '../fix-actions'

/**
 * The support report as text: Markdown to paste into a ticket, JSON for a script or for support's
 * tools. Pure (the report is already redacted by the caller; {@link redactReport} then runs over the
 * final text once more, belt and braces).
 */

const MARK: Record<DoctorCheck['status'], string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail', skipped: '⏭️ skipped' }

/** Markdown escaping for table cells: pipes and line breaks would break the row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

const fence = (s: string): string => {
  const longest = Math.max(2, ...[...s.matchAll(/`+/g)].map((m) => m[0].length))
  const f = '`'.repeat(longest + 1)
  return `${f}\n${s}\n${f}`
}

const evidenceText = (evidence: Record<string, unknown>): string => JSON.stringify(evidence, null, 2)

const sideText = (s: CheckChange['before']): string => {
  const fields = Object.entries(s.evidence).map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
  return [s.status, ...fields].join('; ')
}

/** The links that changed since the last passing run: a table of before and after. */
const changesSection = (changes: readonly CheckChange[], at: string | null): string[] => [
  `## What changed since the last passing run${at ? ` (${dateTimeWords(at)})` : ''}`,
  '',
  '| Check | Then | Now | In words |',
  '| --- | --- | --- | --- |',
  ...changes.map((c) => `| ${cell(checkDefinition(c.check).title)} | ${cell(sideText(c.before))} | ${cell(sideText(c.after))} | ${cell(describeChange(c) ?? 'skipped: an earlier link did not pass')} |`),
  ''
]

/**
 * The customer as a report records it (no secret, only whether each was stored), as label and
 * value rows: the one list the Markdown report and the app's report viewer both show.
 */
export const reportCustomerRows = (p: DoctorReport['profile']): [string, string][] => [
  ['Name', p.name],
  ['API base', p.apiBase],
  ['App ID', p.appId],
  ['Key ID', p.keyId],
  ['Key secret', p.keySecretStored],
  ['Webhook secret', p.webhookSecretStored],
  ['Gateway URL', p.gatewayUrl],
  ['Agent name', p.agentName || '(empty)'],
  ['Avatar URL', p.avatarUrl || '(empty)'],
  ['Private addresses allowed', p.allowPrivate ? 'yes' : 'no'],
  ['Integration ID', p.integrationId ?? '—'],
  ['Webhook ID', p.webhookId ?? '—']
]

/** The report as Markdown: header, first failure, a table of the chain, then each link's details. */
export const renderMarkdown = (r: DoctorReport): string => {
  const res = r.result
  const lines: string[] = []
  lines.push(`# Aissist Zendesk diagnose report — ${res.profileName}`, '')
  lines.push(`Generated ${r.generatedAt} by ${r.app.name} ${r.app.version} (${r.app.host}) on ${r.app.platform} ${r.app.arch} ${r.app.osRelease}, Node ${r.app.node}.`, '')
  if (res.firstFailure) {
    lines.push(`**The step that failed:** ${res.firstFailure.sentence}`, '')
    const c = res.checks.find((x) => x.id === res.firstFailure?.checkId)
    if (c?.zendeskMessage) lines.push(`**Zendesk error message:** ${c.zendeskMessage}`, '')
    if (c?.gatewayMessage) lines.push(`**Gateway answer:** ${c.gatewayMessage}`, '')
    if (c?.fix) lines.push(`**Fix:** ${c.fix}`, '')
    if (c?.actions?.length) lines.push(`**The app can do it:** ${c.actions.map(fixActionWords).join('; ')}.`, '')
  } else {
    lines.push(res.verdict === 'pass' ? '**Every check passed.**' : '**Nothing failed, but some checks need attention.**', '')
  }
  const since = sinceLastPassSentence(res.sinceLastPass, new Date(r.generatedAt))
  if (since) lines.push(`**Since it last worked:** ${since}`, '')
  lines.push(`Result: ${res.summary}${res.offline ? ' (this machine was offline)' : ''}${res.cancelled ? ' (the run was cancelled)' : ''}. Started ${res.startedAt}, took ${Math.round(res.durationMs)} ms.`, '')
  lines.push('## Customer (no secrets)', '')
  const p = r.profile
  const rows = reportCustomerRows(p)
  lines.push('| Field | Value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`), '')
  if (res.sinceLastPass?.changes.length) lines.push(...changesSection(res.sinceLastPass.changes, res.sinceLastPass.at))
  lines.push('## Checks', '', '| # | Check | Result | Message | Time |', '| --- | --- | --- | --- | --- |')
  res.checks.forEach((c, i) => lines.push(`| ${i + 1} | ${cell(c.title)} | ${MARK[c.status]} | ${cell(c.message)} | ${Math.round(c.durationMs)} ms |`))
  lines.push('')
  for (const c of res.checks) {
    lines.push(`### ${c.title} — ${c.status}`, '', c.message, '')
    if (c.code) lines.push(`Code: \`${c.code}\``, '')
    if (c.zendeskMessage) lines.push(`Zendesk error message: ${c.zendeskMessage}`, '')
    if (c.gatewayMessage) lines.push(`Gateway answer: ${c.gatewayMessage}`, '')
    if (c.fix) lines.push(`Fix: ${c.fix}`, '')
    if (c.actions?.length) lines.push(`The app can do it: ${c.actions.map(fixActionWords).join('; ')}.`, '')
    if (Object.keys(c.evidence).length) lines.push('Evidence:', '', fence(evidenceText(c.evidence)), '')
  }
  return lines.join('\n')
}

/** The report as pretty JSON. */
export const renderJson = (r: DoctorReport): string => `${JSON.stringify(r, null, 2)}\n`

/** A file name to suggest: `aissist-diagnose-<customer>-<date>.<ext>`, safe on every OS. */
export const suggestedReportName = (profileName: string, at: Date, ext: 'md' | 'json'): string => {
  const slug = profileName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'customer'
  const stamp = at.toISOString().slice(0, 19).replace(/[:T]/g, '-')
  return `aissist-diagnose-${slug}-${stamp}.${ext}`
}
