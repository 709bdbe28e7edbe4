/**
 * Avatar checker figures on loopback: the full check of a > 5 MB JPEG (safe fetch with address
 * checks and a pinned connection, header read, full decode, preview) against a raw undici fetch
 * plus one sharp decode of the same file; and peak memory while checking an endless body and a
 * pixel bomb, which must stay bounded (the cap and the header check). Bounded to well under 30 s.
 */
import sharp from 'sharp'
import { Agent, request } from 'undici'
import { checkAvatar } from '../electron/core/avatar/check-avatar'
import { imageHostAssets } from '../electron/core/sandbox/image-host/index'
import { startImageHostServer } from '../electron/core/sandbox/image-host/standalone'

const N = 12
const BUDGET_MS = 20_000
const started = Date.now()
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`

const stats = (ms: number[]): string => {
  const s = [...ms].sort((a, b) => a - b)
  const mean = s.reduce((a, b) => a + b, 0) / s.length
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return `mean ${mean.toFixed(1)} ms  p50 ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  (n=${s.length})`
}

/** Samples RSS and heap every 2 ms while `work` runs; returns the peaks above the starting point. */
const peakMemory = async (work: () => Promise<unknown>): Promise<{ rss: number; heap: number; buffers: number; result: unknown }> => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const base = process.memoryUsage()
  let rss = base.rss
  let heap = base.heapUsed
  let buffers = base.arrayBuffers
  const sample = (): void => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapUsed)
    buffers = Math.max(buffers, m.arrayBuffers)
  }
  const timer = setInterval(sample, 2)
  const result = await work()
  clearInterval(timer)
  sample()
  return { rss: rss - base.rss, heap: heap - base.heapUsed, buffers: buffers - base.arrayBuffers, result }
}

const main = async (): Promise<void> => {
  const assets = await imageHostAssets()
  const host = await startImageHostServer()
  const endless = await peakMemory(() => checkAvatar(`${host.base}/endless.png`, { allowPrivate: true }))
  const endlessCodes = (endless.result as { problems: { code: string }[] }).problems.map((p) => p.code).join(',')
  console.log(`endless body (cap 10 MB): peak RSS +${mb(endless.rss)}, heap +${mb(endless.heap)}, buffers +${mb(endless.buffers)}  → ${endlessCodes}`)

  const bomb = await peakMemory(() => checkAvatar(`${host.base}/bomb.png`, { allowPrivate: true }))
  const bombCodes = (bomb.result as { problems: { code: string }[] }).problems.map((p) => p.code).join(',')
  console.log(`pixel bomb (${(assets.bomb.length / 1024).toFixed(0)} kB file, 20000 × 20000 = 400 MP declared): peak RSS +${mb(bomb.rss)}, heap +${mb(bomb.heap)}, buffers +${mb(bomb.buffers)}  → ${bombCodes}`)
  console.log(`(decoding the bomb to 8-bit grey would need ${mb(20000 * 20000)} — it is refused from its header)`)

  const url = `${host.base}/huge.jpg`
  const agent = new Agent()
  const rawOnce = async (): Promise<void> => {
    const res = await request(url, { dispatcher: agent })
    const buf = Buffer.from(await res.body.arrayBuffer())
    await sharp(buf).stats()
  }
  // warm up both paths (sharp's thread pool, undici, the JIT)
  for (let i = 0; i < 2; i++) {
    await rawOnce()
    await checkAvatar(url, { allowPrivate: true })
  }
  const raw: number[] = []
  const ours: number[] = []
  for (let i = 0; i < N && Date.now() - started < BUDGET_MS / 2; i++) {
    let t = performance.now()
    await rawOnce()
    raw.push(performance.now() - t)
    t = performance.now()
    const r = await checkAvatar(url, { allowPrivate: true })
    ours.push(performance.now() - t)
    if (r.image?.width !== 1400) throw new Error('the check did not decode the JPEG')
  }
  console.log(`file: huge.jpg, ${mb(assets.hugeJpeg.length)}, 1400 × 1400`)
  console.log(`raw undici fetch + sharp decode   ${stats(raw)}`)
  console.log(`checkAvatar (fetch+checks+decode+preview)  ${stats(ours)}`)
  const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
  console.log(`overhead of the check: ${(median(ours) / median(raw)).toFixed(2)}× the raw path (p50)`)

  await agent.close()
  await host.close()
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

void main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
