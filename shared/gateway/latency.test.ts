import { describe, expect, it } from 'vitest'
import { latencyHistogram, latencyStats, percentile } from './latency'

describe('latency', () => {
  it('uses nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(latencyStats(v)).toEqual({ count: 100, min: 1, p50: 50, p95: 95, max: 100, mean: 50.5 })
    expect(percentile([], 50)).toBe(0)
    expect(latencyStats([7])).toMatchObject({ p50: 7, p95: 7, max: 7 })
    expect(latencyStats([]).count).toBe(0)
  })

  it('buckets values for the chart', () => {
    const h = latencyHistogram([1, 2, 3, 10], 5)
    expect(h).toHaveLength(5)
    expect(h.reduce((a, b) => a + b.count, 0)).toBe(4)
    expect(h[4].count).toBe(1)
  })
})
