import { describe, expect, it } from 'vitest'
import { canShowPrompt, parseLockedAnswer, probeSecretServiceLock } from './locked-probe'

describe('the Secret Service lock probe', () => {
  it.each([
    ['(<true>,)\n', 'locked'],
    ['(<false>,)\n', 'unlocked'],
    ['b true\n', 'locked'],
    ['b false\n', 'unlocked'],
    ['method return time=1 sender=:1.0 -> destination=:1.3 serial=9 reply_serial=2\n   variant       boolean true\n', 'locked'],
    ['', 'unknown']
  ] as const)('reads %j as %s', (stdout, state) => {
    expect(parseLockedAnswer(stdout)).toBe(state)
  })

  it('says unknown, never throws, when no bus can be reached', async () => {
    expect(await probeSecretServiceLock({ env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } })).toBe('unknown')
  })

  it('says unknown when no D-Bus client is installed', async () => {
    expect(await probeSecretServiceLock({ env: { PATH: '/nonexistent' } })).toBe('unknown')
  })

  it('reads the real keyring of the test session (unlocked)', async () => {
    expect(await probeSecretServiceLock()).toBe('unlocked')
  })

  it('knows when a prompt could be seen', () => {
    expect(canShowPrompt({})).toBe(false)
    expect(canShowPrompt({ DISPLAY: ':0' })).toBe(true)
    expect(canShowPrompt({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true)
  })
})
