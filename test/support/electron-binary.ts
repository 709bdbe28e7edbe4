import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * Finds an Electron binary to test with: `ELECTRON_OVERRIDE_DIST_PATH` (a folder holding the
 * `electron` executable, as the electron package itself honours), or the one the electron package
 * downloaded. Returns the reason when there is none (this machine cannot download it).
 */
export const findElectronBinary = (): { path: string } | { reason: string } => {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron'
  if (override) {
    const p = join(override, exe)
    return existsSync(p) ? { path: p } : { reason: `ELECTRON_OVERRIDE_DIST_PATH=${override} has no ${exe}.` }
  }
  const pkg = resolve(__dirname, '..', '..', 'node_modules', 'electron')
  const pathTxt = join(pkg, 'path.txt')
  if (existsSync(pathTxt)) {
    const p = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim())
    if (existsSync(p)) return { path: p }
  }
  return {
    reason:
      'No Electron binary: it is downloaded from GitHub by the electron package, which this machine cannot reach (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). Set ELECTRON_OVERRIDE_DIST_PATH to a folder with an electron binary to run this suite.'
  }
}
