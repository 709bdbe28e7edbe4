import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  decideWindowOpen,
  hardenedWebPreferences,
  isAllowedRequest,
  isOwnUrl,
  startUrl,
  trustedDevOrigin
} from './policy'

const packaged = { isPackaged: true, devUrl: 'http://localhost:5173' }
const dev = { isPackaged: false, devUrl: 'http://localhost:5173' }
const root = join(__dirname, '..', '..')

const directives = (csp: string): Map<string, string> =>
  new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/)
    return [name, values.join(' ')]
  }))

describe('hardened webPreferences (checklist: context isolation, sandbox, no Node)', () => {
  it('isolates, sandboxes and disables every Node and insecure option', () => {
    const p = hardenedWebPreferences('/x/preload.js')
    expect(p).toMatchObject({
      preload: '/x/preload.js',
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
      disableBlinkFeatures: 'Auxclick'
    })
    expect(p.enableBlinkFeatures).toBeUndefined()
  })
  it('turns DevTools off when asked (the packaged app)', () => {
    expect(hardenedWebPreferences('/p', { devTools: false }).devTools).toBe(false)
  })
})

describe('CSP (header and meta tag)', () => {
  it('allows no remote source and no eval', () => {
    const d = directives(CONTENT_SECURITY_POLICY)
    expect(d.get('default-src')).toBe("'none'")
    expect(d.get('script-src')).toBe("'self'")
    expect(d.get('object-src')).toBe("'none'")
    expect(d.get('frame-ancestors')).toBe("'none'")
    for (const value of d.values()) {
      expect(value).not.toMatch(/https?:|\*|unsafe-eval|wasm-unsafe-eval/)
    }
  })
  it('is repeated verbatim in renderer/index.html (minus frame-ancestors, which a meta tag cannot carry)', () => {
    const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta).not.toBeNull()
    const header = directives(CONTENT_SECURITY_POLICY)
    header.delete('frame-ancestors')
    expect(directives(meta![1])).toEqual(header)
  })
})

describe('our own origin', () => {
  it('is app://aissist and nothing that merely starts like it', () => {
    expect(isOwnUrl(`${APP_ORIGIN}/index.html`, packaged)).toBe(true)
    expect(isOwnUrl('app://aissist/', packaged)).toBe(true)
    for (const url of ['app://aissist.evil/', 'app://aissist@evil/', 'app://evil/', 'https://aissist/', 'file:///index.html', 'app://user:pw@aissist/', 'not a url', '']) {
      expect(isOwnUrl(url, packaged), url).toBe(false)
    }
  })
  it('trusts the dev server only in an unpackaged build, by origin, on loopback', () => {
    expect(isOwnUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isOwnUrl('http://localhost:5173/', packaged)).toBe(false)
    expect(isOwnUrl('http://localhost:5173.evil.example/', dev)).toBe(false)
    expect(isOwnUrl('http://localhost:51730/', dev)).toBe(false)
    expect(trustedDevOrigin({ isPackaged: false, devUrl: 'http://evil.example:5173' })).toBeNull()
    expect(trustedDevOrigin({ isPackaged: false, devUrl: 'https://localhost:5173' })).toBeNull()
    expect(trustedDevOrigin({ isPackaged: false })).toBeNull()
  })
  it('loads our scheme in a packaged app even when ELECTRON_RENDERER_URL is set', () => {
    expect(startUrl(packaged)).toBe('app://aissist/index.html')
    expect(startUrl({ isPackaged: false, devUrl: 'http://evil.example/' })).toBe('app://aissist/index.html')
    expect(startUrl(dev)).toBe('http://localhost:5173')
  })
})

describe('new windows and links', () => {
  it('never opens a window; sends only allowlisted https links to the browser', () => {
    expect(decideWindowOpen('https://support.zendesk.com/hc/en-us')).toEqual({ action: 'deny', openInBrowser: 'https://support.zendesk.com/hc/en-us' })
    for (const url of ['file:///etc/passwd', 'https://evil.example/', 'javascript:alert(1)', 'smb://host/share', 'app://aissist/']) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openInBrowser: null })
    }
  })
})

describe('requests the session lets through (no remote content)', () => {
  const policy = { ...packaged, rendererFileUrl: 'file:///opt/app/resources/app.asar/out/renderer' }
  it('allows our scheme, data:, the DevTools and the renderer folder', () => {
    for (const url of ['app://aissist/assets/a.js', 'data:image/png;base64,AAAA', 'devtools://devtools/bundled/x.html', 'file:///opt/app/resources/app.asar/out/renderer/index.html']) {
      expect(isAllowedRequest(url, policy), url).toBe(true)
    }
  })
  it('cancels remote hosts, other files, traversal and a packaged app\'s dev server', () => {
    for (const url of ['https://evil.example/x.js', 'http://127.0.0.1:8080/', 'ws://localhost:5173/', 'file:///etc/passwd', 'file:///opt/app/resources/app.asar/out/renderer-evil/x', 'file:///opt/app/resources/app.asar/out/renderer/../main/index.js', 'http://localhost:5173/', 'app://evil/x', 'garbage']) {
      expect(isAllowedRequest(url, policy), url).toBe(false)
    }
  })
  it('lets the dev server through in an unpackaged build', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', { ...dev, rendererFileUrl: 'file:///r' })).toBe(true)
    expect(isAllowedRequest('ws://localhost:5173/', { ...dev, rendererFileUrl: 'file:///r' })).toBe(true)
    expect(isAllowedRequest('ws://localhost:5174/', { ...dev, rendererFileUrl: 'file:///r' })).toBe(false)
    expect(isAllowedRequest('ws://evil.example:5173/', { ...dev, rendererFileUrl: 'file:///r' })).toBe(false)
  })
})
