import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, sleep } from './retry'

describe('retry policy', () => {
  it('full jitter stays within the capped exponential bound', () => {
    expect(backoffDelay(0, DEFAULT_RETRY_POLICY, () => 0.999)).toBeLessThan(250)
    expect(backoffDelay(20, DEFAULT_RETRY_POLICY, () => 0.999)).toBeLessThan(8_000)
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0)
  })
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter(undefined)).toBeNull()
  })
  it('sleep is abortable', async () => {
    const ac = new AbortController()
    const p = sleep(10_000, ac.signal)
    ac.abort(new Error('stop'))
    await expect(p).rejects.toThrow('stop')
  })
})
