import { app, BrowserWindow, nativeTheme } from 'electron'
import { join } from 'node:path'
import { hardenedWebPreferences, startUrl } from './policy'
import { originPolicy } from './security'

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
    webPreferences: hardenedWebPreferences(join(outDir, 'preload', 'index.js'), { devTools: !app.isPackaged })
  })
  win.once('ready-to-show', () => win.show())
  // A packaged app never loads ELECTRON_RENDERER_URL: only an unpackaged build uses the dev server.
  void win.loadURL(startUrl(originPolicy()))
  return win
}
