import type { FetchHop } from '../../../shared/avatar/assess'
import type { AppError } from '../../../shared/result'
import type { SafeFetchOptions } from '../net/safe-fetch'

/**
 * The messages between the avatar checker and its checker process. Everything that touches what a
 * stranger's server sends — the download and the decode — runs in a process of its own that can
 * be killed outright: a worker thread cannot stop a libvips operation once started (terminating it
 * waits for the operation to finish), a process can. The app gets facts back, never the bytes.
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

/** Decode bytes the app already has. */
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

/** The safe fetch's settings that can cross a process boundary (no functions). */
export type FetchSettings = Pick<SafeFetchOptions, 'allowPrivate' | 'allowAddresses' | 'maxRedirects' | 'maxBytes' | 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'totalTimeoutMs' | 'accept'>

/** Fetch a URL as the public would, then decode what came back if it is an image to decode. */
export interface CheckRequest {
  type: 'check'
  id: number
  url: string
  fetch: FetchSettings
  limits: DecodeLimits
  previewSize: number
}

export type DecoderRequest = DecodeRequest | CheckRequest

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

/** The decoder's answer to one decode. */
export type DecodeAnswer =
  | { kind: 'decoded'; header: DecodedHeader; preview: Uint8Array }
  /** Refused from the header, nothing decoded: unreadable, not the format the bytes named, too many pixels. */
  | { kind: 'refused'; reason: 'unreadable' | 'format-mismatch' | 'too-many-pixels'; header: DecodedHeader | null; message: string }
  /** The decode itself failed (truncated, corrupt, libvips' own timeout). */
  | { kind: 'failed'; header: DecodedHeader; message: string }

/** What the fetch saw, and what of the body the checker needs (never the body itself). */
export interface FetchedFacts {
  url: string
  status: number
  headers: Record<string, string>
  bytes: number
  address: string
  hops: FetchHop[]
  timeMs: number
  /** The format the first bytes name, for a 2xx body. */
  sniffed: string | null
  /** The start of a text body (a login page, Drive's download page), for its markers. */
  bodyText: string | null
  /** True when a decode follows (the decode's time bound starts now). */
  decoding: boolean
}

/** The fetch's failure, with what it saw on the way. */
export interface FetchFailedFacts {
  error: AppError
  hops: FetchHop[]
  response: { status: number; headers: Record<string, string>; bytesRead: number } | null
  timeMs: number
}

export type DecoderMessage =
  | { type: 'ready' }
  /** Sent while a job runs, so the parent can enforce the memory bound. */
  | { type: 'memory'; rss: number }
  /** A check's progress: one hop answered. */
  | { type: 'hop'; id: number; hop: FetchHop }
  /** A check's download is done; a decode may follow. */
  | { type: 'fetched'; id: number; facts: FetchedFacts }
  | { type: 'fetch-failed'; id: number; facts: FetchFailedFacts; rss: number }
  /** A decode's answer, or a check's (null when nothing was decoded). */
  | { type: 'result'; id: number; answer: DecodeAnswer | null; rss: number }
