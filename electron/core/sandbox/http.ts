import type { IncomingMessage, ServerResponse } from 'node:http'

/** An answer of a simulated service, written (or withheld, for a lost-answer fault) by the server. */
export interface SimResponse {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** Reads a request body, refusing more than `max` bytes (the connection is then destroyed). */
export const readBody = (req: IncomingMessage, max = 1024 * 1024): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })

/** Writes a JSON answer. */
export const send = (res: ServerResponse, r: SimResponse): void => {
  const text = JSON.stringify(r.body)
  res.writeHead(r.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(r.headers ?? {}) })
  res.end(text)
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** True for a simulated answer (as opposed to the record a helper made). */
export const isSimResponse = (x: unknown): x is SimResponse =>
  typeof x === 'object' && x !== null && typeof (x as SimResponse).status === 'number' && 'body' in x
