import { BrowserWindow, nativeTheme } from 'electron'
import { join } from 'node:path'
import { APP_ORIGIN } from './security'

/**
 * The hardened webPreferences of the app window, exported so the Electron test can compare the
 * running window's preferences with them.
 */
export const hardenedWebPreferences = (preload: string): Electron.WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  experimentalFeatures: false,
  enableBlinkFeatures: undefined,
  spellcheck: false,
  devTools: true
})

/** Creates the main window and loads our page (the dev server in development). */
export const createMainWindow = (outDir: string): BrowserWindow => {
  const win = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Aissist Zendesk Setup',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d1f' : '#ffffff',
    autoHideMenuBar: true,
    webPreferences: hardenedWebPreferences(join(outDir, 'preload', 'index.js'))
  })
  win.once('ready-to-show', () => win.show())
  const dev = process.env.ELECTRON_RENDERER_URL
  if (dev) void win.loadURL(dev)
  else void win.loadURL(`${APP_ORIGIN}/index.html`)
  return win
}
