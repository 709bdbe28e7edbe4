import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolvePublic } from '../../electron/core/net/resolve-public'
import { safeFetch, SafeFetchFailure, type SafeFetchOptions } from '../../electron/core/net/safe-fetch'
import { imageHostAssets } from '../../electron/core/sandbox/image-host/index'
import { startImageHost } from './avatar-host'

/**
 * The safe public fetch: private addresses refused in every notation, redirects re-checked, the
 * connection pinned to the checked address, nothing of the user's sent, caps and timeouts kept.
 */

let host: Awaited<ReturnType<typeof startImageHost>>
let port = 0
let echo: Server
let echoBase = ''
const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = []

beforeAll(async () => {
  await imageHostAssets()
  host = await startImageHost()
  port = Number(new URL(host.base).port)
  echo = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    if (req.url === '/redirect-with-credentials') {
      res.writeHead(302, { location: `${echoBase.replace('://', '://me:hunter2@')}/echo` })
      res.end()
    } else if (req.url === '/set-cookie') {
      res.writeHead(302, { location: '/echo', 'set-cookie': 'session=abc123; Path=/' })
      res.end()
    } else if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '1000' })
      res.write(Buffer.alloc(10))
    } else {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(req.headers))
    }
  })
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
  echoBase = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
})
afterAll(async () => {
  await host?.close()
  echo.closeAllConnections()
  await new Promise<void>((r) => echo.close(() => r()))
})

const failure = async (url: string, options: SafeFetchOptions = {}): Promise<SafeFetchFailure> => {
  try {
    await safeFetch(url, options)
  } catch (e) {
    expect(e).toBeInstanceOf(SafeFetchFailure)
    return e as SafeFetchFailure
  }
  throw new Error(`expected ${url} to fail`)
}

describe('safeFetch refuses non-public addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['0x7f.0.0.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[64:ff9b::7f00:1]', 'loopback'],
    ['[2002:7f00:1::]', 'loopback'],
    ['10.0.0.1', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'cloud-metadata'],
    ['[fd00:ec2::254]', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['100.64.0.1', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['[fc00::1]', 'unique-local']
  ])('http://%s/ (%s) without allowPrivate', async (h, kind) => {
    const before = seen.length
    const e = await failure(`http://${h}:${port}/images/avatar.png`, { connectTimeoutMs: 500, totalTimeoutMs: 2000 })
    expect(e.code).toBe('private-address')
    expect(e.details).toMatchObject({ kind })
    expect(e.hops).toHaveLength(1)
    expect(e.hops[0].status).toBeNull()
    expect(seen.length).toBe(before)
  })

  it('a URL cannot carry an IPv6 zone id; a resolver answer with one is still classified', async () => {
    expect((await failure(`http://[fe80::1%25lo]:${port}/a.png`)).code).toBe('invalid-url')
    await expect(resolvePublic('[fe80::1%25lo]')).rejects.toMatchObject({ code: 'private-address', details: { kind: 'link-local' } })
    await expect(resolvePublic('lan.sandbox.test', { resolver: async () => [{ address: 'fe80::1%eth0', family: 6 }] })).rejects.toMatchObject({ code: 'private-address', details: { kind: 'link-local' } })
  })

  it('allowPrivate lets the sandbox through (127.0.0.1 is private!)', async () => {
    const res = await safeFetch(`${host.base}/avatar.png`, { allowPrivate: true })
    expect(res.status).toBe(200)
    expect(res.address).toBe('127.0.0.1')
  })

  it('allowAddresses lets exactly one address through', async () => {
    const res = await safeFetch(`${host.base}/avatar.png`, { allowAddresses: ['127.0.0.1'] })
    expect(res.status).toBe(200)
    const e = await failure(`http://127.0.0.2:${port}/images/avatar.png`, { allowAddresses: ['127.0.0.1'] })
    expect(e.code).toBe('private-address')
  })
})

describe('safeFetch re-checks every redirect', () => {
  it.each([
    [`http://127.0.0.2:1/x.png`, '127.0.0.2'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'fd00:ec2::254'],
    ['http://0xa9fea9fe/latest/meta-data/', '169.254.169.254'],
    ['http://10.0.0.1/admin', '10.0.0.1']
  ])('a redirect to %s is refused', async (target, address) => {
    const e = await failure(`${host.base}/redirect-to?url=${encodeURIComponent(target)}`, { allowAddresses: ['127.0.0.1'] })
    expect(e.code).toBe('private-address')
    expect(e.hops).toHaveLength(2)
    expect(e.hops[0]).toMatchObject({ status: 302, address: '127.0.0.1' })
    expect(e.hops[1]).toMatchObject({ status: null, address })
  })

  it('a redirect to a non-http scheme is refused', async () => {
    const e = await failure(`${host.base}/redirect-to?url=${encodeURIComponent('file:///etc/passwd')}`, { allowPrivate: true })
    expect(e.code).toBe('bad-redirect')
  })
})

describe('safeFetch pins the connection to the checked address', () => {
  it('connects to the address its own resolution checked (a stand-in resolver for a name that cannot exist here)', async () => {
    const asked: string[] = []
    const res = await safeFetch(`http://avatar.sandbox.test:${port}/images/avatar.png`, {
      allowPrivate: true,
      resolver: async (name) => {
        asked.push(name)
        return [{ address: '127.0.0.1', family: 4 }]
      }
    })
    expect(res.status).toBe(200)
    expect(res.address).toBe('127.0.0.1')
    expect(asked).toEqual(['avatar.sandbox.test'])
  })

  it('refuses a host when ANY of its addresses is not public', async () => {
    const e = await failure(`http://mixed.sandbox.test:${port}/images/avatar.png`, {
      resolver: async () => [
        { address: '8.8.8.8', family: 4 },
        { address: '127.0.0.1', family: 4 }
      ]
    })
    expect(e.code).toBe('private-address')
    expect(e.message).toMatch(/resolves to 127\.0\.0\.1/)
  })

  it('a resolver that hangs is bounded by the overall timeout', async () => {
    const e = await failure('http://hangs.sandbox.test/a.png', { totalTimeoutMs: 200, resolver: () => new Promise(() => undefined) })
    expect(e.code).toBe('timeout')
  })

  it('a name that does not resolve is a DNS failure', async () => {
    const e = await failure('http://nothing.invalid/a.png')
    expect(e.code).toBe('dns-failed')
  })
})

describe('safeFetch sends nothing of the user\'s', () => {
  it('keeps no cookies across redirects', async () => {
    const res = await safeFetch(`${echoBase}/set-cookie`, { allowPrivate: true })
    const headers = JSON.parse(res.body.toString()) as Record<string, string>
    expect(headers.cookie).toBeUndefined()
    expect(headers.authorization).toBeUndefined()
    expect(res.hops.map((h) => h.url)).toEqual([`${echoBase}/set-cookie`, `${echoBase}/echo`])
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a link with credentials or a backslash before sending anything', async () => {
    const before = seen.length
    const u = new URL(`${echoBase}/echo`)
    u.username = 'me'
    u.password = 'hunter2'
    expect((await failure(u.toString(), { allowPrivate: true })).code).toBe('url-credentials')
    expect((await failure(`${echoBase.replace('://', '://evil.example\\@')}/echo`, { allowPrivate: true })).code).toBe('url-backslash')
    expect(seen.length).toBe(before)
  })

  it('drops credentials a redirect carries', async () => {
    const res = await safeFetch(`${echoBase}/redirect-with-credentials`, { allowPrivate: true })
    const headers = JSON.parse(res.body.toString()) as Record<string, string>
    expect(headers.authorization).toBeUndefined()
    expect(res.hops.map((h) => h.url)).toEqual([`${echoBase}/redirect-with-credentials`, `${echoBase}/echo`])
    expect(JSON.stringify(res.hops.map((h) => h.url))).not.toContain('hunter2')
  })
})

describe('safeFetch caps and timeouts', () => {
  it('cuts an endless body off at the cap while streaming', async () => {
    const e = await failure(`${host.base}/endless.png`, { allowPrivate: true, maxBytes: 1024 * 1024 })
    expect(e.code).toBe('body-too-large')
    expect(e.response?.bytesRead).toBeGreaterThan(1024 * 1024)
    expect(e.response?.bytesRead).toBeLessThanOrEqual(1024 * 1024 + 128 * 1024)
  })

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const e = await failure(`${host.base}/big-length.png`, { allowPrivate: true })
    expect(e.code).toBe('body-too-large')
    expect(e.response?.bytesRead).toBe(0)
  })

  it('times out waiting for headers', async () => {
    const e = await failure(`${host.base}/slow.png?delay=3000`, { allowPrivate: true, headersTimeoutMs: 200 })
    expect(e.code).toBe('timeout')
  })

  it('times out when the body stalls', async () => {
    const e = await failure(`${echoBase}/stall`, { allowPrivate: true, bodyTimeoutMs: 200 })
    expect(e.code).toBe('timeout')
  })

  it('times out the whole fetch', async () => {
    const e = await failure(`${host.base}/slow.png?delay=3000`, { allowPrivate: true, totalTimeoutMs: 300 })
    expect(e.code).toBe('timeout')
  })

  it('can be cancelled', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(new Error('Cancelled by the user.')), 100)
    const e = await failure(`${host.base}/slow.png?delay=3000`, { allowPrivate: true, signal: ac.signal })
    expect(e.code).toBe('cancelled')
  })

  it('a closed port is a connection failure', async () => {
    const e = await failure('http://127.0.0.1:1/a.png', { allowPrivate: true })
    expect(e.code).toBe('connection-failed')
    expect(e.message).toMatch(/ECONNREFUSED/)
  })

  it('reports the time taken and each hop', async () => {
    const res = await safeFetch(`${host.base}/redirect/2/avatar.png`, { allowPrivate: true })
    expect(res.hops.map((h) => h.status)).toEqual([301, 302, 200])
    expect(res.timeMs).toBeGreaterThanOrEqual(0)
  })
})
