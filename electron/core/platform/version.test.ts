import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_VERSION, USER_AGENT } from './version'

const core = resolve(__dirname, '..')
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })

describe('USER_AGENT', () => {
  it('names the app and its real version', () => {
    expect(USER_AGENT).toContain(`AissistZendeskSetup/${APP_VERSION}`)
  })

  it('is the only User-Agent in core (the sandbox, which plays Zendesk, aside)', () => {
    const others = sources(core)
      .filter((f) => !relative(core, f).startsWith('sandbox') && f !== join(__dirname, 'version.ts'))
      .filter((f) => /const USER_AGENT\s*=|['"]user-agent['"]\s*:\s*['"`]/i.test(readFileSync(f, 'utf8')))
    expect(others.map((f) => relative(core, f))).toEqual([])
  })
})
