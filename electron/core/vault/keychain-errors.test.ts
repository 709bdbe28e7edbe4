import { describe, expect, it } from 'vitest'
import { classifyKeychainError, keychainFailure } from './keychain-errors'

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

  it('keeps the keychain’s own words in the message and the details', () => {
    const f = classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'read a secret', 'linux')
    expect(f.message).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY')
    expect(f.details).toMatchObject({ operation: 'read a secret', backend: 'Secret Service', keychainMessage: 'Cannot autolaunch D-Bus without X11 $DISPLAY' })
  })

  it('gives a terminal the Linux headless recipe, and the screen the desktop way', () => {
    const terminal = classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'read a secret', 'linux', 'terminal')
    expect(terminal.fix).toMatch(/dbus-run-session/)
    expect(terminal.fix).toMatch(/gnome-keyring-daemon --unlock/)
    expect(terminal.fix).toMatch(/libsecret-1-0/)
    const desktop = classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'read a secret', 'linux', 'desktop')
    expect(desktop.fix).toMatch(/GNOME Keyring/)
    expect(desktop.fix).not.toMatch(/dbus-run-session|`/)
  })

  it('names the way to unlock on each OS, in desktop words', () => {
    expect(keychainFailure('keychain-locked', { op: 'read a secret', platform: 'linux' }).fix).toMatch(/"Passwords and Keys".*"Login"/)
    expect(keychainFailure('keychain-crashed', { op: 'read a secret', platform: 'darwin' }).fix).toMatch(/Keychain Access/)
    expect(keychainFailure('keychain-timeout', { op: 'read a secret', platform: 'win32', details: { timeoutMs: 10_000 } }).fix).toMatch(/Windows/)
    expect(keychainFailure('keychain-error', { op: 'read a secret', platform: 'win32' }).fix).toMatch(/Credential Manager/)
  })

  it('says a crash kept the app running, with the signal', () => {
    const f = keychainFailure('keychain-crashed', { op: 'list secrets', raw: 'it crashed with a segmentation fault (SIGSEGV) in the OS keychain library', platform: 'linux' })
    expect(f.message).toMatch(/stopped unexpectedly while trying to list secrets .*SIGSEGV.*the app kept running/)
    expect(f.fix).toMatch(/unlock prompt cannot be shown/)
  })
})
