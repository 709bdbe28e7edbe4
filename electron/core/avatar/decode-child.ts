import { createRequire } from 'node:module'
import type sharpModule from 'sharp'
import { decodeBytes } from './decode-bytes'
import type { DecodeAnswer, DecodeRequest, DecoderMessage, DecoderRequest } from './decode-protocol'
import { examineUrl } from './examine-url'

/**
 * The checker process's entry (a Node child, or an Electron utility process in the app): one job
 * at a time — a check (download and decode) or a decode of given bytes — its memory reported
 * while it runs so the parent can kill it past the bound. It never retries or recovers: the parent
 * kills and replaces it whenever in doubt.
 */

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

const send = (message: DecoderMessage): void => {
  if (parentPort) parentPort.postMessage(message)
  else process.send?.(message)
}

/** How often memory is reported while a job runs. */
const SAMPLE_MS = 20

let peak = 0
const rss = (): number => {
  peak = Math.max(peak, process.memoryUsage.rss())
  return peak
}

let sharp: typeof sharpModule | null = null
/** sharp is loaded once: as soon as the process is ready (see the end), or at the first job's need. */
const loadSharp = (): typeof sharpModule => {
  if (!sharp) {
    const load = typeof require === 'function' ? require : createRequire(import.meta.url)
    sharp = load('sharp') as typeof sharpModule
    // No cache between jobs: each one's memory is given back, and nothing of one file lingers.
    sharp.cache(false)
  }
  return sharp
}

const decode = async (req: DecodeRequest): Promise<void> => {
  let answer: DecodeAnswer
  try {
    answer = await decodeBytes(loadSharp(), req)
  } catch (e) {
    answer = { kind: 'refused', reason: 'unreadable', header: null, message: (e as Error).message.split('\n')[0] }
  }
  send({ type: 'result', id: req.id, answer, rss: rss() })
}

const handle = async (req: DecoderRequest): Promise<void> => {
  peak = 0
  const monitor = setInterval(() => send({ type: 'memory', rss: rss() }), SAMPLE_MS)
  try {
    if (req.type === 'check') await examineUrl(req, send, loadSharp, rss)
    else await decode(req)
  } catch (e) {
    // A bug, not a verdict: the parent sees the process fail the job.
    send({ type: 'result', id: req.id, answer: { kind: 'refused', reason: 'unreadable', header: null, message: (e as Error).message.split('\n')[0] }, rss: rss() })
  } finally {
    clearInterval(monitor)
  }
}

const onRequest = (data: unknown): void => {
  const req = data as DecoderRequest
  if (req?.type === 'decode' || req?.type === 'check') void handle(req)
}

if (parentPort) parentPort.on('message', (e) => onRequest(e.data))
else {
  process.on('message', onRequest)
  // The app went away (or closed the channel): nothing left to do.
  process.on('disconnect', () => process.exit(0))
}
send({ type: 'ready' })
// A checker process is started for a job that is coming: sharp (libvips, a few tens of ms) loads
// now, while the parent still prepares that job, rather than after the job has arrived. A failure
// here is the job's to report (it tries again and answers with the error).
try {
  loadSharp()
} catch {
  /* reported by the job */
}
