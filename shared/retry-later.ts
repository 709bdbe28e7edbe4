/**
 * When a server asks to be left alone for longer than anyone should wait on a screen (a
 * `Retry-After` over a minute), the words say WHEN to try again — the clock time — instead of
 * "the retries ran out". Pure: the caller passes the current time.
 */

/** Waits longer than this are not waited for: the user is told when to try again. */
export const LONG_RETRY_AFTER_MS = 60_000

const pad = (n: number): string => String(n).padStart(2, '0')

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "14:32" in this computer's time zone, with the day ("Jan 5, 14:32") when it is not today. */
export const clockTime = (at: Date, now: Date): string => {
  const hm = `${pad(at.getHours())}:${pad(at.getMinutes())}`
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate()
  return sameDay ? hm : `${MONTHS[at.getMonth()]} ${at.getDate()}, ${hm}`
}

/** "90 s", "5 min", "2 h 5 min". */
export const durationWords = (ms: number): string => {
  const s = Math.max(1, Math.ceil(ms / 1000))
  if (s < 120) return `${s} s`
  const min = Math.ceil(s / 60)
  if (min < 120) return `${min} min`
  const h = Math.floor(min / 60)
  const rest = min % 60
  return rest ? `${h} h ${rest} min` : `${h} h`
}

/** When to try again after a `Retry-After` of `waitMs`: the clock time, the wait, and the ISO instant. */
export const retryLater = (waitMs: number, now: Date): { at: string; wait: string; iso: string } => {
  // Rounded up to the next minute: "after 14:32" must never be too early.
  const at = new Date(Math.ceil((now.getTime() + waitMs) / 60_000) * 60_000)
  return { at: clockTime(at, now), wait: durationWords(waitMs), iso: at.toISOString() }
}
