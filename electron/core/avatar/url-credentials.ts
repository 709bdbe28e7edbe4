/**
 * A pasted avatar link can carry `user:pass@`: the checker never sends it (the public has no
 * credentials), and nothing it returns — result, rewrite, problem texts — may echo it back to the
 * screen, the CLI, a support report or the logs.
 */

/** `scheme://userinfo@` — the userinfo runs to the last `@` before the path, query or fragment. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi

/** What stands in for removed credentials in the echo of what was pasted. */
export const MASKED_USERINFO = '***'

/** The URL (or any text with URLs in it) without credentials: what is actually fetched. */
export const stripUserinfo = (text: string): string => text.replace(USERINFO, '$1')

/** The text with credentials replaced by `***@`, so the user still sees there were some. */
export const maskUserinfo = (text: string): string => text.replace(USERINFO, `$1${MASKED_USERINFO}@`)

/** True when the text holds a URL with credentials. */
export const hasUserinfo = (text: string): boolean => new RegExp(USERINFO.source, 'i').test(text)
