import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyKeychainError, keychainFailure, moduleMissing, timedOut, tooLarge, type KeychainErrorCode } from './keychain-errors'
import { SANDBOX_MEMORY_LABEL } from './sandbox-routing-store'

/**
 * UI text is for people without a terminal: no backticks, no shell commands. Every keychain error
 * the app's screens can show (each cause, on each OS, as the keychain words it) is built here and
 * scanned; the terminal's words keep the headless recipe.
 */
const SHELL = /`|\bsudo\b|\bapt(-get)?\b|\bdnf\b|dbus-run-session|gnome-keyring-daemon|\baissist-zd\b|\bsh -c\b|\becho -n\b|\s--[a-z]|\|\s*[a-z]|\$\(|&&/

const CODES: KeychainErrorCode[] = [
  'keychain-no-dbus',
  'keychain-no-provider',
  'keychain-locked',
  'keychain-access-denied',
  'keychain-secret-too-large',
  'keychain-module-missing',
  'keychain-timeout',
  'keychain-crashed',
  'keychain-helper-missing',
  'keychain-error'
]
const PLATFORMS: NodeJS.Platform[] = ['linux', 'darwin', 'win32']
/** What keytar and the worker really say (their words are quoted in the message, verbatim). */
const RAW = [
  'Cannot autolaunch D-Bus without X11 $DISPLAY',
  'The name org.freedesktop.secrets was not provided by any .service files',
  'Cannot create an item in a locked collection',
  'User canceled the operation.',
  'The stub received bad data.',
  'libsecret-1.so.0: cannot open shared object file',
  'it crashed with a segmentation fault (SIGSEGV) in the OS keychain library',
  'the Secret Service reports the default keyring ("Login") as locked',
  'something else'
]

const desktopTexts = (): { name: string; text: string }[] => [
  ...CODES.flatMap((code) =>
    PLATFORMS.flatMap((platform) => {
      const f = keychainFailure(code, { op: 'read a secret', raw: RAW[0], platform, audience: 'desktop', details: { timeoutMs: 10_000 } })
      return [
        { name: `${code} on ${platform}: fix`, text: f.fix },
        { name: `${code} on ${platform}: message`, text: f.message }
      ]
    })
  ),
  ...RAW.flatMap((raw) => PLATFORMS.map((platform) => ({ name: `classified "${raw}" on ${platform}`, text: classifyKeychainError(new Error(raw), 'store a secret', platform).fix }))),
  ...PLATFORMS.flatMap((platform) => [
    { name: `timeout on ${platform}`, text: timedOut('read a secret', 10_000, platform).fix },
    { name: `module missing on ${platform}`, text: moduleMissing(new Error(RAW[5]), 'read a secret', platform).fix }
  ]),
  { name: 'too large', text: tooLarge(3000).fix },
  { name: 'memory label', text: SANDBOX_MEMORY_LABEL }
]

describe('keychain texts on screen', () => {
  it.each(desktopTexts())('$name has no backticks or shell commands', ({ text }) => {
    expect(text).not.toMatch(SHELL)
  })

  it('keeps the headless recipe for the command line', () => {
    for (const code of ['keychain-no-dbus', 'keychain-locked', 'keychain-timeout', 'keychain-crashed'] as const) {
      expect(keychainFailure(code, { op: 'read a secret', platform: 'linux', audience: 'terminal', details: { timeoutMs: 1000 } }).fix).toMatch(/dbus-run-session/)
    }
  })

  it.each([
    'renderer/src/features/home/home-page.tsx',
    'renderer/src/features/profiles/keychain-status.tsx',
    'renderer/src/features/settings/keychain-status-row.tsx'
  ])('%s writes no shell command of its own', (file) => {
    const source = readFileSync(join(resolve(__dirname, '../../..'), file), 'utf8')
    expect(source).not.toMatch(/dbus-run-session|gnome-keyring-daemon|\bsudo\b|\bapt install\b|aissist-zd /)
  })
})
