import { app, shell, type Session, type WebContents } from 'electron'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY, decideWindowOpen, isAllowedRequest, isOwnUrl as isOwnUrlFor, type OriginPolicy } from './policy'

/** Where this process runs: the dev server URL counts only in an unpackaged build. */
export const originPolicy = (): OriginPolicy => ({ devUrl: process.env.ELECTRON_RENDERER_URL, isPackaged: app.isPackaged })

/** True for a URL of our own app (the packaged protocol, or the dev server electron-vite runs). */
export const isOwnUrl = (url: string): boolean => isOwnUrlFor(url, originPolicy())

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
    const decision = decideWindowOpen(url)
    // Only an allowlisted https URL (shared/external-url.ts) ever reaches the OS shell.
    if (decision.openInBrowser) void shell.openExternal(decision.openInBrowser)
    return { action: decision.action }
  })
}

/**
 * Denies every permission request (camera, notifications, geolocation…): the app needs none.
 * Cancels every request that is not our own content (no remote content, even if a bug put a
 * remote URL in the page), and sets the CSP header on every response.
 */
export const hardenSession = (session: Session, rendererDir: string): void => {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  const rendererFileUrl = pathToFileURL(rendererDir).href
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, { ...originPolicy(), rendererFileUrl }) })
  })
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      }
    })
  })
}
