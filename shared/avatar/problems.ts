/**
 * The avatar checker's vocabulary, shared by core (which finds problems), the CLI and the screen
 * (which show them): each problem code belongs to one verdict, and the worst one wins, so a script
 * and a person reading the same result come to the same conclusion.
 */

/** The overall answer, worst first after `ok`: the CLI exits 0 only for `ok`. */
export type AvatarVerdict = 'ok' | 'needs-attention' | 'not-public' | 'not-an-image' | 'unreachable'

/** One thing wrong with the avatar, with what to do about it. */
export interface AvatarProblem {
  code: string
  message: string
  fix: string
}

/** The guide's own troubleshooting words, quoted where a problem matches them. */
export const GUIDE = {
  direct: 'Use a direct image URL that ends in .jpg, .png, or another image extension.',
  publicAccess: 'Make sure the image is publicly accessible.',
  notAPage: 'Avoid links that point to a web page instead of the image file.',
  otherHost: 'If it still does not appear, try a different public image host.'
} as const

/** Which verdict each problem code leads to; a code not listed only needs attention. */
export const PROBLEM_VERDICT: Record<string, Exclude<AvatarVerdict, 'ok'>> = {
  // the URL cannot be fetched at all
  'invalid-url': 'unreachable',
  'url-backslash': 'unreachable',
  'url-credentials': 'unreachable',
  'url-control-character': 'unreachable',
  'unsupported-scheme': 'unreachable',
  'dns-failed': 'unreachable',
  'connection-failed': 'unreachable',
  timeout: 'unreachable',
  'too-many-redirects': 'unreachable',
  'redirect-loop': 'unreachable',
  'bad-redirect': 'unreachable',
  'http-status': 'unreachable',
  cancelled: 'unreachable',
  // the public cannot see it
  'private-address': 'not-public',
  'access-denied': 'not-public',
  'login-page': 'not-public',
  // what comes back is not an image Zendesk can show
  'web-page': 'not-an-image',
  'drive-not-image': 'not-an-image',
  'drive-folder': 'not-an-image',
  'google-doc': 'not-an-image',
  'not-decodable': 'not-an-image',
  truncated: 'not-an-image',
  'pixel-bomb': 'not-an-image',
  'svg-not-shown': 'not-an-image',
  'decode-too-costly': 'not-an-image',
  'body-too-large': 'not-an-image',
  'empty-body': 'not-an-image'
}

const ORDER: AvatarVerdict[] = ['ok', 'needs-attention', 'not-an-image', 'unreachable', 'not-public']

/** The verdict a problem code leads to. */
export const problemVerdict = (code: string): Exclude<AvatarVerdict, 'ok'> => PROBLEM_VERDICT[code] ?? 'needs-attention'

/**
 * The worst verdict among the problems (`not-public` beats `unreachable` beats `not-an-image` beats
 * `needs-attention`): a login wall is the root cause even when what it serves is also not an image.
 */
export const verdictOf = (problems: readonly AvatarProblem[]): AvatarVerdict =>
  problems.reduce<AvatarVerdict>((worst, p) => {
    const v = problemVerdict(p.code)
    return ORDER.indexOf(v) > ORDER.indexOf(worst) ? v : worst
  }, 'ok')
