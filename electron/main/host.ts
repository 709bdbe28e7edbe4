import { clipboard, dialog, shell, type BrowserWindow } from 'electron'
import type { Host } from '../core/api/host'

/** The Electron implementation of what core handlers may ask of their host. */
export const createElectronHost = (getWindow: () => BrowserWindow | null): Host => ({
  kind: 'electron',
  electronVersions: { electron: process.versions.electron, chrome: process.versions.chrome },
  clipboard: {
    writeText: (text) => clipboard.writeText(text),
    readText: () => clipboard.readText()
  },
  openExternal: (url) => shell.openExternal(url),
  showFolder: async (path) => {
    const error = await shell.openPath(path)
    if (error) throw new Error(error)
  },
  chooseSavePath: async (suggestedName, filters) => {
    const win = getWindow()
    const options = { defaultPath: suggestedName, filters }
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  }
})
