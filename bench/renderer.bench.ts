/**
 * The renderer's weight and speed: bundle size (raw and gzip) of the built page, and time to first
 * render in Debian's Chromium through the harness (navigation start → the app shell's navigation
 * visible), over a bounded number of cold page loads. Run after `npm run build`.
 */
import { chromium } from '@playwright/test'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { spawnJsonLine } from '../test/support/spawn-json-line'

const root = resolve(__dirname, '..')
const RUNS = 10

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })

const main = async (): Promise<void> => {
  const out = join(root, 'out', 'renderer')
  let raw = 0
  let gz = 0
  for (const file of walk(out).filter((f) => /\.(js|css|html)$/.test(f))) {
    const buf = readFileSync(file)
    raw += buf.length
    gz += gzipSync(buf, { level: 9 }).length
    console.log(`  ${file.slice(out.length + 1).padEnd(40)} ${(buf.length / 1024).toFixed(1).padStart(8)} kB  gzip ${(gzipSync(buf, { level: 9 }).length / 1024).toFixed(1).padStart(7)} kB`)
  }
  console.log(`renderer bundle: ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzip`)

  const dataDir = mkdtempSync(join(tmpdir(), 'aissist-bench-renderer-'))
  const harness = await spawnJsonLine<{ openUrl: string }>(process.execPath, [join(root, 'out', 'main', 'harness.js'), '--port', '0', '--data-dir', dataDir], {
    ...process.env,
    AISSIST_KEYCHAIN_SERVICE: `aissist-bench-renderer-${process.pid}`
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
  })
  const times: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(harness.info.openUrl)
      await page.getByRole('navigation', { name: 'Capabilities' }).waitFor()
      const ms = await page.evaluate(() => performance.now())
      times.push(ms)
      await context.close()
    }
  } finally {
    await browser.close()
    await harness.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const s = [...times].sort((a, b) => a - b)
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  console.log(`time to first render (navigation start → shell visible), ${RUNS} cold loads: p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, min ${s[0].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`)
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
