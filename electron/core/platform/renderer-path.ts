import { isAbsolute, join, normalize, relative, sep } from 'node:path'

/** What the `app://` protocol should do with a request. */
export type RendererPathResult =
  | { kind: 'file'; path: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not-found'; reason: string }

/**
 * Maps an `app://<host>/<path>` request to a file inside the renderer folder, or refuses it. Pure
 * (no I/O), so the protocol handler in main stays a thin shell and every traversal trick — `..`,
 * `%2e%2e`, `%2f`, backslashes, NUL bytes, a foreign host — is proven refused in plain Node.
 */
export const resolveRendererPath = (rendererDir: string, requestUrl: string, expectedHost: string): RendererPathResult => {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { kind: 'not-found', reason: 'not a URL' }
  }
  if (url.host !== expectedHost || url.username || url.password) return { kind: 'not-found', reason: 'foreign host' }
  let wanted: string
  try {
    wanted = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
  } catch {
    return { kind: 'forbidden', reason: 'malformed percent-encoding' }
  }
  if (wanted.includes('\0')) return { kind: 'forbidden', reason: 'NUL byte' }
  // A backslash is a separator on Windows: refuse it everywhere rather than let it mean `..\`.
  if (wanted.includes('\\')) return { kind: 'forbidden', reason: 'backslash' }
  if (wanted.split('/').some((part) => part === '..')) return { kind: 'forbidden', reason: 'parent segment' }
  const root = normalize(rendererDir)
  const file = normalize(join(root, wanted))
  const rel = relative(root, file)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { kind: 'forbidden', reason: 'outside the renderer folder' }
  return { kind: 'file', path: file }
}
