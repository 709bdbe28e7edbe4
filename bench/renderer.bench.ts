/**
 * The renderer's weight and speed (issue 19): bundle size (raw and gzip) of the built page and of
 * what the first screen loads, and time to first render in Debian's Chromium through the harness,
 * over cold page loads: navigation start → the app shell (its navigation) in the DOM and painted,
 * timed inside the page; beside a blank page from a loopback server timed the same way, in the same
 * browser, interleaved. The time Playwright takes to see the shell (it polls, then answers over
 * its pipe) is printed too: that is how the figure was first measured. Run after `npm run build`.
 */
import { chromium, type Browser } from '@playwright/test'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { spawnJsonLine } from '../test/support/spawn-json-line'
import { median, printFigure, times } from './figures'

const root = resolve(__dirname, '..')
const RUNS = 16
const SHELL = 'nav[aria-label="Capabilities"]'
const BLANK = '<!doctype html><html lang="en"><title>blank</title><nav aria-label="Capabilities">blank</nav></html>'

/** Injected before any page script: stamps when `selector` is in the DOM and the next frame painted. */
const paintedStamp = (selector: string): string => `(() => {
  const painted = () => requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now() }))
  const seen = () => { if (!document.querySelector(${JSON.stringify(selector)})) return false; painted(); return true }
  document.addEventListener('DOMContentLoaded', () => {
    if (seen()) return
    const o = new MutationObserver(() => { if (seen()) o.disconnect() })
    o.observe(document.documentElement, { childList: true, subtree: true })
  })
})()`

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })

const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`

/** The page's entry scripts and every chunk they import statically: what the first screen fetches. */
const firstLoad = (out: string): string[] => {
  const assets = join(out, 'assets')
  const seen = new Set<string>()
  const visit = (f: string): void => {
    if (seen.has(f)) return
    seen.add(f)
    for (const m of readFileSync(join(assets, f), 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(m[1])
  }
  for (const m of readFileSync(join(out, 'index.html'), 'utf8').matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)) visit(m[1])
  return [...seen].map((f) => join(assets, f))
}

const sizes = (out: string): void => {
  let raw = 0
  let gz = 0
  for (const file of walk(out).filter((f) => /\.(js|css|html)$/.test(f))) {
    const buf = readFileSync(file)
    raw += buf.length
    gz += gzipSync(buf, { level: 9 }).length
    console.log(`  ${file.slice(out.length + 1).padEnd(40)} ${kb(buf.length).padStart(9)}  gzip ${kb(gzipSync(buf, { level: 9 }).length).padStart(8)}`)
  }
  console.log(`renderer bundle: ${kb(raw)} raw, ${kb(gz)} gzip`)
  const first = firstLoad(out).map((f) => readFileSync(f))
  console.log(`first screen loads: ${first.length} chunks, ${kb(first.reduce((a, b) => a + b.length, 0))} raw, ${kb(first.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0))} gzip`)
}

/** One cold load in a fresh context: ms to `selector` painted (in the page) and as Playwright sees it. */
const coldLoad = async (browser: Browser, url: string, selector: string): Promise<{ painted: number; seen: number }> => {
  const context = await browser.newContext()
  try {
    await context.addInitScript(paintedStamp(selector))
    const page = await context.newPage()
    await page.goto(url)
    await page.locator(selector).waitFor()
    const seen = await page.evaluate(() => performance.now())
    await page.waitForFunction(() => (globalThis as { __painted?: number }).__painted !== undefined)
    const painted = await page.evaluate(() => (globalThis as { __painted?: number }).__painted ?? NaN)
    return { painted, seen }
  } finally {
    await context.close()
  }
}

const main = async (): Promise<void> => {
  const out = join(root, 'out', 'renderer')
  sizes(out)
  const dataDir = mkdtempSync(join(tmpdir(), 'aissist-bench-renderer-'))
  const harness = await spawnJsonLine<{ openUrl: string }>(process.execPath, [join(root, 'out', 'main', 'harness.js'), '--port', '0', '--data-dir', dataDir], {
    ...process.env,
    AISSIST_KEYCHAIN_SERVICE: `aissist-bench-renderer-${process.pid}`
  })
  const blankServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(BLANK))
  await new Promise<void>((r) => blankServer.listen(0, '127.0.0.1', r))
  const blankUrl = `http://127.0.0.1:${(blankServer.address() as AddressInfo).port}/`
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
  })
  const app: { painted: number; seen: number }[] = []
  const blank: { painted: number; seen: number }[] = []
  try {
    await coldLoad(browser, harness.info.openUrl, SHELL) // warm the harness and the disk cache
    // Alternating which goes first: a load right after another's context closed runs slower.
    for (let i = 0; i < RUNS; i++) {
      if (i % 2) app.push(await coldLoad(browser, harness.info.openUrl, SHELL))
      blank.push(await coldLoad(browser, blankUrl, SHELL))
      if (!(i % 2)) app.push(await coldLoad(browser, harness.info.openUrl, SHELL))
    }
  } finally {
    await browser.close()
    blankServer.close()
    await harness.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const line = (label: string, xs: number[]): string => {
    const s = [...xs].sort((a, b) => a - b)
    return `${label}: p50 ${median(s).toFixed(0)} ms, p95 ${s[Math.min(s.length - 1, Math.floor(0.95 * s.length))].toFixed(0)} ms, min ${s[0].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`
  }
  console.log(`${RUNS} cold loads each, interleaved:`)
  console.log(`  ${line('app shell painted (in the page)', app.map((r) => r.painted))}`)
  console.log(`  ${line('blank page painted (in the page)', blank.map((r) => r.painted))}`)
  console.log(`  ${line('app shell as Playwright sees it', app.map((r) => r.seen))}`)
  console.log(`  ${line('blank page as Playwright sees it', blank.map((r) => r.seen))}`)
  const p50 = median(app.map((r) => r.painted))
  const b50 = median(blank.map((r) => r.painted))
  const seen50 = median(app.map((r) => r.seen))
  const seenBlank50 = median(blank.map((r) => r.seen))
  printFigure({ name: 'first render in Chromium, p50 (shell painted)', value: `${p50.toFixed(0)} ms`, baseline: `blank page: ${b50.toFixed(0)} ms`, ratio: times(p50 / b50), goal: '≤ 250 ms', met: p50 <= 250 })
  printFigure({ name: 'first render as Playwright sees it, p50', value: `${seen50.toFixed(0)} ms`, baseline: `blank page: ${seenBlank50.toFixed(0)} ms`, ratio: times(seen50 / seenBlank50), goal: '≤ 250 ms', met: seen50 <= 250 })
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
