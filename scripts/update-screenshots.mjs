// Copies the curated screens from the last e2e run (test-results/screenshots, written by
// test/e2e/main-flow.spec.ts, the ui-*.spec.ts files and layout.spec.ts) to docs/screenshots,
// which README.md shows. Run after `npm test`, or after
// `npx playwright test -c playwright.config.ts test/e2e/main-flow.spec.ts test/e2e/ui- test/e2e/layout.spec.ts`.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const from = join(root, 'test-results', 'screenshots')
const to = join(root, 'docs', 'screenshots')

/** The README's screens (1280×800; one at 900×640), light and dark. */
export const CURATED = [
  '01-first-run',
  '03-setup',
  '04-events',
  '05-avatar',
  '06-diagnose',
  '07-home',
  '08-customers',
  '10-settings',
  'fail-setup-wrong-credentials',
  'fail-events-secret-mismatch',
  'fail-diagnose-secret-mismatch',
  'fail-avatar-drive-folder',
  'ui-switcher',
  'ui-round-trip',
  'ui-burst-confirm',
  'ui-customer-refused-notice',
  'narrow-900-diagnose'
].flatMap((n) => [`${n}.png`, `${n}-dark.png`])

const MAX_BYTES = 200 * 1024

mkdirSync(to, { recursive: true })
const missing = []
for (const name of CURATED) {
  const src = join(from, name)
  if (!existsSync(src)) {
    missing.push(name)
    continue
  }
  const size = statSync(src).size
  if (size > MAX_BYTES) console.warn(`warning: ${name} is ${Math.round(size / 1024)} KB (over 200 KB)`)
  copyFileSync(src, join(to, name))
  console.log(`docs/screenshots/${name} (${Math.round(size / 1024)} KB)`)
}
if (missing.length) {
  console.error(`Missing from test-results/screenshots (run the e2e main flow first): ${missing.join(', ')}`)
  process.exit(1)
}
