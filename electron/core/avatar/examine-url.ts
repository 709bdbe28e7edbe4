import type sharpModule from 'sharp'
import { safeFetch, SafeFetchFailure } from '../net/safe-fetch'
import { isAppFailure } from '../errors'
import { decodeBytes } from './decode-bytes'
import { isDecodable, type CheckRequest, type DecodeAnswer, type DecoderMessage, type FetchedFacts } from './decode-protocol'
import { sniffImageType } from './sniff-image'

/**
 * A check's work inside the checker process: fetch the URL as the public would (every safe-fetch
 * rule applies), decide the format from the first bytes, and decode it once if it is a format to
 * decode. What crosses back is facts — hops, status, headers, size, a text sample — never the body.
 */

/** The start of a text body kept for its markers (a sign-in form, Drive's download page). */
const TEXT_SAMPLE = 16 * 1024

type Send = (message: DecoderMessage) => void

/** Runs one check; `loadSharp` is called once the download is under way (sharp loads meanwhile). */
export const examineUrl = async (req: CheckRequest, send: Send, loadSharp: () => typeof sharpModule, rss: () => number): Promise<void> => {
  const fetching = safeFetch(req.url, { ...req.fetch, onHop: (hop) => send({ type: 'hop', id: req.id, hop }) })
  fetching.catch(() => undefined)
  loadSharp()
  let res: Awaited<typeof fetching>
  try {
    res = await fetching
  } catch (e) {
    if (!(e instanceof SafeFetchFailure) && !isAppFailure(e)) throw e
    const f = e as SafeFetchFailure
    send({ type: 'fetch-failed', id: req.id, facts: { error: { code: f.code, message: f.message, fix: f.fix }, hops: f.hops ?? [], response: f.response ?? null, timeMs: f.timeMs ?? 0 }, rss: rss() })
    return
  }
  const ok = res.status >= 200 && res.status < 300 && res.body.length > 0
  const ct = (res.headers['content-type'] ?? '').toLowerCase()
  const sniffed = ok ? sniffImageType(res.body) : null
  const textual = ok ? sniffed === 'html' || ct.startsWith('text/') || ct.includes('html') : res.body.length > 0 && ct.includes('html')
  const decoding = ok && sniffed !== 'html' && !ct.includes('html') && isDecodable(sniffed)
  const facts: FetchedFacts = {
    url: res.url,
    status: res.status,
    headers: res.headers,
    bytes: res.body.length,
    address: res.address,
    hops: res.hops,
    timeMs: res.timeMs,
    sniffed,
    bodyText: textual ? res.body.subarray(0, TEXT_SAMPLE).toString('utf8') : null,
    decoding
  }
  send({ type: 'fetched', id: req.id, facts })
  let answer: DecodeAnswer | null = null
  if (decoding && isDecodable(sniffed)) {
    answer = await decodeBytes(loadSharp(), { type: 'decode', id: req.id, bytes: res.body, format: sniffed, limits: req.limits, previewSize: req.previewSize })
  }
  send({ type: 'result', id: req.id, answer, rss: rss() })
}
