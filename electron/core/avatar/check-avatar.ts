import { assessAvatar, DEFAULT_ASSESS_LIMITS, type AssessLimits, type AvatarFacts, type FetchHop } from '../../../shared/avatar/assess'
import { BLOCKING_REWRITE_CODES, rewriteAvatarUrl, type AvatarRewrite } from '../../../shared/avatar/rewrite'
import type { AvatarCheckResult } from '../../../shared/contract/avatar'
import type { FetchSettings } from './decode-protocol'
import { sharedImageDecoder, type ImageDecoder, type StopReason } from './image-decoder'
import { decodeBounds, DEFAULT_IMAGE_LIMITS, describeDecode, type ImageLimits } from './inspect-image'
import { maskUserinfo, stripUserinfo } from './url-credentials'

/**
 * The avatar check the screen, the CLI, setup and diagnose all run (so an avatar URL from an
 * imported file is bounded like a typed one): refuse a URL with a backslash or credentials,
 * rewrite a share link to its direct form, then — in a checker process bounded in time and memory,
 * killed on cancel — fetch it as the public would (byte cap), decide the format from the bytes and
 * decode it once; finally turn what was seen into a verdict with fixes and a preview of the chat
 * circle. The app's process never holds the downloaded bytes.
 */

export interface CheckAvatarOptions {
  /** Allow loopback/private targets (the sandbox, intranet testing). */
  allowPrivate?: boolean
  /** Non-public addresses allowed anyway (narrower than allowPrivate). */
  allowAddresses?: readonly string[]
  /** Cancels the fetch or stops the decode (its process is killed). */
  signal?: AbortSignal
  /** The decoder (default: the process's shared one). */
  decoder?: ImageDecoder
  /** Fetch limits and timeouts; defaults suit an avatar (10 MB cap, 5 redirects). */
  fetch?: Omit<FetchSettings, 'allowPrivate' | 'allowAddresses'>
  image?: Partial<ImageLimits>
  assess?: Partial<AssessLimits>
  /** Called as each hop is answered, for progress. */
  onHop?: (hop: FetchHop) => void
}

const FETCHING_STOPPED: Record<StopReason, { code: string; message: string; fix: string }> = {
  cancelled: { code: 'cancelled', message: 'The check was cancelled.', fix: 'Start the check again when you are ready.' },
  time: { code: 'timeout', message: 'Loading the image took too long.', fix: 'Use a faster host or a smaller image.' },
  memory: { code: 'connection-failed', message: 'Loading the image was stopped: it used too much memory.', fix: 'Use a different public image host.' },
  crashed: { code: 'connection-failed', message: 'Loading the image failed: the checker stopped.', fix: 'Check again; if it keeps failing, use a different public image host.' },
  unavailable: { code: 'decoder-unavailable', message: 'The image checker could not start, so the image was not checked.', fix: 'Check again; if it keeps failing, reinstall the app or report it to Aissist support.' }
}

/** What the checker process saw for one URL, as the facts the assessment reads. */
const fetchAndInspect = async (
  url: string,
  options: CheckAvatarOptions
): Promise<{ facts: Partial<AvatarFacts>; preview: string | null; address: string | null; finalUrl: string | null }> => {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.image }
  const fetch: FetchSettings = { ...options.fetch, allowPrivate: options.allowPrivate, allowAddresses: options.allowAddresses }
  const outcome = await (options.decoder ?? sharedImageDecoder()).fetchAndDecode(url, { fetch, onHop: options.onHop, ...decodeBounds(limits, options.signal) })
  if (outcome.kind === 'stopped-fetching') {
    const last = outcome.hops[outcome.hops.length - 1]
    const stop = outcome.stop.reason === 'unavailable' ? { ...FETCHING_STOPPED.unavailable, message: `${outcome.stop.message} The image was not checked.` } : FETCHING_STOPPED[outcome.stop.reason]
    return { facts: { fetchError: stop, hops: outcome.hops, timeMs: Math.round(outcome.ms) }, preview: null, address: last?.address ?? null, finalUrl: last?.url ?? null }
  }
  if (outcome.kind === 'fetch-failed') {
    const f = outcome.facts
    const last = f.hops[f.hops.length - 1]
    const response = f.response
    const facts: Partial<AvatarFacts> = { fetchError: { code: f.error.code, message: f.error.message, fix: f.error.fix }, hops: f.hops, timeMs: f.timeMs }
    if (response) Object.assign(facts, { status: response.status, contentType: response.headers['content-type'] ?? null, bytes: response.bytesRead || Number(response.headers['content-length']) || null })
    return { facts, preview: null, address: last?.address ?? null, finalUrl: last?.url ?? null }
  }
  const r = outcome.facts
  const facts: Partial<AvatarFacts> = { hops: r.hops, status: r.status, contentType: r.headers['content-type'] ?? null, bytes: r.bytes, timeMs: r.timeMs, sniffed: r.sniffed, bodyText: r.bodyText }
  let preview: string | null = null
  const ok = r.status >= 200 && r.status < 300 && r.bytes > 0
  if (ok && r.sniffed !== 'html' && !(facts.contentType ?? '').toLowerCase().includes('html')) {
    const seen = describeDecode(r.sniffed, outcome.decode, limits)
    Object.assign(facts, { image: seen.image, decodeError: seen.decodeError })
    preview = seen.preview
  }
  return { facts, preview, address: r.address, finalUrl: r.url }
}

/** Checks one avatar URL end to end; never throws for a bad avatar (that is a verdict), only for a bug. */
export const checkAvatar = async (inputUrl: string, options: CheckAvatarOptions = {}): Promise<AvatarCheckResult> => {
  const raw = rewriteAvatarUrl(inputUrl)
  const rewrite = scrubRewrite(raw)
  const checkedUrl = rewrite.to
  const facts: AvatarFacts = {
    rewrite,
    checkedUrl,
    hops: [],
    fetchError: null,
    status: null,
    contentType: null,
    bytes: null,
    timeMs: 0,
    sniffed: null,
    bodyText: null,
    image: null,
    decodeError: null
  }
  let preview: string | null = null
  let address: string | null = null
  let finalUrl: string | null = null
  const blocked = rewrite.problems.some((p) => BLOCKING_REWRITE_CODES.has(p.code))
  if (!blocked) {
    const seen = await fetchAndInspect(checkedUrl, options)
    Object.assign(facts, seen.facts)
    ;({ preview, address, finalUrl } = seen)
  }
  const assessment = assessAvatar(facts, { ...DEFAULT_ASSESS_LIMITS, ...options.assess })
  return {
    verdict: assessment.verdict,
    inputUrl: maskUserinfo(inputUrl),
    checkedUrl,
    rewrite: { ...rewrite, from: maskUserinfo(raw.from) },
    redirects: facts.hops.map((h) => ({ ...h, url: stripUserinfo(h.url), location: h.location === null ? null : maskUserinfo(h.location) })),
    status: facts.status,
    contentType: facts.contentType,
    bytes: facts.bytes,
    image: facts.image,
    problems: assessment.problems.map(scrubProblem),
    finalUrl: finalUrl === null ? null : stripUserinfo(finalUrl),
    address,
    timeMs: facts.timeMs,
    crop: assessment.crop,
    alternatives: assessment.alternatives.map((a) => ({ ...a, url: stripUserinfo(a.url) })),
    preview
  }
}

const scrubProblem = <P extends { message: string; fix: string }>(p: P): P => ({ ...p, message: maskUserinfo(p.message), fix: maskUserinfo(p.fix) })

/**
 * The rewrite without the pasted credentials (`from` and `to` both stripped, so the assessment
 * still sees "not rewritten" as equal; the result masks `from` afterwards); `changed` keeps
 * meaning "rewritten".
 */
const scrubRewrite = (r: AvatarRewrite): AvatarRewrite => ({
  ...r,
  from: stripUserinfo(r.from),
  to: stripUserinfo(r.to),
  reason: maskUserinfo(r.reason),
  problems: r.problems.map(scrubProblem),
  alternatives: r.alternatives.map((a) => ({ ...a, url: stripUserinfo(a.url) }))
})
