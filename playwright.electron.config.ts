import { defineConfig } from '@playwright/test'

/** The desktop app itself, driven through Playwright's Electron support, where a binary exists. */
export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test-results/electron',
  timeout: 90_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/electron-report.json' }]]
})
