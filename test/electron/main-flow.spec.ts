import { _electron as electron, expect, test } from '@playwright/test'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findElectronBinary } from '../support/electron-binary'

const binary = findElectronBinary()
const root = resolve(__dirname, '..', '..')
const CHECKS = ['keychain', 'credentials-present', 'zendesk-reachable', 'credentials-valid', 'integration-present', 'webhook-settings', 'no-duplicates', 'gateway-head', 'test-events', 'agent-name', 'avatar', 'channel-bot']
const STEPS = ['credentials', 'connect', 'inspect', 'plan', 'apply', 'keep', 'verify', 'test-events', 'agent-identity', 'channel-bot']

test.describe('the desktop app, main flow', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '')

  test('first run on the embedded sandbox → setup → test events → avatar → diagnose → export', async () => {
    test.setTimeout(240_000)
    if (!('path' in binary)) return
    const dataDir = mkdtempSync(join(tmpdir(), 'aissist-electron-flow-'))
    const exportsDir = join(dataDir, 'exports')
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(root, 'out', 'main', 'index.js'), '--no-sandbox'],
      env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: `aissist-electron-flow-${Date.now()}`, AISSIST_SANDBOX_PORT: '0' }
    })
    try {
      // A mock of the one thing a test cannot click: the OS save dialog answers with a path in the data folder.
      await app.evaluate(({ dialog }, dir) => {
        let n = 0
        dialog.showSaveDialog = (async (...args: unknown[]) => {
          const opts = (args.length > 1 ? args[1] : args[0]) as { defaultPath?: string }
          const name = (opts.defaultPath ?? `export-${n++}`).split(/[\\/]/).pop() as string
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('node:fs').mkdirSync(dir, { recursive: true })
          return { canceled: false, filePath: `${dir}/${name}` }
        }) as typeof dialog.showSaveDialog
      }, exportsDir)
      const page = await app.firstWindow()
      const nav = (label: string) => page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: label }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible()
      await expect(page.getByTestId('keychain-status')).toHaveAttribute('data-state', 'available')
      await page.getByTestId('try-sandbox').click()
      await expect(page.getByTestId('active-customer')).toContainText('Sandbox')

      await page.getByTestId('setup-plan').click()
      await page.getByTestId('setup-apply').click()
      for (const id of STEPS) await expect(page.getByTestId(`step-${id}`)).toHaveAttribute('data-status', 'pass', { timeout: 30_000 })

      await nav('Test events')
      await page.getByTestId('event-text').fill('Hello from the desktop app')
      await page.getByTestId('send-event').click()
      await expect(page.getByTestId('response-viewer').getByTestId('verdict-tag')).toHaveAttribute('data-verdict', 'accepted')

      await nav('Agent & avatar')
      await page.getByTestId('avatar-check').click()
      await expect(page.getByTestId('avatar-verdict')).toHaveAttribute('data-verdict', 'ok')
      await expect(page.getByTestId('chat-preview')).toContainText('Aissist Agent')

      await nav('Diagnose')
      await page.getByTestId('diagnose-run').click()
      for (const id of CHECKS) await expect(page.getByTestId(`doctor-link-${id}`)).toHaveAttribute('data-status', 'pass', { timeout: 30_000 })
      await page.getByTestId('diagnose-export-md').click()
      await expect(page.getByTestId('diagnose-notice')).toContainText('.md')
      await page.getByTestId('diagnose-export-json').click()
      await expect(page.getByTestId('diagnose-notice')).toContainText('.json')
      const files = readdirSync(exportsDir)
      expect(files.some((f) => f.endsWith('.md')) && files.some((f) => f.endsWith('.json'))).toBe(true)
      await page.screenshot({ path: join(root, 'test-results', 'screenshots', 'electron-diagnose.png') })
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
