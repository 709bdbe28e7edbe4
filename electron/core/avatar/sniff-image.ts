/**
 * What a file is, from its first bytes alone: the avatar check decides the format this way before
 * anything decodes it, whatever the Content-Type or the file name say. Pure byte work, so the
 * decoder process and the app share it.
 */

const startsWith = (buf: Uint8Array, bytes: number[], offset = 0): boolean => bytes.every((b, i) => buf[offset + i] === b)

const latin1 = (buf: Buffer, from: number, to: number): string => buf.subarray(from, to).toString('latin1')

/** The format named by the first bytes (`jpeg`, `png`, `gif`, `webp`, `avif`, `heic`, `bmp`, `tiff`, `ico`, `svg`, `html`), or null. */
export const sniffImageType = (buf: Buffer): string | null => {
  if (buf.length < 4) return null
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (latin1(buf, 0, 6) === 'GIF87a' || latin1(buf, 0, 6) === 'GIF89a') return 'gif'
  if (latin1(buf, 0, 4) === 'RIFF' && latin1(buf, 8, 12) === 'WEBP') return 'webp'
  if (latin1(buf, 4, 8) === 'ftyp') {
    const brand = latin1(buf, 8, 12)
    if (/^avi[fs]$/.test(brand)) return 'avif'
    if (/^(?:heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return 'heic'
  }
  if (startsWith(buf, [0x42, 0x4d])) return 'bmp'
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff'
  if (startsWith(buf, [0x00, 0x00, 0x01, 0x00])) return 'ico'
  const head = buf.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase()
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(head)) return 'svg'
  if (/^(?:<!doctype html|<html|<head|<body|<!--|<meta|<title|<script)/.test(head)) return 'html'
  return null
}

