/**
 * Avatar checker figures on loopback, each beside its baseline in the same run:
 *  - issue 19: the whole `aissist-zd avatar check URL` of a 2 MB, 1600 × 1600 JPEG, as a whole
 *    process (the CLI and its checker process: URL safety, rewrite, then in the checker process a
 *    safe fetch with address checks and a pinned connection, magic bytes, one bounded decode that
 *    also makes the preview; the verdict), against `node bench/support/fetch-and-decode.mjs URL`, a
 *    script that only fetches the file with undici and decodes it with sharp (`raw().toBuffer()`,
 *    a plain full decode). Goal ≤ 1.25×. Alternating rounds, medians. Before that, the same check
 *    in this process with a warm checker process against the script kept running (the work alone,
 *    no process start), and the first, cold check.
 *  - issue 15: peak memory and wall time of the check on hostile images — the blur SVGs, a pixel
 *    bomb, an endless body, a heavy 36-megapixel interlaced PNG — beside the plain 2 MB JPEG: this
 *    process's RSS and the checker process's own peak, which the check bounds (default 512 MB).
 * Talks only to 127.0.0.1; bounded well under a minute. Run: npm run bench -- avatar
 */
import { execFile, fork } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { checkAvatar } from '../electron/core/avatar/check-avatar'
import { createImageDecoder } from '../electron/core/avatar/image-decoder'
import { blurSvg, makePixelBomb, transparentPng } from '../electron/core/sandbox/image-host/hostile-images'
import { median, printFigure, times } from './figures'

const ROUNDS = 15
const MB = 1024 * 1024
const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`

/** A 1600 × 1600 noise JPEG of about 2 MB (the quality is raised until it is). */
const twoMegabyteJpeg = async (): Promise<Buffer> => {
  const noise = sharp({ create: { width: 1600, height: 1600, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
  for (let q = 90; ; q++) {
    const jpeg = await noise.clone().jpeg({ quality: q }).toBuffer()
    if (jpeg.length >= 2 * MB || q >= 100) return jpeg
  }
}

/** Samples this process's RSS every 2 ms while `work` runs; the peak above the start. */
const peakRss = async <T>(work: () => Promise<T>): Promise<{ rss: number; ms: number; result: T }> => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const base = process.memoryUsage.rss()
  let peak = base
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2)
  const t = performance.now()
  const result = await work()
  const ms = performance.now() - t
  clearInterval(timer)
  return { rss: Math.max(peak, process.memoryUsage.rss()) - base, ms, result }
}

/** Wall time of a whole process, start to exit. */
const timeProcess = (args: string[], env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const t = performance.now()
    execFile(process.execPath, args, { env }, (error) => (error && error.code !== 0 ? reject(error) : resolve(performance.now() - t)))
  })

/** Rounds of the whole-process comparison (each runs both, in alternating order). */
const WHOLE_ROUNDS = 11

/**
 * Issue 19's figure: the whole `aissist-zd avatar check URL` (its checker process included) against
 * `node fetch-and-decode.mjs URL`, alternating A B, B A… after one unmeasured round each (the disk
 * cache); medians (needs a build).
 */
const wholeProcesses = async (url: string): Promise<void> => {
  const bin = join(import.meta.dirname, '..', 'bin', 'aissist-zd')
  if (!existsSync(join(import.meta.dirname, '..', 'out', 'main', 'cli.js'))) return void console.log('(whole processes skipped: run `npm run build` first)')
  const dataDir = mkdtempSync(join(tmpdir(), 'avatar-bench-'))
  const env = { ...process.env, AISSIST_DATA_DIR: dataDir, NODE_OPTIONS: '' }
  const script = join(import.meta.dirname, 'support', 'fetch-and-decode.mjs')
  const run = { raw: () => timeProcess([script, url], env), ours: () => timeProcess([bin, 'avatar', 'check', '--allow-private', '--json', url], env) }
  const raw: number[] = []
  const ours: number[] = []
  try {
    await run.raw()
    await run.ours()
    for (let i = 0; i < WHOLE_ROUNDS; i++) {
      for (const which of i % 2 === 0 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) (which === 'raw' ? raw : ours).push(await run[which]())
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const [r, o] = [median(raw), median(ours)]
  const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(' ')
  console.log(`whole processes, ${WHOLE_ROUNDS} rounds alternating:`)
  console.log(`  node fetch-and-decode.mjs URL   p50 ${r.toFixed(0)} ms  [${list(raw)}]`)
  console.log(`  aissist-zd avatar check URL     p50 ${o.toFixed(0)} ms  [${list(ours)}]`)
  printFigure({
    name: 'whole avatar check, 2 MB 1600 × 1600 JPEG',
    value: `${o.toFixed(0)} ms`,
    baseline: `node fetch-and-decode script: ${r.toFixed(0)} ms`,
    ratio: times(o / r),
    goal: '≤ 1.25×',
    met: o / r <= 1.25
  })
}

const main = async (): Promise<void> => {
  const started = Date.now()
  const jpeg = await twoMegabyteJpeg()
  const files: Record<string, { type: string; body: Buffer }> = {
    '/avatar.jpg': { type: 'image/jpeg', body: jpeg },
    '/blur-4000.svg': { type: 'image/svg+xml', body: blurSvg(4000) },
    '/blur-6200.svg': { type: 'image/svg+xml', body: blurSvg(6200) },
    '/bomb.png': { type: 'image/png', body: makePixelBomb(20_000) },
    '/interlaced-6000.png': { type: 'image/png', body: transparentPng(6000, true) }
  }
  const server = createServer((req, res) => {
    if (req.url === '/endless.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      const block = Buffer.alloc(64 * 1024, 0x5a)
      const pump = (): void => {
        while (res.write(block));
      }
      res.on('drain', pump)
      res.on('close', () => res.off('drain', pump))
      return pump()
    }
    const f = files[req.url ?? '']
    if (!f) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': f.type, 'content-length': f.body.length }).end(f.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const decoder = createImageDecoder()
  const url = `${base}/avatar.jpg`

  const cold = await peakRss(() => checkAvatar(url, { allowPrivate: true, decoder }))
  console.log(`file: ${mb(jpeg.length)} JPEG, 1600 × 1600`)
  console.log(`first check, cold (the checker process starts, then sharp loads while the file downloads): ${cold.ms.toFixed(0)} ms`)

  // The baseline script, started once and asked to fetch and decode the same URL each round.
  const baseline = fork(join(import.meta.dirname, 'support', 'fetch-and-decode.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await new Promise((r) => baseline.once('message', r))
  const rawOnce = (): Promise<number> =>
    new Promise((resolve) => {
      const t = performance.now()
      baseline.once('message', () => resolve(performance.now() - t))
      baseline.send(url)
    })
  for (let i = 0; i < 3; i++) {
    await rawOnce()
    await checkAvatar(url, { allowPrivate: true, decoder })
  }
  const raw: number[] = []
  const ours: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? ['raw', 'ours'] : ['ours', 'raw']
    for (const which of order) {
      if (which === 'raw') raw.push(await rawOnce())
      else {
        const t = performance.now()
        const r = await checkAvatar(url, { allowPrivate: true, decoder })
        ours.push(performance.now() - t)
        if (r.image?.width !== 1600 || !r.preview) throw new Error('the check did not decode the JPEG')
      }
    }
  }
  const r50 = median(raw)
  const o50 = median(ours)
  console.log(`script: undici fetch + sharp decode      p50 ${r50.toFixed(1)} ms  (n=${raw.length})`)
  console.log(`checkAvatar, whole check, warm            p50 ${o50.toFixed(1)} ms  (n=${ours.length})`)
  // The work alone (no process start): not the figure, which is the whole process below.
  console.log(`avatar check vs fetch + decode, warm processes: ${(o50 / r50).toFixed(2)}×`)
  baseline.disconnect()
  await wholeProcesses(url)

  console.log('\nPeak memory and time of the check (this process\'s RSS above its start; the checker process\'s own peak):')
  const cases: Array<[string, string]> = [
    ['plain 2 MB JPEG, 1600 × 1600', '/avatar.jpg'],
    ['blur SVG 4000 × 4000 (185 B)', '/blur-4000.svg'],
    ['blur SVG 6200 × 6200 (185 B)', '/blur-6200.svg'],
    ['pixel bomb PNG 20000 × 20000', '/bomb.png'],
    ['endless body (cap 10 MB)', '/endless.png'],
    ['interlaced PNG 6000 × 6000', '/interlaced-6000.png']
  ]
  for (const [name, path] of cases) {
    // A fresh decoder per case, so its peak is this case's alone.
    const own = createImageDecoder()
    const m = await peakRss(() => checkAvatar(`${base}${path}`, { allowPrivate: true, decoder: own }))
    const codes = m.result.problems.map((p) => p.code).join(', ') || 'ok'
    const child = own.stats().peakRss
    console.log(`${name.padEnd(32)} ${m.ms.toFixed(0).padStart(6)} ms   this process +${mb(m.rss).padStart(8)}   checker process ${mb(child).padStart(8)}   → ${codes}`)
    own.close()
  }
  console.log('(before: the 4000 × 4000 blur SVG took 65 s and 645 MB; 6200 × 6200 ran past 300 s at 1.2 GB)')

  decoder.close()
  await new Promise((r) => server.close(r))
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
