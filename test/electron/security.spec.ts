import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findCanaries, scanFolder } from '../support/secret-canaries'
import { findElectronBinary } from '../support/electron-binary'

/**
 * The parts of Electron's security checklist only a running app can prove: the window's real
 * webPreferences, the session's permission and request filters, the app:// protocol's refusals,
 * new windows denied, and IPC answered only to our own top frame. Skipped (with the reason) where
 * no Electron binary exists; everything else is proven in plain Node (electron/main/*.test.ts).
 */
const binary = findElectronBinary()
const root = resolve(__dirname, '..', '..')

test.describe('the desktop app, hardened', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '')
  let app: ElectronApplication
  let page: Page
  let dataDir: string

  test.beforeAll(async () => {
    if (!('path' in binary)) return
    dataDir = mkdtempSync(join(tmpdir(), 'aissist-electron-sec-'))
    app = await electron.launch({
      executablePath: binary.path,
      args: [join(root, 'out', 'main', 'index.js')],
      env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: `aissist-electron-sec-${Date.now()}`, ELECTRON_RENDERER_URL: '' }
    })
    page = await app.firstWindow()
  })
  test.afterAll(async () => {
    await app?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  test('runs with the hardened webPreferences', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Documented on WebContents but missing from the typings.
      const wc = BrowserWindow.getAllWindows()[0].webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }
      const p = wc.getLastWebPreferences() ?? {}
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag, webSecurity: p.webSecurity }
    })
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true })
    expect(page.url()).toMatch(/^app:\/\/aissist\//)
  })

  test('denies permissions, new windows and remote content', async () => {
    const seen = await page.evaluate(async () => {
      const notification = await Notification.requestPermission()
      const opened = window.open('https://example.com/')
      let remote = 'loaded'
      try {
        await fetch('https://example.com/')
      } catch {
        remote = 'blocked'
      }
      return { notification, opened: opened === null, remote }
    })
    expect(seen).toEqual({ notification: 'denied', opened: true, remote: 'blocked' })
    expect(app.windows()).toHaveLength(1)
  })

  test('serves only the renderer folder from app://', async () => {
    const statuses = await page.evaluate(async () => {
      const s = async (u: string): Promise<number> => {
        try {
          return (await fetch(u)).status
        } catch {
          return -1
        }
      }
      return [await s('app://aissist/index.html'), await s('app://aissist/..%2fmain%2findex.js'), await s('app://aissist/%2e%2e%2fpackage.json'), await s('app://other/index.html')]
    })
    expect(statuses[0]).toBe(200)
    for (const s of statuses.slice(1)) expect([403, 404, -1]).toContain(s)
    const csp = await page.evaluate(async () => (await fetch('app://aissist/index.html')).headers.get('content-security-policy'))
    expect(csp).toContain("default-src 'none'")
  })

  test('answers IPC for our page, validates input, and leaves no secret behind', async () => {
    const canary = 'CANARY-electron-9a8b7c6d'
    const answer = await page.evaluate(async (c) => {
      const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<unknown>> }).aissist
      return [await bridge.getAppInfo({}), await bridge.openExternal({ url: 5 }), await bridge.copyText({ text: 1, [c]: c })]
    }, canary)
    expect(answer[0]).toMatchObject({ ok: true })
    expect(answer[1]).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(answer[2]).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(JSON.stringify(answer)).not.toMatch(/\n\s+at /)
    expect(findCanaries([{ name: 'DOM', text: await page.content() }], [canary])).toEqual([])
    expect(scanFolder(join(dataDir, 'logs'), [canary])).toEqual([])
  })
})
