import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { basename } from 'node:path'
import type { ReportOpened } from '../../shared/contract/push'
import { readReportFile } from '../core/report/open-report'
import { toAppError } from '../core/errors'

/**
 * The app menu: the platform's usual File, Edit, View and Window menus, with File → "Open
 * report…" (Ctrl/Cmd+O) to open a support report someone sent. The file is chosen in the OS
 * dialog and read here (the page has no file system); what it holds, or why it is not a report,
 * goes to the page as the `reportOpened` push event, which shows it read-only on Diagnose.
 */
export interface AppMenuDeps {
  window(): BrowserWindow | null
  /** Sends the outcome to the page (through the typed push events). */
  reportOpened(event: ReportOpened): void
  /** Redacts what goes into an error text (the process's secret registry). */
  redact(text: string): string
}

/** Asks for a report file and reads it; nothing when the user cancels. */
export const openReportFromDialog = async (deps: AppMenuDeps): Promise<void> => {
  const win = deps.window()
  const options = { title: 'Open a support report', properties: ['openFile' as const], filters: [{ name: 'Support report (JSON)', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }] }
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  const path = chosen.canceled ? undefined : chosen.filePaths[0]
  if (!path) return
  try {
    deps.reportOpened({ fileName: basename(path), opened: await readReportFile(path), error: null })
  } catch (e) {
    deps.reportOpened({ fileName: basename(path), opened: null, error: toAppError(e, deps.redact) })
  }
  win?.focus()
}

/** Builds and installs the menu. */
export const installAppMenu = (deps: AppMenuDeps): void => {
  const mac = process.platform === 'darwin'
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open report…', accelerator: 'CmdOrCtrl+O', click: () => void openReportFromDialog(deps) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' }
    ]
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(app.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]))
    ]
  }
  const template: MenuItemConstructorOptions[] = [...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
