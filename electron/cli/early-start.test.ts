import { describe, expect, it } from 'vitest'
import { startsAvatarCheck } from './early-start'

describe('startsAvatarCheck', () => {
  it('is true for an avatar check, wherever the global options stand', () => {
    for (const argv of [['avatar', 'check', 'https://x/a.png'], ['--json', 'avatar', 'check', 'u'], ['--data-dir', 'avatar', 'avatar', 'check', 'u'], ['avatar', '--json', 'check', 'u']]) {
      expect(startsAvatarCheck(argv), argv.join(' ')).toBe(true)
    }
  })
  it('is false for anything else', () => {
    for (const argv of [[], ['avatar'], ['avatar', 'rewrite', 'u'], ['--data-dir', 'avatar', 'check', 'u'], ['doctor', 'avatar', 'check'], ['--', 'avatar', 'check'], ['help', 'avatar', 'check']]) {
      expect(startsAvatarCheck(argv), argv.join(' ')).toBe(false)
    }
  })
})
