import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The file (in the data folder) that says which profile is the embedded sandbox's. No secret in it. */
export const SANDBOX_MARKER_FILE = 'embedded-sandbox.json'

/** What the marker records: the sandbox profile's id, and where its sandbox last listened. */
export interface SandboxMarker {
  profileId: string
  zendeskUrl?: string
}

const markerPath = (dataDir: string): string => join(dataDir, SANDBOX_MARKER_FILE)

/**
 * The marker of a data folder, or null. Small and free of the sandbox's servers, so the secret
 * store can ask "is this the sandbox's profile?" without loading them.
 */
export const readSandboxMarker = async (dataDir: string): Promise<SandboxMarker | null> => {
  try {
    const v = JSON.parse(await readFile(markerPath(dataDir), 'utf8')) as Partial<SandboxMarker>
    return typeof v.profileId === 'string' ? { profileId: v.profileId, zendeskUrl: typeof v.zendeskUrl === 'string' ? v.zendeskUrl : undefined } : null
  } catch {
    return null
  }
}

/** Writes the marker atomically (owner-only). */
export const writeSandboxMarker = async (dataDir: string, marker: SandboxMarker): Promise<void> => {
  const file = markerPath(dataDir)
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 })
  await rename(tmp, file)
}
