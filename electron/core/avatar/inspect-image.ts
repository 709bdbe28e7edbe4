import type { AvatarImageFacts } from '../../../shared/avatar/assess'
import type { AvatarProblem } from '../../../shared/avatar/problems'
import { isDecodable, type DecodeAnswer, type DecodedHeader } from './decode-protocol'
import { sniffImageType } from './sniff-image'
import { sharedImageDecoder, type ImageDecoder, type Stopped } from './image-decoder'

export { sniffImageType }

/**
 * Decides whether bytes really are an image Zendesk can show, without trusting the Content-Type
 * and without letting a hostile file take the machine: the format is decided from the magic bytes
 * before anything decodes; SVG is never rasterised (chat does not show it, and a 185-byte SVG can
 * ask for minutes of CPU); every other format is decoded once, in a checker process bounded in
 * time and memory and stopped on cancel — header first (pixel bombs are refused there), then one
 * pass over the pixels that also makes the preview. Here: what a decode means, in the user's words.
 */

export interface ImageLimits {
  /** Refused before decoding above this many pixels (all frames of one page). */
  maxPixels: number
  /** Refused before decoding above this many pixels on one side. */
  maxDimension: number
  /** The decode is stopped (its process killed) after this long. */
  decodeTimeoutMs: number
  /** The decode is stopped when its process holds more than this much memory. */
  maxDecoderMemoryMb: number
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000, maxDimension: 16_384, decodeTimeoutMs: 10_000, maxDecoderMemoryMb: 512 }

/** The preview side, in pixels: twice the chat circle, for high-density screens. */
export const PREVIEW_SIZE = 96

/** What the decode cost, for benchmarks and tests (not part of the check's result). */
export interface DecodeCost {
  /** Peak resident memory of the decoder process, in bytes. */
  peakRss: number
  ms: number
  stopped: string | null
}

export interface ImageInspection {
  sniffed: string | null
  image: AvatarImageFacts | null
  decodeError: AvatarProblem | null
  /** A 96 × 96 centre-cropped PNG as a data URL, or null when the image could not be decoded. */
  preview: string | null
  /** Null when nothing was decoded (not an image, SVG). */
  cost: DecodeCost | null
}

export interface InspectOptions {
  /** The decoder to use (default: the process's shared one). */
  decoder?: ImageDecoder
  /** Cancelling stops the decode (its process is killed). */
  signal?: AbortSignal
}

const problem = (code: string, message: string, fix: string): AvatarProblem => ({ code, message, fix })

const RESAVE = 'Open the image in an image editor, save it again as PNG or JPG, upload it, and use the new link.'

/** Why nothing was decoded, before any decoder ran. */
const undecoded = (sniffed: string | null): AvatarProblem => {
  if (sniffed === 'svg') {
    return problem(
      'svg-not-shown',
      'The file is an SVG drawing. Zendesk messaging shows JPG, PNG and GIF avatars only, so chat would show no picture; it was not rendered here either.',
      'Export the drawing as a PNG or JPG of 512 × 512 pixels (any design tool can "Export as PNG"), upload it, and use its link.'
    )
  }
  if (sniffed && sniffed !== 'html') {
    return problem('not-decodable', `The file is ${sniffed.toUpperCase()}, which Zendesk messaging does not show; it was not decoded.`, 'Save the image as PNG or JPG, upload it, and use the new link.')
  }
  return problem('not-decodable', 'The file is not an image: its first bytes match no image format.', 'Use a direct image URL that ends in .jpg, .png, or another image extension.')
}

/** sharp names AVIF and HEIC both `heif`; tell them apart by compression. */
const factsOf = (h: DecodedHeader, sniffed: string): AvatarImageFacts => ({
  format: h.format === 'heif' ? (h.compression === 'av1' ? 'avif' : 'heic') : h.format || sniffed,
  width: h.width,
  height: h.height,
  animated: h.pages > 1
})

/** The problem a decode failure or a stop is, in the user's words. */
const failureProblem = (o: DecodeAnswer | Stopped, sniffed: string, limits: ImageLimits): AvatarProblem | null => {
  if (o.kind === 'decoded') return null
  if (o.kind === 'stopped') {
    if (o.reason === 'cancelled') return problem('cancelled', 'The check was cancelled.', 'Start the check again when you are ready.')
    if (o.reason === 'time' || o.reason === 'memory') {
      return problem('decode-too-costly', `${o.message} It was stopped: a browser showing the chat would struggle too.`, 'Resize the image to 512 × 512 pixels and save it as PNG or JPG.')
    }
    if (o.reason === 'crashed') return problem('not-decodable', `${o.message} The file is damaged or built to break image software.`, RESAVE)
    return problem('decoder-unavailable', `${o.message} The image was downloaded but not checked.`, 'Check again; if it keeps failing, reinstall the app or report it to Aissist support.')
  }
  if (o.kind === 'refused' && o.reason === 'too-many-pixels') {
    return problem('pixel-bomb', `The image declares ${o.message} pixels, more than the ${(limits.maxPixels / 1e6).toFixed(0)} megapixels a browser can safely decode; it was not decoded.`, 'Resize the image to 512 × 512 pixels and save it as PNG or JPG.')
  }
  if (o.kind === 'refused') return problem('not-decodable', `The file looks like ${sniffed.toUpperCase()} but cannot be read (${o.message}).`, RESAVE)
  const truncated = /premature end|truncat|unexpected end|not enough data|short read|read error/i.test(o.message)
  return truncated
    ? problem('truncated', `The image is cut off: it ends before all its pixels (${o.message}).`, 'Upload the image again (the upload was interrupted), and use the new link.')
    : problem('not-decodable', `The image is damaged and cannot be decoded (${o.message}).`, RESAVE)
}

/** What a decode (or its absence) means for the check: image facts, the problem, the preview. */
export const describeDecode = (sniffed: string | null, answer: DecodeAnswer | Stopped | null, limits: ImageLimits): Pick<ImageInspection, 'image' | 'decodeError' | 'preview'> => {
  if (!answer || !isDecodable(sniffed)) return { image: null, decodeError: undecoded(sniffed), preview: null }
  const header = answer.kind === 'stopped' ? null : answer.header
  return {
    image: header ? factsOf(header, sniffed) : null,
    decodeError: failureProblem(answer, sniffed, limits),
    preview: answer.kind === 'decoded' ? `data:image/png;base64,${Buffer.from(answer.preview).toString('base64')}` : null
  }
}

/** The decode bounds of these limits, for the decoder. */
export const decodeBounds = (limits: ImageLimits, signal?: AbortSignal) => ({
  maxPixels: limits.maxPixels,
  maxDimension: limits.maxDimension,
  timeoutMs: limits.decodeTimeoutMs,
  maxMemoryBytes: limits.maxDecoderMemoryMb * 1024 * 1024,
  previewSize: PREVIEW_SIZE,
  signal
})

/** Inspects bytes as an image: format, size, animation, decodability, and a preview of the chat crop. */
export const inspectImage = async (buf: Buffer, limits: ImageLimits = DEFAULT_IMAGE_LIMITS, options: InspectOptions = {}): Promise<ImageInspection> => {
  const sniffed = sniffImageType(buf)
  if (!isDecodable(sniffed)) return { sniffed, ...describeDecode(sniffed, null, limits), cost: null }
  const outcome = await (options.decoder ?? sharedImageDecoder()).decode(buf, { format: sniffed, ...decodeBounds(limits, options.signal) })
  const cost: DecodeCost = { peakRss: outcome.peakRss, ms: Math.round(outcome.ms), stopped: outcome.kind === 'stopped' ? outcome.reason : null }
  return { sniffed, ...describeDecode(sniffed, outcome, limits), cost }
}
