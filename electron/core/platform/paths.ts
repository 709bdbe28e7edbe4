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
