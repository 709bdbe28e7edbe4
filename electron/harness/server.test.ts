import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../core/api/handlers'
import { createServices } from '../core/services'
import { createHarnessHost } from './harness-host'
import { startHarness, type Harness } from './server'

const dir = mkdtempSync(join(tmpdir(), 'aissist-harness-'))
const rendererDir = join(dir, 'renderer')
let harness: Harness

beforeAll(async () => {
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  writeFileSync(join(dir, 'outside.txt'), 'not for you')
  const services = createServices({ dataDir: join(dir, 'data'), keychainService: `aissist-harness-${process.pid}` })
  harness = await startHarness({ rendererDir, services, host: createHarnessHost(join(dir, 'exports'), () => undefined), handlers: createHandlers() })
})
afterAll(async () => {
  await harness.close()
  rmSync(dir, { recursive: true, force: true })
})

const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
  request(`${harness.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('the browser harness', () => {
  it('answers a call with the right token', async () => {
    const r = await post('/api/call/getAppInfo', { 'x-harness-token': harness.token, origin: harness.url })
    expect(r.statusCode).toBe(200)
    expect(await r.body.json()).toMatchObject({ ok: true, value: { host: 'harness' } })
  })

  it('refuses a missing or wrong token', async () => {
    const missing = await post('/api/call/getAppInfo', {})
    expect(missing.statusCode).toBe(401)
    expect(await missing.body.json()).toMatchObject({ ok: false, error: { code: 'harness-token' } })
    const wrong = await post('/api/call/getAppInfo', { 'x-harness-token': 'x'.repeat(48) })
    expect(wrong.statusCode).toBe(401)
    await wrong.body.dump()
  })

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    const origin = await post('/api/call/getAppInfo', { 'x-harness-token': harness.token, origin: 'http://evil.example' })
    expect(origin.statusCode).toBe(403)
    expect(await origin.body.json()).toMatchObject({ error: { code: 'harness-forbidden' } })
    const host = await post('/api/call/getAppInfo', { 'x-harness-token': harness.token, host: 'evil.example' })
    expect(host.statusCode).toBe(403)
    await host.body.dump()
  })

  it('validates the input like the app does', async () => {
    const r = await post('/api/call/openExternal', { 'x-harness-token': harness.token }, { url: 5 })
    expect(await r.body.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('serves the page with the bridge script and a CSP, and nothing outside the renderer folder', async () => {
    const page = await request(`${harness.url}/`)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(await page.body.text()).toContain('/__harness/bridge.js')
    const escape = await request(`${harness.url}/..%2foutside.txt`)
    expect([403, 404]).toContain(escape.statusCode)
    expect(await escape.body.text()).not.toContain('not for you')
  })
})
