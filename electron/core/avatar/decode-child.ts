import sharp from 'sharp'
import { decodeBytes } from './decode-bytes'
import type { DecodeAnswer, DecodeRequest, DecoderMessage } from './decode-protocol'

/**
 * The decoder process's entry (a Node child, or an Electron utility process in the app): one
 * decode at a time, its memory reported while it runs so the parent can kill it past the bound.
 * It never retries or recovers: the parent kills and replaces it whenever in doubt.
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

/** How often memory is reported while a decode runs. */
const SAMPLE_MS = 20

const handle = async (req: DecodeRequest): Promise<void> => {
  let peak = process.memoryUsage.rss()
  const monitor = setInterval(() => {
    const rss = process.memoryUsage.rss()
    peak = Math.max(peak, rss)
    send({ type: 'memory', rss })
  }, SAMPLE_MS)
  let answer: DecodeAnswer
  try {
    answer = await decodeBytes(sharp, req)
  } catch (e) {
    answer = { kind: 'refused', reason: 'unreadable', header: null, message: (e as Error).message.split('\n')[0] }
  } finally {
    clearInterval(monitor)
  }
  send({ type: 'result', id: req.id, answer, rss: Math.max(peak, process.memoryUsage.rss()) })
}

const onRequest = (data: unknown): void => {
  const req = data as DecodeRequest
  if (req?.type === 'decode') void handle(req)
}

// No cache between decodes: each one's memory is given back, and nothing of one file lingers.
sharp.cache(false)
if (parentPort) parentPort.on('message', (e) => onRequest(e.data))
else {
  process.on('message', onRequest)
  // The app went away (or closed the channel): nothing left to decode for.
  process.on('disconnect', () => process.exit(0))
}
send({ type: 'ready' })
