import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawnJsonLine, type Announced } from '../support/spawn-json-line'

const root = resolve(__dirname, '..', '..')

export interface HarnessInfo {
  url: string
  openUrl: string
  token: string
  dataDir: string
}

/** Where every e2e screenshot goes (kept as a CI artifact). */
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots')

/**
 * Each test gets its own harness process (the built app's core, its own data folder and keychain
 * service name) and a page opened on it.
 */
export const test = base.extend<{ harness: Announced<HarnessInfo>; app: Page; keychainService: string }>({
  keychainService: async ({}, use, testInfo) => {
    await use(`aissist-e2e-${process.pid}-${testInfo.workerIndex}-${Date.now()}`)
  },
  harness: async ({ keychainService }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aissist-e2e-'))
    const harness = await spawnJsonLine<HarnessInfo>(
      process.execPath,
      [join(root, 'out', 'main', 'harness.js'), '--port', '0', '--data-dir', dataDir],
      { ...process.env, AISSIST_KEYCHAIN_SERVICE: keychainService, AISSIST_DATA_DIR: dataDir }
    )
    await use(harness)
    await harness.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
  app: async ({ page, harness }, use) => {
    await page.goto(harness.info.openUrl)
    await use(page)
  }
})

export { expect }
