import { describe, expect, it } from 'vitest'
import { clockTime, durationWords, retryLater } from './retry-later'

describe('when to try again', () => {
  it('says the clock time, rounded up to the minute, and the wait', () => {
    const now = new Date(2026, 4, 5, 14, 30, 20)
    expect(retryLater(90_000, now)).toMatchObject({ at: '14:32', wait: '90 s' })
    expect(retryLater(3_600_000, now).at).toBe('15:31')
    expect(retryLater(26 * 3_600_000, now).at).toBe('May 6, 16:31')
  })

  it('words durations as people read them', () => {
    expect(durationWords(500)).toBe('1 s')
    expect(durationWords(300_000)).toBe('5 min')
    expect(durationWords(7_500_000)).toBe('2 h 5 min')
    expect(clockTime(new Date(2026, 0, 1, 9, 5), new Date(2026, 0, 1, 8, 0))).toBe('09:05')
  })
})
