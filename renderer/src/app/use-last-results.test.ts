import { describe, expect, it } from 'vitest'
import { whenText } from './use-last-results'

describe('whenText', () => {
  it('says when a result is from in a few words', () => {
    const now = Date.parse('2026-01-01T12:00:00Z')
    expect(whenText('2026-01-01T11:59:30Z', now)).toBe('just now')
    expect(whenText('2026-01-01T11:55:00Z', now)).toBe('5 min ago')
    expect(whenText('2026-01-01T09:00:00Z', now)).toBe('3 h ago')
    expect(whenText('2025-12-01T09:00:00Z', now)).toBe(new Date(Date.parse('2025-12-01T09:00:00Z')).toLocaleDateString())
    expect(whenText('nonsense', now)).toBe('')
  })
})
