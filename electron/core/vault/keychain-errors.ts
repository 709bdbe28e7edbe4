import { AppFailure } from '../errors'

/** The OS store behind keytar on each platform, named as users know it. */
export type KeychainBackend = 'Secret Service' | 'macOS Keychain' | 'Windows Credential Manager'

/**
 * Who reads the fix: the app's screens (`desktop`: admins with no terminal, so menus and buttons,
 * never a shell command) or a terminal (`terminal`: the CLI, where the headless recipe belongs).
 */
export type FixAudience = 'desktop' | 'terminal'

/** Every keychain failure the app names, one per cause. */
export type KeychainErrorCode =
  | 'keychain-no-dbus'
  | 'keychain-no-provider'
  | 'keychain-locked'
  | 'keychain-access-denied'
  | 'keychain-secret-too-large'
  | 'keychain-module-missing'
  | 'keychain-timeout'
  | 'keychain-crashed'
  | 'keychain-helper-missing'
  | 'keychain-error'

/** Which store keytar talks to here. */
export const backendFor = (platform: NodeJS.Platform = process.platform): KeychainBackend =>
  platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service'

/** Windows refuses credential blobs over 5 × 512 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const WINDOWS_MAX_SECRET_BYTES = 2560

/** What a failure is about: the operation, the OS's own words, and who reads the fix. */
export interface FailureContext {
  op: string
  /** The keychain's own message, verbatim (never a secret: keytar errors carry none). */
  raw?: string
  platform?: NodeJS.Platform
  audience?: FixAudience
  cause?: unknown
  /** More evidence for `details` (exit code, signal, timeout). */
  details?: Record<string, unknown>
}

const HEADLESS_SESSION =
  "`dbus-run-session -- sh -c 'echo -n <password> | gnome-keyring-daemon --unlock --components=secrets; aissist-zd …'`"

const again = (audience: FixAudience): string => (audience === 'desktop' ? 'then check again' : 'then try again')

/** How to unlock the keychain on each OS, in the reader's words. */
const unlockFix = (platform: NodeJS.Platform, audience: FixAudience): string => {
  if (platform === 'darwin') return `Open Keychain Access (Applications → Utilities), unlock the "login" keychain with your Mac password, ${again(audience)}.`
  if (platform === 'win32') return `Open Credential Manager (Control Panel → User Accounts → Credential Manager) while signed in to Windows with your own account, ${again(audience)}.`
  const desktop = 'Open "Passwords and Keys" from the applications menu, select the "Login" keyring and unlock it with your login password'
  if (audience === 'desktop') return `${desktop}, ${again(audience)}.`
  return (
    `On a desktop: ${desktop.charAt(0).toLowerCase()}${desktop.slice(1)}. ` +
    'On a headless machine or over SSH, unlock it in this D-Bus session (`echo -n <password> | gnome-keyring-daemon --replace --unlock --components=secrets`), ' +
    `or run the command in a session of its own: ${HEADLESS_SESSION}; ${again(audience)}.`
  )
}

const FIXES: Record<Exclude<KeychainErrorCode, 'keychain-secret-too-large'>, (platform: NodeJS.Platform, audience: FixAudience) => string> = {
  'keychain-no-dbus': (_p, audience) =>
    audience === 'desktop'
      ? "Real customers' secrets need a Secret Service (GNOME Keyring or KWallet), which comes with a Linux desktop session and is missing here (a remote or headless session has none). " +
        'Open the app from your desktop, or ask your administrator to install GNOME Keyring. The built-in sandbox works without it. Secrets are never stored in a plain file instead.'
      : 'Start a Secret Service (GNOME Keyring or KWallet) inside a D-Bus session. On a desktop, log in to a graphical session. ' +
        `On a headless server or over SSH: install libsecret-1-0 and gnome-keyring, then run the app inside ${HEADLESS_SESSION}. ` +
        'The built-in sandbox works without it. The app never stores secrets in a plain file instead.',
  'keychain-no-provider': (_p, audience) =>
    audience === 'desktop'
      ? 'Install GNOME Keyring (it comes with the "Passwords and Keys" app) or KWallet, or ask your administrator to, then log out and back in. The built-in sandbox works without it.'
      : 'Install and start a Secret Service provider: `sudo apt install gnome-keyring libsecret-1-0` (or KWallet with its Secret Service bridge), then log out and in, or start `gnome-keyring-daemon --start --components=secrets` in this session.',
  'keychain-locked': (platform, audience) => unlockFix(platform, audience),
  'keychain-access-denied': (_p, audience) =>
    `Click "Always Allow" when macOS asks, or open Keychain Access, find the "io.aissist.zendesk-setup" items and allow this app under Access Control; make sure the login keychain is unlocked, ${again(audience)}.`,
  'keychain-module-missing': (_p, audience) =>
    audience === 'desktop'
      ? 'Reinstall the app. On Linux it also needs the libsecret library (the package "libsecret-1-0" on Debian and Ubuntu, "libsecret" on Fedora): ask your administrator to install it.'
      : 'Reinstall the app. On Linux, install libsecret: `sudo apt install libsecret-1-0` (Debian/Ubuntu) or `sudo dnf install libsecret` (Fedora).',
  'keychain-timeout': (platform, audience) =>
    platform === 'darwin'
      ? `Look for a Keychain prompt behind other windows and answer it, or unlock the login keychain in Keychain Access, ${again(audience)}.`
      : platform === 'win32'
        ? `Restart the app; if it happens again, restart Windows (the Credential Manager service did not answer), ${again(audience)}.`
        : `The keyring is probably locked and waiting for a password prompt nobody can see. ${unlockFix(platform, audience)}`,
  'keychain-crashed': (platform, audience) =>
    platform === 'linux' || (platform !== 'darwin' && platform !== 'win32')
      ? `This happens when the keyring is locked and its unlock prompt cannot be shown. ${unlockFix(platform, audience)}`
      : platform === 'darwin'
        ? `Open Keychain Access and unlock the login keychain, ${again(audience)}. If it happens again, restart the Mac.`
        : `Check Credential Manager, ${again(audience)}. If it happens again, restart Windows.`,
  'keychain-helper-missing': () => 'Reinstall the app: a file it needs to reach the keychain is missing.',
  'keychain-error': (platform, audience) =>
    platform === 'win32'
      ? `Open Credential Manager → Windows Credentials and check the "Aissist" entries, ${again(audience)}.`
      : platform === 'darwin'
        ? `Open Keychain Access, unlock the login keychain, ${again(audience)}.`
        : `Check that GNOME Keyring or KWallet is running and unlocked (open "Passwords and Keys"), ${again(audience)}.`
}

const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s)

/**
 * One keychain failure with the fix for that OS in the reader's words. The message names what
 * failed with the keychain's own words; the fix is a desktop instruction on screen and the headless
 * recipe in a terminal.
 */
export const keychainFailure = (code: KeychainErrorCode, ctx: FailureContext): AppFailure => {
  const platform = ctx.platform ?? process.platform
  const audience = ctx.audience ?? 'desktop'
  const backend = backendFor(platform)
  const raw = ctx.raw ?? ''
  const tail = raw ? `: ${cut(raw, 300)}` : '.'
  if (code === 'keychain-secret-too-large') return tooLarge(Number(ctx.details?.bytes ?? 0))
  const message: Record<typeof code, string> = {
    'keychain-no-dbus': `The Secret Service could not be reached: there is no D-Bus session (while trying to ${ctx.op})${tail}`,
    'keychain-no-provider': `No Secret Service provider is running on the D-Bus session (while trying to ${ctx.op})${tail}`,
    'keychain-locked': `The keyring is locked, and its unlock prompt cannot be shown here (while trying to ${ctx.op})${tail}`,
    'keychain-access-denied': `The macOS Keychain refused access (while trying to ${ctx.op})${tail}`,
    'keychain-module-missing': `The keychain module (keytar) could not be loaded (while trying to ${ctx.op})${tail}`,
    'keychain-timeout': `The ${backend} did not answer within ${Math.round(Number(ctx.details?.timeoutMs ?? 0) / 1000)} s (while trying to ${ctx.op}).`,
    'keychain-crashed': `The keychain stopped unexpectedly while trying to ${ctx.op}${raw ? ` (${cut(raw, 200)})` : ''}; the app kept running and will start it again on the next try.`,
    'keychain-helper-missing': `The keychain helper could not be started (while trying to ${ctx.op})${tail}`,
    'keychain-error': `The ${backend} reported an error (while trying to ${ctx.op})${tail}`
  }
  return new AppFailure(
    {
      code,
      message: message[code],
      fix: FIXES[code](platform, audience),
      details: { operation: ctx.op, backend, ...(raw ? { keychainMessage: cut(raw, 500) } : {}), ...ctx.details }
    },
    ctx.cause === undefined ? undefined : { cause: ctx.cause }
  )
}

/** Which cause keytar's words name (the OS message is all it gives us). */
export const codeForKeychainMessage = (raw: string, platform: NodeJS.Platform = process.platform): KeychainErrorCode => {
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect|Failed to connect to socket|NoServer|Unable to autolaunch|Cannot spawn a message bus/i.test(raw)) return 'keychain-no-dbus'
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service|No such interface.*Secret/i.test(raw)) return 'keychain-no-provider'
  if (/locked collection|is locked|prompt.*(dismiss|cancel)|Dismissed|unlock/i.test(raw) && platform !== 'darwin') return 'keychain-locked'
  if (/errSecAuthFailed|-25293|user (canceled|cancelled|denied)|-128\b|interaction is not allowed|-25308|errSecInteractionNotAllowed/i.test(raw)) return 'keychain-access-denied'
  if (/stub received bad data|CRED_MAX|1783|too (big|large|long)/i.test(raw)) return 'keychain-secret-too-large'
  return 'keychain-error'
}

/**
 * Turns what keytar throws into one AppFailure per cause, each with the fix for that OS: users see
 * "unlock Login in Passwords and Keys" or "allow access in Keychain Access", not a D-Bus stack.
 */
export const classifyKeychainError = (e: unknown, op: string, platform: NodeJS.Platform = process.platform, audience: FixAudience = 'desktop'): AppFailure => {
  if (e instanceof AppFailure) return e
  const raw = e instanceof Error ? e.message : String(e)
  return keychainFailure(codeForKeychainMessage(raw, platform), { op, raw, platform, audience, cause: e })
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
export const moduleMissing = (e: unknown, op = 'load the keychain module', platform: NodeJS.Platform = process.platform, audience: FixAudience = 'desktop'): AppFailure =>
  keychainFailure('keychain-module-missing', { op, raw: e instanceof Error ? e.message : String(e), platform, audience, cause: e })

/** A keychain call that never answered (a locked keyring waiting for a prompt nobody sees). */
export const timedOut = (op: string, ms: number, platform: NodeJS.Platform = process.platform, audience: FixAudience = 'desktop'): AppFailure =>
  keychainFailure('keychain-timeout', { op, platform, audience, details: { timeoutMs: ms } })

/** True for the codes that mean "the keychain cannot be used right now" (not a bad secret). */
export const isKeychainUnavailable = (code: string): boolean => code.startsWith('keychain-') && code !== 'keychain-secret-too-large'
