import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * `npm start` on a headless Linux box: one line saying real customers' secrets need a Secret
 * Service and that the sandbox works without one (scripts/secret-service.mjs, as start.mjs calls it).
 */
const ROOT = resolve(__dirname, '../..')
const lineFor = (env: NodeJS.ProcessEnv): string =>
  spawnSync(
    process.execPath,
    ['--input-type=module', '-e', "import { missingSecretService, secretServiceLine } from './scripts/secret-service.mjs'; const r = missingSecretService(); console.log(r ? secretServiceLine(r) : '')"],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 20_000 }
  ).stdout.trim()

describe.runIf(process.platform === 'linux')('the npm start line about the Secret Service', () => {
  it('says it in one line when there is no D-Bus session', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH }
    const line = lineFor(env)
    expect(line.split('\n')).toHaveLength(1)
    expect(line).toContain("real customers' secrets need one")
    expect(line).toContain('the built-in sandbox works without it')
  })

  it('says it when the bus address points nowhere', () => {
    expect(lineFor({ PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })).toContain('no D-Bus session')
  })

  it('stays quiet with a Secret Service (the test session’s gnome-keyring)', () => {
    expect(lineFor(process.env)).toBe('')
  })
})
