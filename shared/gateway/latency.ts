/** Latency figures of a burst: nearest-rank percentiles, so p95 is a real observed value. */
export interface LatencyStats {
  count: number
  min: number
  p50: number
  p95: number
  max: number
  mean: number
}

/** The nearest-rank percentile of sorted values (0 for none). */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

/**
 * p50/p95/max of the answers of a burst; the UI's chart and the CLI print these, so both round the
 * same way (to 0.1 ms).
 */
export const latencyStats = (values: readonly number[]): LatencyStats => {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  const r = (n: number): number => Math.round(n * 10) / 10
  if (sorted.length === 0) return { count: 0, min: 0, p50: 0, p95: 0, max: 0, mean: 0 }
  return {
    count: sorted.length,
    min: r(sorted[0]),
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    max: r(sorted[sorted.length - 1]),
    mean: r(sorted.reduce((a, b) => a + b, 0) / sorted.length)
  }
}

/** Buckets latencies for a small histogram (equal widths from 0 to max). */
export const latencyHistogram = (values: readonly number[], buckets = 12): { from: number; to: number; count: number }[] => {
  if (values.length === 0) return []
  const max = Math.max(...values, 1)
  const width = max / buckets
  const out = Array.from({ length: buckets }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }))
  for (const v of values) out[Math.min(buckets - 1, Math.floor(v / width))].count++
  return out
}
