import { describe, expect, it } from 'vitest'
import { classifyKeychainError } from './keychain-errors'

describe('classifyKeychainError', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'linux', 'keychain-no-dbus'],
    ['Could not connect: No such file or directory', 'linux', 'keychain-no-dbus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'linux', 'keychain-no-provider'],
    ['Cannot create an item in a locked collection', 'linux', 'keychain-locked'],
    ['The user name or passphrase you entered is not correct. (errSecAuthFailed)', 'darwin', 'keychain-access-denied'],
    ['User canceled the operation.', 'darwin', 'keychain-access-denied'],
    ['The stub received bad data.', 'win32', 'keychain-secret-too-large'],
    ['something else', 'linux', 'keychain-error']
  ] as const)('%s → %s', (message, platform, code) => {
    const f = classifyKeychainError(new Error(message), 'store a secret', platform)
    expect(f.code).toBe(code)
    expect(f.fix.length).toBeGreaterThan(20)
  })

  it('gives the Linux no-D-Bus fix with the commands to run', () => {
    const f = classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'read a secret', 'linux')
    expect(f.message).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY')
    expect(f.fix).toMatch(/dbus-run-session/)
    expect(f.fix).toMatch(/gnome-keyring-daemon --unlock/)
    expect(f.fix).toMatch(/libsecret-1-0/)
  })
})
