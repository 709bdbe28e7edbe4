import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createMemoryClipboard, type Host } from '../core/api/host'

/**
 * The harness's host: a headless browser has no OS clipboard, no file dialog and no shell, so it
 * keeps the clipboard in memory (readable by tests through the token-guarded state endpoint), saves
 * exports in a folder of its own, and records links it was asked to open.
 */
export const createHarnessHost = (exportDir: string, log: (line: string) => void): Host & { opened: string[] } => {
  const opened: string[] = []
  return {
    kind: 'harness',
    opened,
    clipboard: createMemoryClipboard(),
    openExternal: async (url) => {
      opened.push(url)
      log(`open in browser: ${url}`)
    },
    showFolder: async (path) => {
      log(`show folder: ${path}`)
    },
    chooseSavePath: async (suggestedName) => {
      mkdirSync(exportDir, { recursive: true })
      return join(exportDir, suggestedName.replace(/[\\/:*?"<>|]/g, '_'))
    }
  }
}
