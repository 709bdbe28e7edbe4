import { checkUrlSafety, maskUrlCredentials } from '../net/url-safety'
import { GUIDE, type AvatarProblem } from './problems'

/**
 * People paste the link their file host shows them — a share *page* — where Zendesk needs the image
 * file itself. This table turns the share links of the common hosts into their direct form, says
 * why, and explains the links that have no reliable direct form. Pure, so the screen can preview
 * the rewrite offline as the user types.
 */

/** The host a link was recognised as (`other` for any host without a rule). */
export type AvatarLinkHost =
  | 'google-drive'
  | 'google-docs'
  | 'dropbox'
  | 'github'
  | 'onedrive'
  | 'imgur'
  | 'box'
  | 'gravatar'
  | 'other'

/** Another direct form worth offering when the main one does not serve an image. */
export interface AlternativeUrl {
  url: string
  reason: string
}

/** What the rewrite did: `to` is what should be checked and saved. */
export interface AvatarRewrite {
  from: string
  to: string
  host: AvatarLinkHost
  changed: boolean
  /** Why the link was (not) changed, in plain words. */
  reason: string
  problems: AvatarProblem[]
  /** Other direct forms for the same file (Drive's lh3 and thumbnail forms). */
  alternatives: AlternativeUrl[]
}

const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/

/** The guide's direct Drive form, keeping the resource key Google needs for older shared files. */
export const driveDirectUrl = (id: string, resourceKey?: string | null): string =>
  `https://drive.google.com/uc?export=view&id=${id}${resourceKey ? `&resourcekey=${encodeURIComponent(resourceKey)}` : ''}`

/** The Drive forms that serve image bytes today, when `uc?export=view` answers a page instead. */
export const driveAlternatives = (id: string): AlternativeUrl[] => [
  { url: `https://lh3.googleusercontent.com/d/${id}`, reason: 'Google\'s image server serves the file itself, without the Drive download page.' },
  { url: `https://drive.google.com/thumbnail?id=${id}&sz=w512`, reason: 'Drive\'s thumbnail endpoint serves a 512-pixel-wide image of the file.' }
]

const problem = (code: string, message: string, fix: string): AvatarProblem => ({ code, message, fix })

/** Problems that stop the check before anything is fetched: the link cannot be used as it is. */
export const BLOCKING_REWRITE_CODES: ReadonlySet<string> = new Set(['invalid-url', 'unsupported-scheme', 'url-backslash', 'url-credentials', 'url-control-character'])

const base = (from: string, to: string, host: AvatarLinkHost, reason: string, extra: Partial<AvatarRewrite> = {}): AvatarRewrite => ({
  from,
  to,
  host,
  changed: from !== to,
  reason,
  problems: [],
  alternatives: [],
  ...extra
})

const driveFileId = (url: URL): string | null => {
  const path = url.pathname
  const m = /^\/(?:a\/[^/]+\/)?file\/(?:u\/\d+\/)?d\/([^/?#]+)/.exec(path)
  if (m && DRIVE_ID.test(m[1])) return m[1]
  const q = url.searchParams.get('id')
  if (q && DRIVE_ID.test(q) && /^\/(?:open|uc|download|thumbnail|file)?\/?$/.test(path.replace(/^\/a\/[^/]+/, ''))) return q
  return null
}

const rewriteDrive = (from: string, url: URL): AvatarRewrite => {
  const host = url.hostname
  const path = url.pathname
  if (/\/(?:drive\/(?:u\/\d+\/)?folders|folderview|embeddedfolderview)\b/.test(path) || (/\/drive\//.test(path) && !/\/file\//.test(path))) {
    return base(from, from, 'google-drive', 'This is a Google Drive folder, not a file.', {
      problems: [
        problem(
          'drive-folder',
          'The link points to a Google Drive folder, not to an image file.',
          'Open the folder, right-click the image, choose Share → Copy link, and paste that file link here.'
        )
      ]
    })
  }
  const id = driveFileId(url)
  if (!id) {
    return base(from, from, 'google-drive', 'No Google Drive file id was found in this link.', {
      problems: [problem('drive-no-file-id', 'The Google Drive link has no file id in it.', 'In Drive, right-click the image, choose Share → Copy link, and paste that link here.')]
    })
  }
  const resourceKey = url.searchParams.get('resourcekey')
  const alternatives = driveAlternatives(id)
  const isDirect = host === 'drive.google.com' && path === '/uc' && url.searchParams.get('export') === 'view'
  if (isDirect) {
    return base(from, from, 'google-drive', 'Already the direct Google Drive image link the guide recommends.', { alternatives })
  }
  const to = driveDirectUrl(id, resourceKey)
  const kind = /\/file\//.test(path) ? 'a Drive file page' : path === '/uc' ? 'a Drive download link' : host.startsWith('drive.usercontent') ? 'a Drive download link' : 'a Drive share link'
  return base(from, to, 'google-drive', `This is ${kind}; the guide's direct image form is drive.google.com/uc?export=view&id=FILE_ID${resourceKey ? ' (the resource key Google needs for older shared files is kept)' : ''}.`, { alternatives })
}

const rewriteDropbox = (from: string, url: URL): AvatarRewrite => {
  const path = url.pathname
  if (url.hostname === 'dl.dropboxusercontent.com') return base(from, from, 'dropbox', 'Already Dropbox\'s direct file host.')
  if (/^\/(?:sh|scl\/fo)\//.test(path)) {
    return base(from, from, 'dropbox', 'This is a Dropbox folder link.', {
      problems: [problem('dropbox-folder', 'The link points to a Dropbox folder, not to an image file.', 'Open the folder, choose the image, then Share → Copy link, and paste that file link here.')]
    })
  }
  if (/^\/s\//.test(path)) {
    return base(from, `https://dl.dropboxusercontent.com${path}`, 'dropbox', 'A Dropbox share page; dl.dropboxusercontent.com serves the file itself.')
  }
  if (/^\/scl\/fi\//.test(path)) {
    const rlkey = url.searchParams.get('rlkey')
    const to = new URL(`https://www.dropbox.com${path}`)
    if (rlkey) to.searchParams.set('rlkey', rlkey)
    to.searchParams.set('raw', '1')
    const problems = rlkey ? [] : [problem('dropbox-no-rlkey', 'The Dropbox link has no rlkey parameter; Dropbox refuses such links.', 'Copy the link again from Dropbox (Share → Copy link) and paste it whole.')]
    return base(from, to.toString(), 'dropbox', 'A Dropbox share page (dl=0 shows a preview page); raw=1 serves the image itself, and the rlkey is kept.', { problems })
  }
  return base(from, from, 'dropbox', 'A Dropbox link that is not a file share link.', {
    problems: [problem('share-page', 'The link points to a Dropbox page, not to an image file.', `${GUIDE.notAPage} In Dropbox, use Share → Copy link on the image itself.`)]
  })
}

const rewriteGithub = (from: string, url: URL): AvatarRewrite => {
  const m = /^\/([^/]+)\/([^/]+)\/(?:blob|raw)\/(.+)$/.exec(url.pathname)
  if (url.hostname === 'github.com' && m) {
    return base(from, `https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]}`, 'github', 'A GitHub file page; raw.githubusercontent.com serves the file itself.')
  }
  if (url.hostname === 'raw.githubusercontent.com' || url.hostname.endsWith('githubusercontent.com')) return base(from, from, 'github', 'Already GitHub\'s raw file host.')
  return base(from, from, 'github', 'A GitHub page that is not a file.', {
    problems: [problem('share-page', 'The link points to a GitHub page, not to an image file.', `${GUIDE.notAPage} Open the image in the repository and use its "Raw" link.`)]
  })
}

const rewriteImgur = (from: string, url: URL): AvatarRewrite => {
  if (url.hostname === 'i.imgur.com') return base(from, from, 'imgur', 'Already Imgur\'s direct image host.')
  if (/^\/(?:a|gallery|t|user)\//.test(url.pathname)) {
    return base(from, from, 'imgur', 'An Imgur album or gallery page.', {
      problems: [problem('share-page', 'The link points to an Imgur album or gallery page, not to one image.', 'Open the image, right-click it, choose "Copy image address" (an i.imgur.com link), and paste that here.')]
    })
  }
  const m = /^\/([A-Za-z0-9]{5,10})(?:\.[a-z]+)?$/.exec(url.pathname)
  if (m) return base(from, `https://i.imgur.com/${m[1]}.png`, 'imgur', 'An Imgur image page; i.imgur.com serves the image itself (Imgur answers any extension with the image).')
  return base(from, from, 'imgur', 'An Imgur page.', {
    problems: [problem('share-page', 'The link points to an Imgur page, not to an image file.', `${GUIDE.notAPage} Use the i.imgur.com image address.`)]
  })
}

const HOST_RULES: Array<[RegExp, (from: string, url: URL) => AvatarRewrite]> = [
  [/^(?:drive|docs)\.google\.com$|^drive\.usercontent\.google\.com$/, (from, url) => {
    if (url.hostname === 'docs.google.com' && /^\/(?:document|spreadsheets|presentation|forms|drawings)\//.test(url.pathname)) {
      return base(from, from, 'google-docs', 'A Google Docs, Sheets or Slides document.', {
        problems: [problem('google-doc', 'The link points to a Google document, not to an image file.', 'Upload the image itself to Drive, share it with "Anyone with the link", and paste the file link here.')]
      })
    }
    return rewriteDrive(from, url)
  }],
  [/^lh\d\.googleusercontent\.com$/, (from) => base(from, from, 'google-drive', 'Google\'s image server, a direct image link.')],
  [/^(?:www\.)?dropbox\.com$|^dl\.dropboxusercontent\.com$|^dl\.dropbox\.com$/, (from, url) => (url.hostname === 'dl.dropbox.com' ? base(from, from, 'dropbox', 'Dropbox\'s direct download host.') : rewriteDropbox(from, url))],
  [/^(?:www\.)?github\.com$|githubusercontent\.com$/, rewriteGithub],
  [/^(?:i\.|www\.|m\.)?imgur\.com$/, rewriteImgur],
  [/^1drv\.ms$|^(?:onedrive\.live\.com|[a-z0-9-]+\.sharepoint\.com|[a-z0-9-]+-my\.sharepoint\.com)$/, (from) =>
    base(from, from, 'onedrive', 'A OneDrive or SharePoint share link; these open a viewer page and have no reliable direct form.', {
      problems: [
        problem(
          'onedrive-share-link',
          'OneDrive and SharePoint share links open a viewer page, not the image file, and their download links expire or need a sign-in.',
          `${GUIDE.otherHost.replace('If it still does not appear, try', 'Use')} (for example the Zendesk Help Center, a public website, or Google Drive with the link below), or in OneDrive choose Embed and use the image address from the embed code.`
        )
      ]
    })],
  [/^(?:[a-z0-9-]+\.)?(?:app\.)?box\.com$|^(?:[a-z0-9-]+\.)?box\.net$/, (from, url) =>
    /\/shared\/static\//.test(url.pathname)
      ? base(from, from, 'box', 'A Box direct static link.')
      : base(from, from, 'box', 'A Box shared page.', {
          problems: [
            problem(
              'box-share-page',
              'The link points to a Box shared page, not to the image file.',
              'In Box, open the share settings and copy the "Direct link" (…/shared/static/…), which needs a paid Box plan; otherwise use a different public image host.'
            )
          ]
        })],
  [/^(?:[a-z0-9]+\.)?gravatar\.com$/, (from) => base(from, from, 'gravatar', 'Gravatar serves the image directly.')]
]

/**
 * Rewrites a pasted avatar link to the direct image link to check and save, with the reason and any
 * problem that no rewrite can fix (a folder, a OneDrive page). Unknown hosts pass unchanged.
 */
export const rewriteAvatarUrl = (input: string): AvatarRewrite => {
  const from = input
  let text = input.trim()
  if (text === '') {
    return base(from, text, 'other', 'No link was given.', { changed: false, problems: [problem('invalid-url', 'The avatar URL is empty.', 'Paste the public link of the image.')] })
  }
  let note = ''
  if (/^\/\//.test(text)) {
    text = `https:${text}`
    note = ' (https: was added to the scheme-relative link)'
  } else if (!/^[a-z][a-z0-9+.-]*:/i.test(text) && /^[^\s/]+\.[^\s/]+/.test(text)) {
    text = `https://${text}`
    note = ' (https:// was added in front)'
  }
  const safety = checkUrlSafety(text, 'The avatar URL')
  if (!safety.ok && safety.problem.code !== 'url-invalid') {
    // Refused, not cleaned up: the echo is masked, and nothing is fetched.
    const masked = maskUrlCredentials(text)
    return { ...base(masked, masked, 'other', 'This link cannot be used as it is.', { changed: false, problems: [safety.problem] }), from: maskUrlCredentials(from) }
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return base(from, text, 'other', 'This is not a valid link.', { changed: false, problems: [problem('invalid-url', `"${maskUrlCredentials(text).slice(0, 200)}" is not a valid URL.`, 'Paste the full link of the image, starting with https://.')] })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return base(from, text, 'other', `A ${url.protocol.replace(':', '')} link.`, {
      changed: false,
      problems: [
        problem(
          'unsupported-scheme',
          `The avatar URL uses "${url.protocol}"; Zendesk loads avatars only over http or https.`,
          `${GUIDE.direct} Host the image on a public web server and paste its https link.`
        )
      ]
    })
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  for (const [pattern, rule] of HOST_RULES) {
    if (pattern.test(host)) {
      const r = rule(text, url)
      return { ...r, from, changed: r.to !== from, reason: r.reason + note }
    }
  }
  return { ...base(text, text, 'other', `No rewrite needed for ${host}${note}.`), from, changed: text !== from }
}
