import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, request, wholeUndiciLoaded } from './undici-lean'

describe('undici-lean', () => {
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'x-path': req.url ?? '', 'x-method': req.method ?? '' }).end('hello'))
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it("loads undici's Agent and request from its own files, not the whole package (a later undici that moved them is noticed here)", () => {
    expect(wholeUndiciLoaded).toBe(false)
  })

  it('requests as undici.request does: GET by default, path and query sent, fragment not', async () => {
    const agent = new Agent({ connections: 1 })
    try {
      const res = await request(`${base}/a/b.png?x=1#frag`, { dispatcher: agent, headers: { accept: 'image/*' } })
      expect(res.statusCode).toBe(200)
      expect(res.headers['x-path']).toBe('/a/b.png?x=1')
      expect(res.headers['x-method']).toBe('GET')
      expect(await res.body.text()).toBe('hello')
    } finally {
      await agent.close()
    }
  })

  it('refuses a URL that is not http or https', () => {
    const agent = new Agent()
    expect(() => request('ftp://127.0.0.1/x', { dispatcher: agent })).toThrow(/http/)
    void agent.close()
  })
})
