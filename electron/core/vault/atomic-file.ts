import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppFailure } from '../errors'

/** `O_NOFOLLOW` where the OS has it (not Windows, where links are checked with lstat instead). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0

/** The error for a data file that is a symbolic link: the app never reads or writes through one. */
export const symlinkRefused = (file: string): AppFailure =>
  new AppFailure({
    code: 'data-file-symlink',
    message: `${file} is a symbolic link. The app does not follow links in its data folder, so it neither reads nor writes through it.`,
    fix: `Replace the link with the file itself (or remove it to start empty), then try again.`,
    details: { file }
  })

/**
 * Opens a data file for reading without following a symbolic link at its last component (a link
 * planted in the data folder must not make the app read, or later replace, another file). ENOENT
 * is left to the caller.
 */
export const openNoFollow = async (file: string): Promise<FileHandle> => {
  if (!NOFOLLOW && (await lstat(file)).isSymbolicLink()) throw symlinkRefused(file)
  try {
    return await open(file, constants.O_RDONLY | NOFOLLOW)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw symlinkRefused(file)
    throw e
  }
}

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
