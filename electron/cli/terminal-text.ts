/* eslint-disable no-control-regex -- finding control characters is what these patterns are for */
/**
 * Characters a terminal obeys instead of showing: C0 controls (ESC starts every escape sequence,
 * BEL ends an OSC title or clipboard write, CR and LF move the cursor, NUL…), DEL, C1 controls (CSI
 * and OSC have one-byte forms), the line and paragraph separators, and the bidi controls that
 * reorder what is shown (a name could display as something else than it is).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
/** What JSON.stringify leaves raw: every C0 control is already a `\u00XX` escape there. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, '0')

/** `\x1b`, `\x9b`, `\u202e`, `\n`: a visible stand-in for a character the terminal would obey. */
const visible = (c: string): string => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`)

/**
 * Makes any text safe to print on a terminal: names from an old profiles file, Zendesk messages and
 * gateway bodies can hold escape sequences that would set the title, erase or forge lines, or
 * write the clipboard (OSC 52). Each such character becomes a visible escape (`\x1b`), so what is
 * printed is exactly one line that shows what the value holds. `keepNewlines` is for our own
 * multi-line texts (commander's help), where a newline is layout, not data.
 */
export const escapeForTerminal = (text: string, options: { keepNewlines?: boolean } = {}): string =>
  text.replace(options.keepNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE, visible)

/**
 * The same for JSON text from JSON.stringify, which escapes C0 but leaves DEL, C1 and the bidi
 * controls raw: those become `\u009b`-style escapes, so the JSON parses to the very same value.
 * (Outside strings JSON is plain ASCII, so only string contents change.)
 */
export const escapeJsonForTerminal = (json: string): string => json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`)
