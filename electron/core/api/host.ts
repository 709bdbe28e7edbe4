/**
 * What a handler may ask of the program hosting the core: the Electron main process, the browser
 * harness, or the CLI. Only Electron has an OS clipboard, dialogs and a shell, so each host brings
 * its own implementation and core stays free of the `electron` import.
 */
export interface Host {
  readonly kind: 'electron' | 'harness' | 'cli'
  readonly electronVersions?: { electron: string; chrome: string }
  clipboard: {
    writeText(text: string): void
    readText(): string
  }
  /** Opens an already validated https URL. */
  openExternal(url: string): Promise<void>
  /** Shows a folder in the OS file manager. */
  showFolder(path: string): Promise<void>
  /**
   * Asks the user where to save a file. Returns the chosen path, or null when they cancelled.
   * The harness answers with a path in its own artifacts folder.
   */
  chooseSavePath(suggestedName: string, filters: { name: string; extensions: string[] }[]): Promise<string | null>
}

/**
 * An in-memory clipboard for hosts that have no OS clipboard (the harness, headless tests).
 * It stands in for the real one only where none can exist.
 */
export const createMemoryClipboard = (): Host['clipboard'] => {
  let text = ''
  return {
    writeText: (t) => {
      text = t
    },
    readText: () => text
  }
}
