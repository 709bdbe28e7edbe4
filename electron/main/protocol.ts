import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { resolveRendererPath } from '../core/platform/renderer-path'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './policy'

/** Must run before `app.ready`: our scheme is standard and secure, like https. */
export const registerAppScheme = (): void => {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/**
 * Serves the built renderer from `app://aissist/…` instead of file://, so the page has a real
 * origin, a CSP header, and cannot read any file outside the renderer folder (the path decision
 * is `resolveRendererPath`, unit-tested in core).
 */
export const serveRenderer = (rendererDir: string): void => {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveRendererPath(rendererDir, request.url, APP_HOST)
    if (target.kind === 'not-found') return new Response('Not found', { status: 404 })
    if (target.kind === 'forbidden') return new Response('Forbidden', { status: 403 })
    let response: Response
    try {
      response = await net.fetch(pathToFileURL(target.path).toString())
    } catch {
      return new Response('Not found', { status: 404 })
    }
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
