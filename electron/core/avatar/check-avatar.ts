import { assessAvatar, DEFAULT_ASSESS_LIMITS, type AssessLimits, type AvatarFacts, type FetchHop } from '../../../shared/avatar/assess'
import { BLOCKING_REWRITE_CODES, rewriteAvatarUrl, type AvatarRewrite } from '../../../shared/avatar/rewrite'
import type { AvatarCheckResult } from '../../../shared/contract/avatar'
import { isAppFailure } from '../errors'
import { safeFetch, SafeFetchFailure, type SafeFetchOptions } from '../net/safe-fetch'
import { sharedImageDecoder, type ImageDecoder } from './image-decoder'
import { DEFAULT_IMAGE_LIMITS, inspectImage, sniffImageType, type ImageLimits } from './inspect-image'
import { maskUserinfo, stripUserinfo } from './url-credentials'

/**
 * The avatar check the screen, the CLI, setup and diagnose all run (so an avatar URL from an
 * imported file is bounded like a typed one): refuse a URL with a backslash or credentials,
 * rewrite a share link to its direct form, fetch it as the public would (byte cap), decide the
 * format from the bytes, decode it once in a bounded decoder process, and turn what was seen into
 * a verdict with fixes and a preview of the chat circle.
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
  fetch?: Omit<SafeFetchOptions, 'allowPrivate' | 'signal' | 'onHop'>
  image?: Partial<ImageLimits>
  assess?: Partial<AssessLimits>
  /** Called as each hop is answered, for progress. */
  onHop?: (hop: FetchHop) => void
}

const TEXT_SAMPLE = 16 * 1024

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
    const decoder = options.decoder ?? sharedImageDecoder()
    // The decoder process starts while the image downloads, so the decode does not wait for it.
    decoder.warm()
    try {
      const res = await safeFetch(checkedUrl, { ...options.fetch, allowPrivate: options.allowPrivate, allowAddresses: options.allowAddresses, signal: options.signal, onHop: options.onHop })
      facts.hops = res.hops
      facts.status = res.status
      facts.contentType = res.headers['content-type'] ?? null
      facts.bytes = res.body.length
      facts.timeMs = res.timeMs
      address = res.address
      finalUrl = res.url
      if (res.status >= 200 && res.status < 300 && res.body.length > 0) {
        facts.sniffed = sniffImageType(res.body)
        const ct = (facts.contentType ?? '').toLowerCase()
        if (facts.sniffed === 'html' || ct.startsWith('text/') || ct.includes('html')) {
          facts.bodyText = res.body.subarray(0, TEXT_SAMPLE).toString('utf8')
        }
        if (facts.sniffed !== 'html' && !ct.includes('html')) {
          const inspection = await inspectImage(res.body, { ...DEFAULT_IMAGE_LIMITS, ...options.image }, { decoder, signal: options.signal })
          facts.image = inspection.image
          facts.decodeError = inspection.decodeError
          preview = inspection.preview
        }
      } else if (res.body.length > 0 && /html/i.test(res.headers['content-type'] ?? '')) {
        facts.bodyText = res.body.subarray(0, TEXT_SAMPLE).toString('utf8')
      }
    } catch (e) {
      if (!(e instanceof SafeFetchFailure) && !isAppFailure(e)) throw e
      const f = e as SafeFetchFailure
      facts.fetchError = { code: f.code, message: f.message, fix: f.fix }
      facts.hops = f.hops ?? []
      facts.timeMs = f.timeMs ?? 0
      if (f.response) {
        facts.status = f.response.status
        facts.contentType = f.response.headers['content-type'] ?? null
        facts.bytes = f.response.bytesRead || Number(f.response.headers['content-length']) || null
      }
      const last = facts.hops[facts.hops.length - 1]
      address = last?.address ?? null
      finalUrl = last?.url ?? null
    }
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
