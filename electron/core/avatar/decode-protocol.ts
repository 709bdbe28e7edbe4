/**
 * The messages between the avatar checker and its decoder process. The decoder runs sharp on bytes
 * a stranger's server sent, so it lives in a process of its own that can be killed outright: a
 * worker thread cannot stop a libvips operation once started (terminating it waits for the
 * operation to finish), a process can.
 */

/** Formats the decoder is ever asked to read, each with the one libvips loader allowed for it. */
export const DECODABLE_FORMATS = ['jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'tiff'] as const
export type DecodableFormat = (typeof DECODABLE_FORMATS)[number]

export const isDecodable = (format: string | null): format is DecodableFormat => (DECODABLE_FORMATS as readonly string[]).includes(format ?? '')

/** Limits applied inside the decoder before and during the decode. */
export interface DecodeLimits {
  /** Refused from the header above this many pixels (one frame). */
  maxPixels: number
  /** Refused from the header above this many pixels on one side. */
  maxDimension: number
  /** libvips' own time limit (the parent's kill is the hard one). */
  timeoutSeconds: number
}

export interface DecodeRequest {
  type: 'decode'
  id: number
  bytes: Uint8Array
  /** The format the magic bytes name: the only loader unblocked for this decode. */
  format: DecodableFormat
  limits: DecodeLimits
  /** Side of the square preview, in pixels. */
  previewSize: number
}

/** What the header says. */
export interface DecodedHeader {
  /** sharp's name for the format (`jpeg`, `png`, `gif`, `webp`, `heif`, `tiff`). */
  format: string
  /** `av1` for AVIF, `hevc` for HEIC. */
  compression?: string
  width: number
  /** One frame's height. */
  height: number
  pages: number
}

/** The decoder's answer to one request. */
export type DecodeAnswer =
  | { kind: 'decoded'; header: DecodedHeader; preview: Uint8Array }
  /** Refused from the header, nothing decoded: unreadable, not the format the bytes named, too many pixels. */
  | { kind: 'refused'; reason: 'unreadable' | 'format-mismatch' | 'too-many-pixels'; header: DecodedHeader | null; message: string }
  /** The decode itself failed (truncated, corrupt, libvips' own timeout). */
  | { kind: 'failed'; header: DecodedHeader; message: string }

export type DecoderMessage =
  | { type: 'ready' }
  /** Sent while a decode runs, so the parent can enforce the memory bound. */
  | { type: 'memory'; rss: number }
  | { type: 'result'; id: number; answer: DecodeAnswer; rss: number }
