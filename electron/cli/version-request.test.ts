import { describe, expect, it } from 'vitest'
import { isVersionRequest } from './version-request'

describe('isVersionRequest', () => {
  it('is true only when nothing but the version is asked for', () => {
    for (const argv of [['--version'], ['-V'], ['--json', '--version'], ['-V', '--verbose']]) expect(isVersionRequest(argv), argv.join(' ')).toBe(true)
    for (const argv of [[], ['--help'], ['customer', '--version'], ['--version', 'x'], ['--data-dir', 'd', '--version'], ['--versions']]) expect(isVersionRequest(argv), argv.join(' ')).toBe(false)
  })
})
