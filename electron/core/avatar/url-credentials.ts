import { maskUrlCredentials } from '../../../shared/net/url-safety'

/**
 * A pasted avatar link can carry `user:pass@`: the checker refuses it and never sends it (the
 * public has no credentials), and nothing it returns — result, rewrite, problem texts — may echo
 * it back to the screen, the CLI, a support report or the logs.
 */

/** `scheme://userinfo@` as a parser leaves it: no `/`, `?` or `#` before the `@`. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@/gi

/** A parsed URL (or any text with such URLs in it) without credentials: what is actually fetched. */
export const stripUserinfo = (text: string): string => text.replace(USERINFO, '$1')

/**
 * Any text with credentials replaced by `***@`, so the user still sees there were some — including
 * a typed password holding `/`, which a parser would not even read as a password.
 */
export const maskUserinfo = maskUrlCredentials

/** True when the text holds a URL with credentials. */
export const hasUserinfo = (text: string): boolean => new RegExp(USERINFO.source, 'i').test(text)
