/**
 * One rule for every URL a user or an imported file gives us (avatar, gateway, API host): no
 * backslash, no user name or password, no control character. Browsers and the WHATWG parser read
 * `https://evil.example\@gateway.aissist.io/x` as host `evil.example` (the backslash is a slash and
 * what precedes the `@` is credentials), while a person reads `gateway.aissist.io`: such a URL is
 * refused, never "cleaned up", so what is stored, shown and contacted is the same host. Pure, so the
 * profile schema, core and the screen share it; its messages never quote the URL, which may carry a
 * password.
 */

/** Why a URL was refused. */
export type UrlSafetyCode = 'url-backslash' | 'url-credentials' | 'url-control-character' | 'url-invalid'

export interface UrlSafetyProblem {
  code: UrlSafetyCode
  message: string
  fix: string
}

export type UrlSafetyResult = { ok: true; url: URL } | { ok: false; problem: UrlSafetyProblem }

/** C0 controls, DEL and the C1 range; tab and newlines included (the parser drops them silently). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/**
 * The raw authority: what follows `scheme://` up to the first `/`, `?` or `#`. An `@` in it means
 * userinfo, even an empty one (`https://@host/`), whatever the parser makes of it.
 */
const rawAuthority = (text: string): string | null => {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)
  return m ? m[1] : null
}

const refuse = (code: UrlSafetyCode, message: string, fix: string): UrlSafetyResult => ({ ok: false, problem: { code, message, fix } })

/**
 * Checks one URL as typed (leading and trailing spaces are ignored, as the parser does). `what`
 * names the URL in messages ("The avatar URL", "The gateway URL").
 */
export const checkUrlSafety = (raw: string, what = 'The URL'): UrlSafetyResult => {
  const text = raw.trim()
  if (text.includes('\\')) {
    return refuse('url-backslash', `${what} contains a backslash (\\). Browsers read a backslash as "/", so the address may lead to a different host than the one it shows.`, 'Type the address again with forward slashes (/) only.')
  }
  if (CONTROL.test(text)) {
    return refuse('url-control-character', `${what} contains an invisible control character (a tab, a line break or similar), which would be silently dropped.`, 'Type or paste the address again on one line, without invisible characters.')
  }
  const credentials = (): UrlSafetyResult =>
    refuse(
      'url-credentials',
      `${what} contains a user name or password (the part before an "@" in the host). It is not used, and such an address can hide the real host.`,
      'Remove everything between "//" and "@", so the address starts with https:// and the host name.'
    )
  if (rawAuthority(text)?.includes('@')) return credentials()
  let url: URL
  try {
    url = new URL(text)
  } catch {
    // A password holding "/" makes the rest parse as a bad port: say what it most likely is.
    if (/^[a-z][a-z0-9+.-]*:\/\/[^\s]*@/i.test(text) && /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*:/i.test(text)) return credentials()
    return refuse('url-invalid', `${what} is not a valid web address.`, 'Paste the full address, starting with https://.')
  }
  if (url.username || url.password) return credentials()
  return { ok: true, url }
}

/**
 * `scheme://userinfo@` (or a scheme-relative `//userinfo@`) in any text, masked. The userinfo
 * runs to an `@`, and may hold `/`, `?` or `#` once a `user:` part began: a typed password with a
 * slash does not end it. Over-masking an odd URL in an echo is harmless; showing a password is not.
 */
const USERINFO = /((?:\b[a-z][a-z0-9+.-]*:|(?<![^\s"'(<]))\/\/)(?:[^\s/?#@"'<>:]*:[^\s"'<>]*|[^\s/?#"'<>]*)@/gi

/** What stands in for removed credentials in the echo of what was typed. */
export const MASKED_CREDENTIALS = '***'

/** The text with every URL's credentials replaced by `***`, so the user still sees there were some. */
export const maskUrlCredentials = (text: string): string => text.replace(USERINFO, `$1${MASKED_CREDENTIALS}@`)

/** The problem with a URL, or null when it is safe to store and use (for schema refinements). */
export const urlSafetyProblem = (raw: string, what?: string): UrlSafetyProblem | null => {
  const r = checkUrlSafety(raw, what)
  return r.ok ? null : r.problem
}
