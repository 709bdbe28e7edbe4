import { _electron as electron, expect, test } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findElectronBinary } from '../support/electron-binary'

const binary = findElectronBinary()
const root = resolve(__dirname, '..', '..')

test.describe('the desktop app', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '')

  test('launches hardened, answers a bridge call, and refuses navigation', async () => {
    if (!('path' in binary)) return
    const dataDir = mkdtempSync(join(tmpdir(), 'aissist-electron-'))
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(root, 'out', 'main', 'index.js'), '--no-sandbox'],
      env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: `aissist-electron-${Date.now()}` }
    })
    try {
      const page = await app.firstWindow()
      await expect(page).toHaveTitle('Aissist Zendesk Setup')
      // Hardened webPreferences, seen from the page: no Node, no require, an isolated bridge only.
      const seen = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridgeFrozen: Object.isFrozen((window as unknown as { aissist: object }).aissist),
        webview: document.createElement('webview').constructor.name
      }))
      expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridgeFrozen: true, webview: 'HTMLUnknownElement' })
      const sandboxed = await app.evaluate(({ app: electronApp }) => electronApp.isReady())
      expect(sandboxed).toBe(true)
      const info = await page.evaluate(() => (window as unknown as { aissist: { getAppInfo(i: object): Promise<{ ok: boolean; value: { host: string } }> } }).aissist.getAppInfo({}))
      expect(info.ok).toBe(true)
      expect(info.value.host).toBe('electron')
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
      const before = page.url()
      await page.evaluate(() => {
        window.location.href = 'https://example.com/'
      })
      await page.waitForTimeout(500)
      expect(page.url()).toBe(before)
      await page.screenshot({ path: join(root, 'test-results', 'screenshots', 'electron-shell.png') })
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
