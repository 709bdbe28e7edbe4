import { app, shell, type Session, type WebContents } from 'electron'
import { safeExternalUrl } from '../../shared/external-url'

/** The scheme our own pages are served from (see protocol.ts); nothing else is "our" page. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://aissist`

/**
 * The Content-Security-Policy of every page: our own scripts and styles only, images from our
 * origin and data: (the avatar preview is a data URL made by main), no remote content at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

/** True for a URL of our own app (the packaged protocol, or the dev server electron-vite runs). */
export const isOwnUrl = (url: string): boolean => {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true
  const dev = process.env.ELECTRON_RENDERER_URL
  return Boolean(dev && !app.isPackaged && url.startsWith(dev))
}

/**
 * Electron's checklist applied to every web contents ever created: no navigation away from our
 * page, no new windows (https links to Zendesk/Aissist open in the browser instead), no webviews.
 */
export const hardenWebContents = (contents: WebContents): void => {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url)
    if (safe) void shell.openExternal(safe)
    return { action: 'deny' }
  })
}

/** Denies every permission request (camera, notifications, geolocation…): the app needs none. */
export const hardenSession = (session: Session): void => {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      }
    })
  })
}
