import { classifyIpAddress } from '../net/ip-address'
import { GUIDE, verdictOf, type AvatarProblem, type AvatarVerdict } from './problems'
import { BLOCKING_REWRITE_CODES, driveAlternatives, type AlternativeUrl, type AvatarRewrite } from './rewrite'

/**
 * Turns what core observed while fetching and decoding an avatar into problems with fixes and a
 * verdict. Kept pure (facts in, verdict out) so every rule — including the ones a loopback sandbox
 * cannot exercise, such as plain http on a public host — is unit-tested, and the screen and the CLI
 * explain the same facts with the same words.
 */

/** One request of the fetch: the URL asked, its status, where it redirected, the address used. */
export interface FetchHop {
  url: string
  status: number | null
  location: string | null
  address: string | null
}

/** What sharp read from the image. */
export interface AvatarImageFacts {
  format: string
  width: number
  height: number
  animated: boolean
}

/** The part of the image chat shows in its circle: the centred square. */
export interface CentreCrop {
  left: number
  top: number
  width: number
  height: number
}

/** Everything core observed; null where the step did not happen. */
export interface AvatarFacts {
  rewrite: AvatarRewrite
  checkedUrl: string
  hops: FetchHop[]
  /** The fetch's own failure (private address, timeout, too many redirects…), as a problem. */
  fetchError: AvatarProblem | null
  status: number | null
  contentType: string | null
  bytes: number | null
  timeMs: number
  /** Format from the magic bytes (`jpeg`, `png`, `html`…), before any decoding. */
  sniffed: string | null
  /** The start of a text body (a login page, Drive's download page), for its markers. */
  bodyText: string | null
  image: AvatarImageFacts | null
  /** Why sharp refused the bytes (`pixel-bomb`, `truncated`, `not-decodable`), with its words. */
  decodeError: AvatarProblem | null
}

/** The thresholds; defaults suit Zendesk messaging avatars. */
export interface AssessLimits {
  /** Larger files load slowly in chat (bytes). */
  maxBytes: number
  /** Smallest side that stays sharp in the chat circle on a high-density screen (px). */
  minSide: number
  /** Largest side worth serving for a ~40 px circle (px). */
  maxSide: number
  /** Slower answers risk a blank avatar while chat loads (ms). */
  slowMs: number
}

export const DEFAULT_ASSESS_LIMITS: AssessLimits = { maxBytes: 5 * 1024 * 1024, minSide: 128, maxSide: 4096, slowMs: 3000 }

/** Formats Zendesk messaging shows as an avatar. */
export const ZENDESK_AVATAR_FORMATS = ['jpeg', 'png', 'gif'] as const

/** The outcome of an assessment. */
export interface AvatarAssessment {
  verdict: AvatarVerdict
  problems: AvatarProblem[]
  crop: CentreCrop | null
  alternatives: AlternativeUrl[]
}

const LOGIN_URL = [/^https?:\/\/accounts\.google\.com\//i, /ServiceLogin/i, /^https?:\/\/login\.microsoftonline\.com\//i, /^https?:\/\/login\.live\.com\//i, /\/(?:signin|sign-in|login|log-in)(?:[/?#]|$)/i]
const LOGIN_BODY = [/accounts\.google\.com/i, /ServiceLogin/i, /<input[^>]+type=["']?password/i, /Sign in\s*[-–]\s*Google Accounts/i, /login\.microsoftonline\.com/i]
const DRIVE_PAGE = [/Google Drive\s*-\s*Virus scan warning/i, /can(?:'|&#39;|’)t scan this file for viruses/i, /id=["']uc-download-link["']/i, /drive\.usercontent\.google\.com\/download/i, /<title>[^<]*Google Drive[^<]*<\/title>/i]
const IMAGE_EXT = /\.(?:jpe?g|png|gif|webp|svg|avif|bmp|ico|heic|heif|tiff?)$/i
const DIRECT_HOSTS = new Set(['google-drive', 'gravatar'])

const FORMAT_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', svg: 'SVG', heif: 'HEIF/AVIF', avif: 'AVIF', heic: 'HEIC', tiff: 'TIFF', bmp: 'BMP', ico: 'ICO' }
const MIME_OF: Record<string, string[]> = {
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png', 'image/apng'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  svg: ['image/svg+xml'],
  heif: ['image/avif', 'image/heif', 'image/heic'],
  avif: ['image/avif'],
  tiff: ['image/tiff'],
  bmp: ['image/bmp', 'image/x-ms-bmp'],
  ico: ['image/x-icon', 'image/vnd.microsoft.icon']
}

/** The centred square chat shows of a non-square image, or null for a square one. */
export const centreCrop = (width: number, height: number): CentreCrop | null => {
  if (width === height || width <= 0 || height <= 0) return null
  const side = Math.min(width, height)
  return { left: Math.floor((width - side) / 2), top: Math.floor((height - side) / 2), width: side, height: side }
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`
const p = (code: string, message: string, fix: string): AvatarProblem => ({ code, message, fix })

const mediaType = (ct: string | null): string => (ct ?? '').split(';')[0].trim().toLowerCase()

const driveIdOf = (urls: string[]): string | null => {
  for (const u of urls) {
    try {
      const id = new URL(u).searchParams.get('id')
      if (id && /^[A-Za-z0-9_-]{10,}$/.test(id)) return id
    } catch {
      /* not a URL */
    }
  }
  return null
}

const isLoopbackHop = (h: FetchHop): boolean => {
  if (!h.address) return false
  return classifyIpAddress(h.address)?.kind === 'loopback'
}

/** Applies every rule to the observed facts. */
export const assessAvatar = (facts: AvatarFacts, limits: AssessLimits = DEFAULT_ASSESS_LIMITS): AvatarAssessment => {
  const problems: AvatarProblem[] = [...facts.rewrite.problems]
  let alternatives = [...facts.rewrite.alternatives]
  const { rewrite } = facts
  if (rewrite.to !== rewrite.from.trim() && rewrite.problems.length === 0 && rewrite.host !== 'other') {
    problems.push(p('share-link-rewritten', `The link is a share link (${rewrite.reason}); the direct link ${rewrite.to} was checked instead.`, `Save the direct link as the avatar URL: ${rewrite.to}`))
  }
  const hasRewriteBlocker = rewrite.problems.some((x) => BLOCKING_REWRITE_CODES.has(x.code))
  if (hasRewriteBlocker) return { verdict: verdictOf(problems), problems, crop: null, alternatives }

  if (facts.fetchError) problems.push(facts.fetchError)
  const ct = mediaType(facts.contentType)
  const hopUrls = facts.hops.map((h) => h.url)
  const isHtml = ct === 'text/html' || ct === 'application/xhtml+xml' || facts.sniffed === 'html'
  const loginByUrl = hopUrls.slice(1).some((u) => LOGIN_URL.some((r) => r.test(u))) || facts.hops.some((h) => h.location && LOGIN_URL.some((r) => r.test(h.location!)))
  const loginByBody = isHtml && facts.bodyText !== null && LOGIN_BODY.some((r) => r.test(facts.bodyText!))
  if (loginByUrl || loginByBody) {
    problems.push(p('login-page', 'The link leads to a sign-in page, so the public (and Zendesk) see a login form instead of the image.', `${GUIDE.publicAccess} Share the file with "Anyone with the link" (or publish it), then check again.`))
  }
  const status = facts.status
  if (status === 401 || status === 403) {
    problems.push(p('access-denied', `The server answered ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: the image is not public.`, `${GUIDE.publicAccess} Remove the sign-in or permission the host asks for, or ${GUIDE.otherHost.replace('If it still does not appear, try', 'use')}`))
  } else if (status !== null && (status < 200 || status >= 300) && !facts.fetchError) {
    problems.push(p('http-status', `The server answered ${status} instead of the image.`, status === 404 || status === 410 ? 'Check the link: the file was moved or deleted. Copy the image link again.' : 'The image host has a problem; try again later or use a different public image host.'))
  }
  const okBody = status !== null && status >= 200 && status < 300 && !facts.fetchError
  if (okBody) {
    const driveId = driveIdOf([facts.checkedUrl, ...hopUrls])
    const drivePage = isHtml && ((facts.bodyText !== null && DRIVE_PAGE.some((r) => r.test(facts.bodyText!))) || rewrite.host === 'google-drive')
    if (facts.bytes === 0) {
      problems.push(p('empty-body', 'The server answered with an empty body, not an image.', `${GUIDE.direct}`))
    } else if (drivePage && !loginByBody && !loginByUrl) {
      const alts = alternatives.length ? alternatives : driveId ? driveAlternatives(driveId) : []
      alternatives = alts
      const offer = alts.length ? ` Use one of the forms that serve the image itself: ${alts.map((a) => a.url).join(' or ')}.` : ''
      problems.push(p('drive-not-image', 'Google Drive answered its download page (the "can\'t scan this file for viruses" page) instead of the image: the guide\'s uc?export=view form does not always serve the image any more.', `Make sure the file is shared with "Anyone with the link".${offer}`))
    } else if (isHtml && !loginByBody && !loginByUrl) {
      problems.push(p('web-page', 'The link returns a web page (HTML), not an image file.', `${GUIDE.notAPage} ${GUIDE.direct}`))
    } else if (!isHtml && facts.decodeError) {
      problems.push(facts.decodeError)
    } else if (!isHtml && !facts.image) {
      problems.push(p('not-decodable', `The file is not an image${ct ? ` (it was served as ${ct})` : ''}.`, GUIDE.direct))
    }
  }
  const img = facts.image
  let crop: CentreCrop | null = null
  if (okBody && (img || facts.sniffed) && !isHtml) {
    const format = img?.format ?? facts.sniffed!
    // An SVG's own problem already says chat does not show it.
    if (!(ZENDESK_AVATAR_FORMATS as readonly string[]).includes(format) && facts.decodeError?.code !== 'svg-not-shown') {
      problems.push(p('unsupported-format', `The image is ${FORMAT_NAMES[format] ?? format.toUpperCase()}; Zendesk messaging avatars show JPG, PNG and GIF.`, 'Convert the image to PNG or JPG (any image editor can "Save as"), upload it, and use its new link.'))
    }
    const expected = MIME_OF[format] ?? []
    if (!ct.startsWith('image/')) {
      problems.push(p('wrong-content-type', `The image is served as "${ct || 'no Content-Type'}" instead of an image type; browsers and Zendesk may refuse to show it.`, `Have the host serve it as ${expected[0] ?? 'image/png'}, or ${GUIDE.otherHost.replace('If it still does not appear, try', 'use')}`))
    } else if (expected.length && !expected.includes(ct)) {
      problems.push(p('wrong-content-type', `The file is ${FORMAT_NAMES[format] ?? format} but is served as "${ct}".`, `Have the host serve it as ${expected[0]}, or give the file the right extension and upload it again.`))
    }
  }
  if (okBody && facts.bytes !== null && facts.bytes > limits.maxBytes && !problems.some((x) => x.code === 'body-too-large')) {
    problems.push(p('too-large', `The image is ${mb(facts.bytes)}; avatars over ${mb(limits.maxBytes)} load slowly in chat.`, 'Resize the image to 512 × 512 pixels and save it as PNG or JPG; it will be a few hundred kB.'))
  }
  if (okBody && img) {
    if ((img.width > limits.maxSide || img.height > limits.maxSide) && facts.decodeError?.code !== 'pixel-bomb') {
      problems.push(p('too-many-pixels', `The image is ${img.width} × ${img.height} pixels; chat shows it about 40 pixels wide.`, `Resize it to at most ${limits.maxSide} pixels a side (512 × 512 is plenty).`))
    }
    if (Math.min(img.width, img.height) < limits.minSide) {
      problems.push(p('too-small', `The image is ${img.width} × ${img.height} pixels; under ${limits.minSide} pixels it looks blurry on high-density screens.`, `Use an image of at least ${limits.minSide} × ${limits.minSide} pixels (256 × 256 or 512 × 512 is ideal).`))
    }
    crop = centreCrop(img.width, img.height)
    if (crop) {
      problems.push(p('not-square', `The image is ${img.width} × ${img.height}, not square: chat shows only the centred ${crop.width} × ${crop.height} square (from x ${crop.left}, y ${crop.top}) in its circle — see the preview.`, 'Crop the image to a square around the face or logo, so nothing important is cut off.'))
    }
  }
  if (!facts.fetchError && okBody) {
    let path = ''
    try {
      path = new URL(facts.checkedUrl).pathname
    } catch {
      /* checked already */
    }
    if (!IMAGE_EXT.test(path) && !DIRECT_HOSTS.has(rewrite.host) && !problems.some((x) => x.code === 'drive-not-image')) {
      problems.push(p('no-extension', 'The link does not end in an image extension such as .jpg or .png; some hosts answer such links with a web page.', GUIDE.direct))
    }
  }
  const httpHop = facts.hops.find((h) => h.url.startsWith('http:') && !isLoopbackHop(h))
  const checkedHttp = facts.checkedUrl.startsWith('http:') && !(facts.hops[0] && isLoopbackHop(facts.hops[0]))
  if (httpHop || (checkedHttp && facts.hops.length === 0)) {
    problems.push(p('plain-http', 'The image is served over plain http; Zendesk\'s web widget runs on https pages, where browsers block or warn about http images.', 'Use the https:// form of the link (most hosts serve both), or a host that serves https.'))
  }
  if (facts.timeMs > limits.slowMs && !facts.fetchError) {
    problems.push(p('slow', `The image took ${(facts.timeMs / 1000).toFixed(1)} s to load; chat may show an empty circle meanwhile.`, `Use a faster host or a smaller image (under 500 kB). ${GUIDE.otherHost}`))
  }
  return { verdict: verdictOf(problems), problems, crop, alternatives }
}
