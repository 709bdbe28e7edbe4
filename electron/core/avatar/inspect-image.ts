import sharp, { type Metadata, type SharpOptions } from 'sharp'
import type { AvatarImageFacts } from '../../../shared/avatar/assess'
import type { AvatarProblem } from '../../../shared/avatar/problems'

/**
 * Decides whether bytes really are an image, without trusting the Content-Type and without letting
 * a hostile file exhaust memory: magic bytes first, then sharp's header-only `metadata()` to refuse
 * pixel bombs, and only then a full decode that fails on truncated or corrupt data.
 */

export interface ImageLimits {
  /** Refused before decoding above this many pixels (all frames of one page). */
  maxPixels: number
  /** Refused before decoding above this many pixels on one side. */
  maxDimension: number
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000, maxDimension: 16_384 }

/** The preview side, in pixels: twice the chat circle, for high-density screens. */
export const PREVIEW_SIZE = 96

export interface ImageInspection {
  sniffed: string | null
  image: AvatarImageFacts | null
  decodeError: AvatarProblem | null
  /** A 96 × 96 centre-cropped PNG as a data URL, or null when the image could not be decoded. */
  preview: string | null
}

const startsWith = (buf: Buffer, bytes: number[], offset = 0): boolean => bytes.every((b, i) => buf[offset + i] === b)

/** The format named by the first bytes (`jpeg`, `png`, `gif`, `webp`, `avif`, `heic`, `bmp`, `tiff`, `ico`, `svg`, `html`), or null. */
export const sniffImageType = (buf: Buffer): string | null => {
  if (buf.length < 4) return null
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (buf.subarray(0, 6).toString('latin1') === 'GIF87a' || buf.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif'
  if (buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  if (buf.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = buf.subarray(8, 12).toString('latin1')
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

const problem = (code: string, message: string, fix: string): AvatarProblem => ({ code, message, fix })

/** sharp names AVIF and HEIC both `heif`; tell them apart by compression. */
const formatName = (meta: Metadata, sniffed: string | null): string => {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : 'heic'
  return meta.format ?? sniffed ?? 'unknown'
}

/** Inspects bytes as an image: format, size, animation, decodability, and a preview of the chat crop. */
export const inspectImage = async (buf: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<ImageInspection> => {
  const sniffed = sniffImageType(buf)
  if (!sniffed || sniffed === 'html') {
    return { sniffed, image: null, decodeError: problem('not-decodable', 'The file is not an image: its first bytes match no image format.', 'Use a direct image URL that ends in .jpg, .png, or another image extension.'), preview: null }
  }
  let meta: Metadata
  try {
    // Header only: no pixel is decoded, so a 20 000 × 20 000 bomb costs a few kB here.
    meta = await sharp(buf, { limitInputPixels: false, failOn: 'none' }).metadata()
  } catch (e) {
    return {
      sniffed,
      image: null,
      decodeError: problem('not-decodable', `The file looks like ${sniffed.toUpperCase()} but cannot be read (${(e as Error).message.trim()}).`, 'Open the image in an image editor, save it again as PNG or JPG, upload it, and use the new link.'),
      preview: null
    }
  }
  const width = meta.width ?? 0
  const pageHeight = meta.pageHeight ?? meta.height ?? 0
  const pages = meta.pages ?? 1
  const image: AvatarImageFacts = { format: formatName(meta, sniffed), width, height: pageHeight, animated: pages > 1 }
  if (width * pageHeight > limits.maxPixels || width > limits.maxDimension || pageHeight > limits.maxDimension || width * pageHeight * pages > limits.maxPixels * 4) {
    return {
      sniffed,
      image,
      decodeError: problem('pixel-bomb', `The image declares ${width} × ${pageHeight} pixels${pages > 1 ? ` in ${pages} frames` : ''}, more than the ${(limits.maxPixels / 1e6).toFixed(0)} megapixels a browser can safely decode; it was not decoded.`, 'Resize the image to 512 × 512 pixels and save it as PNG or JPG.'),
      preview: null
    }
  }
  const opts: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'truncated' }
  try {
    // A full decode of every pixel: truncated and corrupt files fail here, not in the customer's chat.
    await sharp(buf, { ...opts, failOn: 'error' }).stats()
  } catch (e) {
    const msg = (e as Error).message.trim().split('\n')[0]
    const truncated = /premature end|truncat|unexpected end|not enough data|short read|read error/i.test(msg)
    return {
      sniffed,
      image,
      decodeError: truncated
        ? problem('truncated', `The image is cut off: it ends before all its pixels (${msg}).`, 'Upload the image again (the upload was interrupted), and use the new link.')
        : problem('not-decodable', `The image is damaged and cannot be decoded (${msg}).`, 'Open the image in an image editor, save it again as PNG or JPG, upload it, and use the new link.'),
      preview: null
    }
  }
  const png = await sharp(buf, opts)
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'cover', position: 'centre' })
    .png({ compressionLevel: 9 })
    .toBuffer()
  return { sniffed, image, decodeError: null, preview: `data:image/png;base64,${png.toString('base64')}` }
}
