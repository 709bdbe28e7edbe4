import { app, BrowserWindow, session, webContents } from 'electron'
import { join } from 'node:path'
import { createHandlers } from '../core/api/handlers'
import { TaskRegistry } from '../core/api/tasks'
import type { HandlerContext } from '../core/api/context'
import { createServices } from '../core/services'
import { registerIpc, sendEvent, TrustedSenders } from './ipc'
import { createElectronHost } from './host'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenSession, hardenWebContents, isOwnUrl } from './security'
import { createMainWindow } from './window'
import { utilityKeychainWorkerSpawner } from './keychain-worker'
import { startEmbeddedSandboxAtLaunch } from '../core/sandbox/embedded'
import { configureImageDecoder } from '../core/avatar/image-decoder'
import { utilityDecoderLauncher } from './decoder-launcher'
import { installAppMenu } from './menu'

/**
 * The app's lifecycle: one instance, hardened sessions and web contents, the renderer served from
 * our own scheme, and every contract channel registered through the typed, sender-checked wrapper.
 */
const outDir = join(__dirname, '..')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  app.enableSandbox()
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents))

  let mainWindow: BrowserWindow | null = null
  const senders = new TrustedSenders()
  const tasks = new TaskRegistry()

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })

  void app.whenReady().then(async () => {
    configureImageDecoder({ launch: utilityDecoderLauncher })
    // keytar runs in a utilityProcess: a crash on a locked keyring never takes the window down.
    const services = createServices({ dataDir: process.env.AISSIST_DATA_DIR || app.getPath('userData'), spawnKeychainWorker: utilityKeychainWorkerSpawner(__dirname) })
    services.logger.info('app started', { version: app.getVersion(), electron: process.versions.electron })
    hardenSession(session.defaultSession, join(outDir, 'renderer'))
    serveRenderer(join(outDir, 'renderer'))
    const host = createElectronHost(() => mainWindow)
    const handlers = createHandlers()
    const makeContext = (): HandlerContext => ({
      services,
      host,
      tasks,
      emit: (name, payload) => sendEvent(webContents.getAllWebContents().filter((c) => senders.has(c)), name, payload)
    })
    registerIpc(handlers, makeContext, senders, isOwnUrl)
    // File → Open report…: a support report someone sent, shown read-only on Diagnose.
    installAppMenu({ window: () => mainWindow, reportOpened: (event) => makeContext().emit('reportOpened', event), redact: services.secrets.redact })
    // The sandbox profile's sandbox runs whenever the app does; `npm start` creates it on a first run.
    await startEmbeddedSandboxAtLaunch(services, { autoCreate: process.env.AISSIST_AUTO_SANDBOX === '1' })

    const open = (): void => {
      mainWindow = createMainWindow(outDir)
      senders.add(mainWindow.webContents)
      mainWindow.on('closed', () => {
        mainWindow = null
      })
    }
    open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
    // Quit only after the shutdown hooks ran (the clipboard is cleared of a secret we put there,
    // the embedded sandbox stops); the hooks are bounded, so quitting can never hang.
    let quitting = false
    app.on('before-quit', (event) => {
      if (quitting) return
      quitting = true
      event.preventDefault()
      tasks.cancelAll()
      void services.shutdown().finally(() => app.quit())
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
