import { writeFile } from 'node:fs/promises'
import { extname } from 'node:path'

/**
 * Where `--report FILE` writes: FILE.md and FILE.json when FILE has no extension, only the named
 * format when it ends in .md or .json (what a support engineer means either way).
 */
export const reportTargets = (file: string): { path: string; format: 'md' | 'json' }[] => {
  const ext = extname(file).toLowerCase()
  if (ext === '.md' || ext === '.markdown') return [{ path: file, format: 'md' }]
  if (ext === '.json') return [{ path: file, format: 'json' }]
  return [
    { path: `${file}.md`, format: 'md' },
    { path: `${file}.json`, format: 'json' }
  ]
}

/** Writes a report file readable by the user only (it describes a customer's setup). */
export const writeReportFile = async (path: string, text: string): Promise<void> => {
  await writeFile(path, text, { encoding: 'utf8', mode: 0o600 })
}
