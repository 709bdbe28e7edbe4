import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CALL_CHANNELS, EVENT_NAMES } from '../../shared/contract/channel-names'

const bundle = join(resolve(__dirname, '..', '..'), 'out', 'preload', 'index.js')

/**
 * The built preload (issue 19): every window loads it before the page, so it stays small. It is
 * built from the channel list, never from the zod contract (main validates every input).
 */
describe.skipIf(!existsSync(bundle))('the built preload', () => {
  const text = existsSync(bundle) ? readFileSync(bundle, 'utf8') : ''

  it('is at most 20 kB and holds no zod', () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20 * 1024)
    expect(text).not.toMatch(/\$Zod[A-Z]|ZodError|node_modules\/zod|from "zod"|require\("zod"\)/)
  })

  it('requires nothing but electron (a sandboxed preload cannot), and names every call and event', () => {
    expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron'])
    for (const name of [...CALL_CHANNELS, ...EVENT_NAMES]) expect(text).toContain(`"${name}"`)
  })
})
