import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { runBurst } from '../../electron/core/gateway/burst'
import { readHistory } from '../../electron/core/gateway/history'
import { sendTestEvent } from '../../electron/core/gateway/test-event'
import { REDACTED } from '../../shared/redact'
import { createGatewayWorld, type GatewayWorld } from './gateway-fixture'

/**
 * A hostile gateway that echoes the webhook secret back, in every encoding a server tends to use:
 * the answer is kept (status, body, headers) with the secret masked, and no form of it reaches the
 * send result, the history, the log file or the CLI output.
 */

const ENCODINGS: Record<string, (s: string) => string> = {
  plain: (s) => s,
  url: (s) => encodeURIComponent(s),
  json: (s) => JSON.stringify(s).slice(1, -1),
  base64: (s) => Buffer.from(s).toString('base64'),
  'base64-bare': (s) => Buffer.from(s).toString('base64').replace(/=+$/, ''),
  base64url: (s) => Buffer.from(s).toString('base64url'),
  'base64url-padded': (s) => Buffer.from(s).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
  hex: (s) => Buffer.from(s).toString('hex'),
  'hex-upper': (s) => Buffer.from(s).toString('hex').toUpperCase()
}

let w: GatewayWorld
let echo: Server
let base = ''
/** A secret with characters that make every encoding differ from the plain form. */
const SECRET = 'whsec_Echo+me/please?=ü42'

const allForms = (secret: string): string[] => [...new Set(Object.values(ENCODINGS).map((e) => e(secret)))]

/** Echoes the X-API-Key it got, encoded as the path says, in the body, a header and a JSON field. */
const answer = (req: IncomingMessage): { status: number; headers: Record<string, string>; body: string } => {
  const name = new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? 'plain'
  const encoded = (ENCODINGS[name] ?? ENCODINGS.plain)(String(req.headers['x-api-key'] ?? ''))
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-echo': encoded },
    body: `{"received":"${encoded}","note":"key was ${encoded}."}`
  }
}

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name))
const leaksIn = (text: string): string[] => allForms(SECRET).filter((f) => text.includes(f))

beforeAll(async () => {
  w = await createGatewayWorld()
  await w.services.vault.setSecret(w.profile.id, 'webhookSecret', SECRET)
  echo = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const a = answer(req)
      res.writeHead(a.status, a.headers).end(a.body)
    })
  })
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/hook`
})
afterAll(async () => {
  await new Promise((r) => echo.close(r))
  await w.close()
})

const useEncoding = async (name: string): Promise<void> => {
  await w.services.vault.updateProfile(w.profile.id, { gatewayUrl: `${base}/${name}` })
}

describe('a gateway echoing the webhook secret', () => {
  it.each(Object.keys(ENCODINGS))('%s: the answer is kept, masked, and stored nowhere in clear', async (name) => {
    await useEncoding(name)
    const { response, historyId } = await sendTestEvent(w.services, { profileRef: w.profile.id, type: 'conversation:create' })
    expect(response.status).toBe(200)
    expect(response.ok).toBe(true)
    expect(response.body).toBe(`{"received":"${REDACTED}","note":"key was ${REDACTED}."}`)
    expect(response.headers['x-echo']).toBe(REDACTED)
    expect(leaksIn(JSON.stringify(response))).toEqual([])
    const [stored] = await readHistory(w.dataDir, w.profile.id)
    expect(stored.id).toBe(historyId)
    expect(stored.response.body).toBe(response.body)
    for (const file of filesUnder(w.dataDir)) expect({ file, leaks: leaksIn(readFileSync(file, 'utf8')) }).toEqual({ file, leaks: [] })
  })

  it('a typed secret echoed in base64 is masked too', async () => {
    await useEncoding('base64')
    const typed = 'typed-Secret-0987'
    const { response } = await sendTestEvent(w.services, { profileRef: w.profile.id, type: 'conversation:create', secretOverride: typed })
    expect(response.body).not.toContain(Buffer.from(typed).toString('base64'))
    expect(response.body).toContain(REDACTED)
  })

  it('a burst over the pool keeps no echoed form either', async () => {
    await useEncoding('hex')
    const b = await runBurst(w.services, { profileRef: w.profile.id, count: 12, concurrency: 3, type: 'conversation:create' })
    expect(b).toMatchObject({ completed: 12, byStatus: { '200': 12 } })
    expect(leaksIn(JSON.stringify(b))).toEqual([])
    expect(b.connections?.opened).toBeLessThanOrEqual(3)
  })

  it('`events send` on the command line succeeds and prints the masked answer', async () => {
    for (const name of ['plain', 'base64url', 'hex-upper']) {
      await useEncoding(name)
      const stdout = new PassThrough()
      const stderr = new PassThrough()
      let out = ''
      stdout.on('data', (d) => (out += d))
      stderr.on('data', (d) => (out += d))
      const code = await runCli(['events', 'send', '--profile', w.profile.id, '--type', 'conversation:create', '--json'], {
        stdout,
        stderr,
        stdin: new PassThrough(),
        env: { ...process.env, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService }
      })
      expect(code).toBe(0)
      expect(leaksIn(out)).toEqual([])
      expect(JSON.parse(out)).toMatchObject({ ok: true, response: { status: 200, body: expect.stringContaining(REDACTED) } })
    }
    for (const file of filesUnder(w.dataDir)) expect(leaksIn(readFileSync(file, 'utf8'))).toEqual([])
  })
})
