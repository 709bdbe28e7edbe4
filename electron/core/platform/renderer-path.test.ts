import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveRendererPath } from './renderer-path'

const dir = join(sep, 'opt', 'app', 'out', 'renderer')
const resolve = (url: string) => resolveRendererPath(dir, url, 'aissist')

describe('the app:// protocol path resolution', () => {
  it('serves index.html for / and files inside the renderer folder', () => {
    expect(resolve('app://aissist/')).toEqual({ kind: 'file', path: join(dir, 'index.html') })
    expect(resolve('app://aissist/assets/index-abc.js?v=1#x')).toEqual({ kind: 'file', path: join(dir, 'assets', 'index-abc.js') })
    expect(resolve('app://aissist/assets/my%20font.woff2')).toEqual({ kind: 'file', path: join(dir, 'assets', 'my font.woff2') })
    // A name that merely starts with two dots is an ordinary file.
    expect(resolve('app://aissist/..hidden')).toEqual({ kind: 'file', path: join(dir, '..hidden') })
  })

  it('refuses plain, encoded, double-encoded and backslash traversal', () => {
    const attacks = [
      'app://aissist/%2E%2E%2Fmain%2Findex.js',
      'app://aissist/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://aissist/..%5c..%5cmain%5cindex.js',
      'app://aissist/assets%5c..%5c..%5cx',
      'app://aissist/index.html%00.png',
      'app://aissist/%E0%A4%A'
    ]
    for (const url of attacks) expect(resolve(url).kind, url).toBe('forbidden')
    // The URL parser already folds a literal or encoded ../ (but not an encoded slash) away: inside.
    expect(resolve('app://aissist/../../etc/passwd')).toEqual({ kind: 'file', path: join(dir, 'etc', 'passwd') })
    expect(resolve('app://aissist/%2e%2e/main/index.js')).toEqual({ kind: 'file', path: join(dir, 'main', 'index.js') })
    // Double-encoding decodes once to a literal "%2e%2e" file name, which stays inside.
    const double = resolve('app://aissist/%252e%252e/x')
    expect(double.kind).toBe('file')
    if (double.kind === 'file') expect(double.path.startsWith(dir + sep)).toBe(true)
  })

  it('refuses the folder itself, a foreign host and credentials', () => {
    expect(resolve('app://aissist//').kind).toBe('forbidden')
    expect(resolve('app://aissist/a%2f..').kind).toBe('forbidden')
    expect(resolve('app://evil/index.html').kind).toBe('not-found')
    expect(resolve('app://x@aissist/index.html').kind).toBe('not-found')
    expect(resolve('::::').kind).toBe('not-found')
  })

  it('never resolves outside the folder, whatever the path (seeded sweep)', () => {
    let seed = 42
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    const parts = ['..', '.', '%2e', '%2e%2e', '%2f', '%5c', 'a', 'assets', '%00', '//', '%252e', '\u00e9', '%c0%af']
    for (let i = 0; i < 2000; i++) {
      const path = Array.from({ length: 1 + (next() % 6) }, () => parts[next() % parts.length]).join(next() % 2 ? '/' : '')
      const r = resolve(`app://aissist/${path}`)
      if (r.kind === 'file') expect(r.path.startsWith(dir + sep), path).toBe(true)
    }
  })
})
