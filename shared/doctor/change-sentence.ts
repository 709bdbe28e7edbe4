import type { CheckChange, SinceLastPass } from '../contract/doctor'
import { checkDefinition } from './chain'
import { leadFor } from './verdict'

/**
 * "It worked on Monday at 14:02; since then the webhook lost conversation:create." The one line
 * at the top of Diagnose, the CLI and the report, from `sinceLastPass`. Pure and in English; the
 * time is the machine's local time (pass `now` for a stable text).
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const two = (n: number): string => String(n).padStart(2, '0')
const dayStart = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()

/** "earlier today at 14:02", "yesterday at 09:15", "on Monday at 14:02", "on 3 March at 14:02" (with the year when not this one). */
export const whenWords = (iso: string, now: Date): string => {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return `at ${iso}`
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`
  const days = Math.round((dayStart(now) - dayStart(at)) / 86_400_000)
  if (days === 0) return `earlier today at ${time}`
  if (days === 1) return `yesterday at ${time}`
  if (days > 1 && days < 7) return `on ${DAYS[at.getDay()]} at ${time}`
  const year = at.getFullYear() === now.getFullYear() ? '' : ` ${at.getFullYear()}`
  return `on ${at.getDate()} ${MONTHS[at.getMonth()]}${year} at ${time}`
}

/** A date and time for a header ("3 March 2026, 14:02"). */
export const dateTimeWords = (iso: string): string => {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()}, ${two(at.getHours())}:${two(at.getMinutes())}`
}

/** A value as a few words: lists joined, nothing as "nothing", long text cut. */
const valueWords = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return 'nothing'
  if (Array.isArray(v)) return v.length ? v.map(valueWords).join(', ') : 'none'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  const text = typeof v === 'string' ? v : JSON.stringify(v)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

const words = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/** Lower-cases a lead's first word when it is an ordinary one ("The gateway…" → "the gateway…"). */
const inSentence = (lead: string): string => (/^(The|A|An|There|No)\b/.test(lead) ? lead[0].toLowerCase() + lead.slice(1) : lead)

const kb = (v: unknown): string => (typeof v === 'number' ? `${Math.max(1, Math.round(v / 1024))} kB` : valueWords(v))

/** Phrases for the evidence fields whose change has a plain meaning, by the field's name. */
const fieldPhrases = (c: CheckChange): string[] => {
  const before = c.before.evidence
  const after = c.after.evidence
  const title = checkDefinition(c.check).title.toLowerCase()
  const out: string[] = []
  for (const path of Object.keys(after)) {
    const leaf = path.split('.').pop() ?? path
    const b = before[path]
    const a = after[path]
    if (leaf === 'triggers') {
      const lost = words(b).filter((t) => !words(a).includes(t))
      const gained = words(a).filter((t) => !words(b).includes(t))
      if (lost.length) out.push(`the webhook lost ${lost.join(' and ')}`)
      if (gained.length) out.push(`the webhook gained ${gained.join(' and ')}`)
    } else if (leaf === 'target') out.push(`the webhook now sends to ${valueWords(a)} instead of ${valueWords(b)}`)
    else if (leaf === 'includeFullUser' || leaf === 'includeFullSource') {
      const what = leaf === 'includeFullUser' ? 'the full user' : 'the full source'
      out.push(a ? `the webhook includes ${what} again` : `the webhook stopped including ${what}`)
    } else if (path === 'webhook' && a === null) out.push('the webhook was removed')
    else if (leaf === 'aissistIsDefault') out.push(a ? 'Aissist became the default responder of the channels' : 'Aissist is no longer the default responder')
    else if (path === 'image.width' || path === 'image.height') {
      const dim = leaf === 'width' ? 'width' : 'height'
      out.push(`the avatar's ${dim} went from ${valueWords(b)} to ${valueWords(a)} px`)
    } else if (path === 'image.format') out.push(`the avatar is now ${valueWords(a)} (was ${valueWords(b)})`)
    else if (path === 'bytes') out.push(`the ${title} file went from ${kb(b)} to ${kb(a)}`)
  }
  return out
}

/** How a link's status moved, when no field says it better. */
const statusPhrase = (c: CheckChange): string | null => {
  const title = checkDefinition(c.check).title
  const { before, after } = c
  if (after.status === 'fail') return inSentence(leadFor(c.check, after.code))
  if (before.status === 'fail' && (after.status === 'pass' || after.status === 'warn')) return `“${title}” passes again`
  if (after.status === 'warn' && before.status === 'pass') return `“${title}” now has a warning`
  if (after.status === 'pass' && before.status === 'warn') return `“${title}” no longer warns`
  return null
}

/** What changed in one link, as a phrase to follow "since then". Null for a link now skipped (its cause is named). */
export const describeChange = (c: CheckChange): string | null => {
  if (c.after.status === 'skipped' || c.before.status === 'skipped') return null
  const fields = fieldPhrases(c)
  if (fields.length) return fields.join(' and ')
  const status = statusPhrase(c)
  if (status) return status
  const paths = Object.keys(c.after.evidence)
  if (paths.length === 0) return null
  const shown = paths.slice(0, 2).map((p) => `${p} ${valueWords(c.before.evidence[p])} → ${valueWords(c.after.evidence[p])}`)
  return `“${checkDefinition(c.check).title}” changed (${shown.join('; ')}${paths.length > 2 ? `; ${paths.length - 2} more` : ''})`
}

/** The phrases of every change worth saying, most telling first (failures before the rest). */
export const changePhrases = (slp: SinceLastPass): string[] => {
  const failing = slp.changes.filter((c) => c.after.status === 'fail')
  const rest = slp.changes.filter((c) => c.after.status !== 'fail')
  return [...failing, ...rest].flatMap((c) => describeChange(c) ?? [])
}

const joinPhrases = (phrases: string[], max = 3): string => {
  const shown = phrases.slice(0, max)
  const more = phrases.length - shown.length
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0]
  return more > 0 ? `${list} (and ${more} more change${more === 1 ? '' : 's'})` : list
}

/**
 * The one line: when it last worked and what changed since, or why there is nothing to compare
 * with. Null when the run carries no history at all (a format-1 report).
 */
export const sinceLastPassSentence = (slp: SinceLastPass | null | undefined, now: Date): string | null => {
  if (!slp) return null
  if (!slp.at) {
    return slp.runsKept === 0
      ? 'No earlier diagnose of this customer was kept to compare with.'
      : `None of the ${slp.runsKept} earlier diagnose run${slp.runsKept === 1 ? '' : 's'} kept for this customer passed, so there is no working state to compare with.`
  }
  const when = whenWords(slp.at, now)
  const phrases = changePhrases(slp)
  if (phrases.length === 0) {
    return slp.changes.length === 0 ? `It last worked ${when}; nothing has changed since.` : `It last worked ${when}; since then only links that depend on others changed.`
  }
  return `It worked ${when}; since then ${joinPhrases(phrases)}.`
}
