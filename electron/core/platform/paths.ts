import { chmodSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The product name; Electron names its userData folder after it, so the CLI must too. */
export const PRODUCT_NAME = 'Aissist Zendesk Setup'

/**
 * The app's data folder, the same for the desktop app and the CLI so both see the same profiles.
 * `AISSIST_DATA_DIR` overrides it (tests, portable use); otherwise it is where Electron's
 * `app.getPath('userData')` points on each OS.
 */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env, platform = process.platform): string => {
  if (env.AISSIST_DATA_DIR) return env.AISSIST_DATA_DIR
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

/** The keychain service every secret is stored under; `AISSIST_KEYCHAIN_SERVICE` overrides it. */
export const defaultKeychainService = (env: NodeJS.ProcessEnv = process.env): string =>
  env.AISSIST_KEYCHAIN_SERVICE || 'io.aissist.zendesk-setup'

/**
 * The data folder holds the profiles, logs and reports: nobody else on the machine should be able
 * to list or read it. A folder of ours that others can enter is tightened to 700; one owned by
 * someone else is left alone and reported, as is a failed chmod. Returns what to log, or null.
 */
export const secureDataDir = (dir: string, platform = process.platform): { level: 'info' | 'warn'; message: string; fields: Record<string, unknown> } | null => {
  if (platform === 'win32') return null
  let st
  try {
    st = statSync(dir)
  } catch {
    return null
  }
  const mode = st.mode & 0o777
  if ((mode & 0o077) === 0) return null
  const octal = mode.toString(8)
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    return { level: 'warn', message: 'the data folder belongs to another user and others can read it; move it somewhere private', fields: { dir, mode: octal, owner: st.uid } }
  }
  try {
    chmodSync(dir, 0o700)
    return { level: 'info', message: 'the data folder was readable by other users: tightened to 700', fields: { dir, was: octal } }
  } catch (e) {
    return { level: 'warn', message: 'the data folder is readable by other users and could not be tightened (chmod 700 it)', fields: { dir, mode: octal, code: (e as NodeJS.ErrnoException).code } }
  }
}
