import type sharpModule from 'sharp'
import type { DecodableFormat, DecodeAnswer, DecodedHeader, DecodeRequest } from './decode-protocol'

/**
 * The decode itself, run inside the decoder process: the header first (no pixel decoded), then ONE
 * pass over every pixel that both proves the file decodes to its end and yields the preview. Only
 * the libvips loader of the format the magic bytes named is allowed, so bytes that are secretly
 * SVG, PDF or anything else are never rasterised, whatever libvips' own sniffing would choose.
 */

/** sharp itself, passed in: this module is loaded only where sharp may run (the decoder process). */
type SharpModule = typeof sharpModule

/** The one libvips loader allowed for each format (every other loader is blocked). */
const LOADER: Record<DecodableFormat, string> = {
  jpeg: 'VipsForeignLoadJpegBuffer',
  png: 'VipsForeignLoadPngBuffer',
  gif: 'VipsForeignLoadNsgifBuffer',
  webp: 'VipsForeignLoadWebpBuffer',
  avif: 'VipsForeignLoadHeifBuffer',
  heic: 'VipsForeignLoadHeifBuffer',
  tiff: 'VipsForeignLoadTiffBuffer'
}

/** sharp's name for each format (AVIF and HEIC are both `heif`). */
const SHARP_FORMAT: Record<DecodableFormat, string> = { jpeg: 'jpeg', png: 'png', gif: 'gif', webp: 'webp', avif: 'heif', heic: 'heif', tiff: 'tiff' }

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).trim().split('\n')[0]

/** Allows only `format`'s loader for the next operations (one decode at a time per process). */
const allowOnly = (sharp: SharpModule, format: DecodableFormat): void => {
  sharp.block({ operation: ['VipsForeignLoad'] })
  sharp.unblock({ operation: [LOADER[format]] })
}

/** Reads the header, refuses what must not be decoded, then decodes once into the preview. */
export const decodeBytes = async (sharp: SharpModule, req: DecodeRequest): Promise<DecodeAnswer> => {
  allowOnly(sharp, req.format)
  const buf = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength)
  let header: DecodedHeader
  try {
    // Header only: no pixel is decoded, so a 20 000 × 20 000 bomb costs a few kB here.
    const meta = await sharp(buf, { limitInputPixels: false, failOn: 'none' }).metadata()
    header = { format: meta.format ?? 'unknown', compression: meta.compression, width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0, pages: meta.pages ?? 1 }
  } catch (e) {
    return { kind: 'refused', reason: 'unreadable', header: null, message: firstLine(e) }
  }
  if (header.format !== SHARP_FORMAT[req.format]) {
    return { kind: 'refused', reason: 'format-mismatch', header, message: `the bytes start like ${req.format} but read as ${header.format}` }
  }
  const { maxPixels, maxDimension } = req.limits
  const { width, height, pages } = header
  if (width * height > maxPixels || width > maxDimension || height > maxDimension || width * height * pages > maxPixels * 4) {
    return { kind: 'refused', reason: 'too-many-pixels', header, message: `${width} × ${height}${pages > 1 ? ` in ${pages} frames` : ''}` }
  }
  try {
    // The one full decode (first frame): every row is read, so a truncated or corrupt file fails
    // here; JPEG shrinks while decoding. The result is small enough to crop into the preview.
    const reduced = await sharp(buf, { limitInputPixels: maxPixels, failOn: 'error' })
      .timeout({ seconds: req.limits.timeoutSeconds })
      .resize(req.previewSize, req.previewSize, { fit: 'outside' })
      .raw()
      .toBuffer({ resolveWithObject: true })
    const { width: w, height: h, channels } = reduced.info
    const preview = await sharp(reduced.data, { raw: { width: w, height: h, channels } })
      .resize(req.previewSize, req.previewSize, { fit: 'cover', position: 'centre' })
      .png({ compressionLevel: 9 })
      .toBuffer()
    // A copy of its own: a structured clone of a view would carry its whole (pooled) buffer.
    return { kind: 'decoded', header, preview: new Uint8Array(preview) }
  } catch (e) {
    return { kind: 'failed', header, message: firstLine(e) }
  }
}
