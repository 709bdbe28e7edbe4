import { AppFailure } from '../errors'

/** The OS store behind keytar on each platform, named as users know it. */
export type KeychainBackend = 'Secret Service' | 'macOS Keychain' | 'Windows Credential Manager'

/** Which store keytar talks to here. */
export const backendFor = (platform: NodeJS.Platform = process.platform): KeychainBackend =>
  platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service'

/** Windows refuses credential blobs over 5 × 512 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const WINDOWS_MAX_SECRET_BYTES = 2560

const LINUX_NO_DBUS_FIX =
  'Start a Secret Service (GNOME Keyring or KWallet) inside a D-Bus session. On a desktop, log in to a graphical session. ' +
  'On a headless server or over SSH: install libsecret-1-0 and gnome-keyring, then run the app inside ' +
  "`dbus-run-session -- sh -c 'echo -n <password> | gnome-keyring-daemon --unlock --components=secrets; aissist-zd …'`. " +
  'The app never stores secrets in a plain file instead.'

/**
 * Turns what keytar throws into one AppFailure per cause, each with the fix for that OS: users see
 * "start gnome-keyring" or "allow access in Keychain Access", not a D-Bus stack.
 */
export const classifyKeychainError = (e: unknown, op: string, platform: NodeJS.Platform = process.platform): AppFailure => {
  if (e instanceof AppFailure) return e
  const raw = e instanceof Error ? e.message : String(e)
  const backend = backendFor(platform)
  const details = { operation: op, backend, keychainMessage: raw.slice(0, 500) }
  const make = (code: string, message: string, fix: string): AppFailure =>
    new AppFailure({ code, message: `${message} (${op}): ${raw.slice(0, 300)}`, fix, details }, { cause: e })

  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket|NoServer|Unable to autolaunch|Cannot spawn a message bus/i.test(raw)) {
    return make('keychain-no-dbus', 'The Secret Service could not be reached: there is no D-Bus session', LINUX_NO_DBUS_FIX)
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service|No such interface.*Secret/i.test(raw)) {
    return make(
      'keychain-no-provider',
      'No Secret Service provider is running on the D-Bus session',
      'Install and start a Secret Service provider: `sudo apt install gnome-keyring libsecret-1-0` (or KWallet with its Secret Service bridge), then log out and in, or start `gnome-keyring-daemon --start --components=secrets` in this session.'
    )
  }
  if (/locked collection|is locked|prompt.*(dismiss|cancel)|Dismissed|unlock/i.test(raw) && platform !== 'darwin') {
    return make(
      'keychain-locked',
      'The keyring is locked, or the unlock prompt was dismissed',
      'Unlock the "Login" keyring (Passwords and Keys / Seahorse, or `gnome-keyring-daemon --unlock`) and try again; accept the prompt when it appears.'
    )
  }
  if (/errSecAuthFailed|-25293|user (canceled|cancelled|denied)|-128\b|interaction is not allowed|-25308|errSecInteractionNotAllowed/i.test(raw)) {
    return make(
      'keychain-access-denied',
      'The macOS Keychain refused access',
      'Click "Always Allow" when macOS asks, or open Keychain Access, find the "io.aissist.zendesk-setup" items and allow this app under Access Control; make sure the login keychain is unlocked.'
    )
  }
  if (/stub received bad data|CRED_MAX|1783|too (big|large|long)/i.test(raw)) {
    return tooLarge(0)
  }
  return make(
    'keychain-error',
    `The ${backend} reported an error`,
    platform === 'win32'
      ? 'Open Credential Manager → Windows Credentials and check the "Aissist" entries; restart the app.'
      : platform === 'darwin'
        ? 'Open Keychain Access, unlock the login keychain, and try again.'
        : 'Check that GNOME Keyring or KWallet is running and unlocked (Passwords and Keys / Seahorse), then try again.'
  )
}

/** The Windows size limit gets its own message, checked before anything is written. */
export const tooLarge = (bytes: number): AppFailure =>
  new AppFailure({
    code: 'keychain-secret-too-large',
    message: `The secret is too long for Windows Credential Manager${bytes ? ` (${bytes} bytes; the limit is ${WINDOWS_MAX_SECRET_BYTES})` : ''}.`,
    fix: 'Check that you pasted only the secret (no extra text). Zendesk secrets are far shorter than this limit.',
    details: { limitBytes: WINDOWS_MAX_SECRET_BYTES, bytes }
  })

/** keytar's native module did not load: a broken install, not a user problem. */
export const moduleMissing = (e: unknown): AppFailure =>
  new AppFailure(
    {
      code: 'keychain-module-missing',
      message: `The keychain module (keytar) could not be loaded: ${(e instanceof Error ? e.message : String(e)).slice(0, 300)}`,
      fix: 'Reinstall the app. On Linux, install libsecret: `sudo apt install libsecret-1-0` (Debian/Ubuntu) or `sudo dnf install libsecret` (Fedora).'
    },
    { cause: e }
  )

/** A keychain call that never answered (a locked keyring waiting for a prompt nobody sees). */
export const timedOut = (op: string, ms: number, platform: NodeJS.Platform = process.platform): AppFailure =>
  new AppFailure({
    code: 'keychain-timeout',
    message: `The ${backendFor(platform)} did not answer within ${Math.round(ms / 1000)} s (${op}).`,
    fix:
      platform === 'darwin'
        ? 'Look for a Keychain prompt behind other windows and answer it, or unlock the login keychain in Keychain Access.'
        : platform === 'win32'
          ? 'Restart the app; if it happens again, restart the Credential Manager service.'
          : 'The keyring is probably locked and waiting for a password prompt: unlock it (Passwords and Keys / Seahorse or `gnome-keyring-daemon --unlock`) and try again.',
    details: { operation: op, timeoutMs: ms }
  })
