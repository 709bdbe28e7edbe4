import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Prefix of the temp files a write leaves behind if killed before its rename. */
export const tempPrefix = (file: string): string => `${basename(file)}.tmp-`

/**
 * Replaces a file so a reader, or a crash at any instant, sees the old content or the new, never
 * half of it: write a temp file in the same folder, fsync it, rename over the target, fsync the
 * folder so the rename itself survives a power cut.
 */
export const writeFileAtomic = async (file: string, data: string, mode = 0o600): Promise<void> => {
  const dir = dirname(file)
  const tmp = join(dir, `${tempPrefix(file)}${process.pid}-${randomBytes(4).toString('hex')}`)
  const fh = await open(tmp, 'wx', mode)
  try {
    await fh.writeFile(data, 'utf8')
    await fh.chmod(mode)
    await fh.sync()
  } catch (e) {
    await fh.close().catch(() => undefined)
    await unlink(tmp).catch(() => undefined)
    throw e
  }
  await fh.close()
  try {
    await rename(tmp, file)
  } catch (e) {
    await unlink(tmp).catch(() => undefined)
    throw e
  }
  await syncDir(dir)
}

/** fsyncs a folder; some platforms (Windows) cannot open one, which is harmless there. */
export const syncDir = async (dir: string): Promise<void> => {
  let fh
  try {
    fh = await open(dir, 'r')
    await fh.sync()
  } catch {
    /* not supported on this platform */
  } finally {
    await fh?.close().catch(() => undefined)
  }
}
