import type { WebPreferences } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import { safeExternalUrl } from '../../shared/external-url'

/**
 * The security decisions of the main process as plain functions, with no runtime `electron`
 * import: `security.ts`, `window.ts` and `protocol.ts` apply them to Electron objects, and
 * `policy.test.ts` proves them in plain Node (Electron's binary cannot run in CI here).
 */

/** The scheme our own pages are served from (see protocol.ts); nothing else is "our" page. */
export const APP_SCHEME = 'app'
/** The one host of our scheme: `app://aissist/…`. */
export const APP_HOST = 'aissist'
/** The origin of our own page; IPC answers only frames showing it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** See shared/csp.ts: one policy for the app and the harness. */
export { CONTENT_SECURITY_POLICY }

/** Where the app runs: the dev server URL counts only in an unpackaged build. */
export interface OriginPolicy {
  /** `ELECTRON_RENDERER_URL` (electron-vite's dev server), if set. */
  devUrl?: string
  isPackaged: boolean
}

const parse = (url: string): URL | null => {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * The dev server's origin when it may be trusted (unpackaged, an http URL on the loopback
 * interface), otherwise null: a packaged app never loads or trusts a URL from the environment.
 */
export const trustedDevOrigin = ({ devUrl, isPackaged }: OriginPolicy): string | null => {
  if (isPackaged || !devUrl) return null
  const u = parse(devUrl)
  if (!u || u.protocol !== 'http:') return null
  if (!['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) return null
  return u.origin
}

/**
 * True for a URL of our own app. Compared by parsed scheme and host (not by string prefix, which
 * `http://localhost:5173.evil.example` or `app://aissist@evil` would pass).
 */
export const isOwnUrl = (url: string, policy: OriginPolicy): boolean => {
  const u = parse(url)
  if (!u) return false
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST && !u.username && !u.password
  const dev = trustedDevOrigin(policy)
  return dev !== null && u.origin === dev && !u.username && !u.password
}

/** The URL the main window loads: our scheme, or the dev server in an unpackaged build. */
export const startUrl = (policy: OriginPolicy): string => {
  const dev = trustedDevOrigin(policy)
  return dev && policy.devUrl ? policy.devUrl : `${APP_ORIGIN}/index.html`
}

/** What to do with a window.open / target=_blank: never a new window; maybe the browser. */
export const decideWindowOpen = (url: string): { action: 'deny'; openInBrowser: string | null } => ({
  action: 'deny',
  openInBrowser: safeExternalUrl(url)
})

/**
 * Which requests the app's session lets through: our scheme, inline data, the DevTools, the
 * renderer's own files when our protocol handler reads them, and the dev server when trusted.
 * Everything else (any http(s) host, other file:// paths) is cancelled: no remote content.
 */
export const isAllowedRequest = (url: string, policy: OriginPolicy & { rendererFileUrl: string }): boolean => {
  const u = parse(url)
  if (!u) return false
  switch (u.protocol) {
    case `${APP_SCHEME}:`:
      return u.host === APP_HOST
    case 'data:':
    case 'blob:':
    case 'devtools:':
    case 'chrome-devtools:':
      return true
    case 'file:': {
      const base = policy.rendererFileUrl.endsWith('/') ? policy.rendererFileUrl : `${policy.rendererFileUrl}/`
      return u.href.startsWith(base) && !u.pathname.split('/').includes('..')
    }
    case 'ws:': {
      // The dev server's hot-reload socket (same host and port), in an unpackaged build only.
      const dev = trustedDevOrigin(policy)
      return dev !== null && `http://${u.host}` === dev
    }
    default: {
      const dev = trustedDevOrigin(policy)
      return dev !== null && u.origin === dev
    }
  }
}

/**
 * The hardened webPreferences of the app window, exported so tests (here and in the Electron
 * suite) compare the real window's preferences with them.
 */
export const hardenedWebPreferences = (preload: string, { devTools = true }: { devTools?: boolean } = {}): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  experimentalFeatures: false,
  enableBlinkFeatures: undefined,
  // Middle-click opens no new window (Electronegativity's AUXCLICK check); the window-open handler
  // would deny it anyway.
  disableBlinkFeatures: 'Auxclick',
  safeDialogs: true,
  spellcheck: false,
  // Off in the packaged app: a customer's admin gets no console to paste code into.
  devTools
})
