import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MASKED_SECRET } from '../../shared/gateway/curl'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { probeGatewayHead, sendWebhookEvent } from '../../electron/core/gateway/send-event'
import { buildTestEvent, sendTestEvent } from '../../electron/core/gateway/test-event'
import { readHistory } from '../../electron/core/gateway/history'
import { GatewayResponseSchema } from '../../shared/contract/test-events'
import { WebhookPayload, ConversationCreateEvent, ConversationMessageEvent } from '../../shared/webhook-events'
import { createGatewayWorld, filesContaining, type GatewayWorld } from './gateway-fixture'

/**
 * Test events against the sandbox's simulated gateway and real local servers: every answer Zendesk
 * distinguishes, every network failure in plain words, and no secret in any answer or on disk.
 */
let w: GatewayWorld
beforeAll(async () => {
  w = await createGatewayWorld()
})
afterAll(async () => {
  expect(filesContaining(w.dataDir, w.webhookSecret)).toEqual([])
  await w.close()
})
afterEach(() => w.sandbox.faults.clear())

const send = (extra: Partial<Parameters<typeof sendTestEvent>[1]> = {}) =>
  sendTestEvent(w.services, { profileRef: w.profile.id, type: 'conversation:message', ...extra })

const noSecret = (value: unknown): void => {
  expect(JSON.stringify(value)).not.toContain(w.webhookSecret)
}

describe('payloads', () => {
  it('builds both event types as Zendesk sends them, valid against the project schemas', () => {
    for (const type of ['conversation:message', 'conversation:create'] as const) {
      const p = buildTestEvent(w.profile, { type, text: 'Hi', userName: 'Ana Lopez', sourceType: 'whatsapp' })
      expect(WebhookPayload.safeParse(p).success).toBe(true)
      expect(p).toMatchObject({ app: { id: w.profile.appId }, webhook: { id: w.profile.webhookId, version: 'v2' } })
      const e = p.events[0]
      expect(e.id).toMatch(/^[0-9a-f]{24}$/)
      if (type === 'conversation:message') {
        const m = ConversationMessageEvent.parse(e).payload.message
        expect(m.author).toMatchObject({ type: 'user', displayName: 'Ana Lopez' })
        expect(m.content).toEqual({ type: 'text', text: 'Hi' })
        expect(m.source).toMatchObject({ type: 'whatsapp', integrationId: expect.stringMatching(/^[0-9a-f]{24}$/) })
        expect(m.source?.client).toBeTruthy()
        expect(m.author.user?.profile).toBeTruthy()
      } else {
        const c = ConversationCreateEvent.parse(e).payload
        expect(c.conversation.activeSwitchboardIntegration?.integrationId).toBe(w.profile.integrationId)
        expect(c.user?.profile).toBeTruthy()
      }
    }
  })

  it('refuses raw JSON that is not a Zendesk payload, naming the field, and sends nothing', async () => {
    const before = w.sandbox.state.gatewayReceived.length
    await expect(send({ rawPayload: '{"app":{"id":"x"},"webhook":{"id":"y","version":"v2"},"events":[{"id":"1","createdAt":"now","type":"conversation:message","payload":{}}]}' })).rejects.toMatchObject({
      code: 'invalid-payload',
      message: expect.stringContaining('events.0.payload')
    })
    await expect(send({ rawPayload: '{not json' })).rejects.toMatchObject({ code: 'invalid-payload', message: expect.stringContaining('not valid JSON') })
    expect(w.sandbox.state.gatewayReceived.length).toBe(before)
  })

  it('sends raw JSON that is valid as is', async () => {
    const p = buildTestEvent(w.profile, { type: 'conversation:message', text: 'edited by hand' })
    const r = await send({ rawPayload: JSON.stringify(p) })
    expect(r.response.status).toBe(200)
    expect(r.response.request.body).toEqual(p)
  })
})

describe('answers and Zendesk\'s view', () => {
  it('accepted: 200 with timings, headers, body; secret masked; history without secret', async () => {
    const r = await send({ text: 'hello gateway' })
    expect(GatewayResponseSchema.parse(r.response)).toBeTruthy()
    expect(r.response).toMatchObject({ ok: true, status: 200, zendeskView: { verdict: 'accepted' }, error: null, redirect: null })
    expect(r.response.request.headers['x-api-key']).toBe(MASKED_SECRET)
    expect(r.response.request.headers['content-type']).toBe('application/json')
    expect(r.response.headers['content-type']).toContain('application/json')
    expect(JSON.parse(r.response.body)).toEqual({ received: 1 })
    expect(r.response.timings.totalMs).toBeGreaterThan(0)
    expect(r.response.timings.connectMs).toBeGreaterThanOrEqual(0)
    expect(r.response.timings.firstByteMs).toBeGreaterThan(0)
    noSecret(r)
    const last = w.sandbox.state.gatewayReceived.at(-1)
    expect(last).toMatchObject({ apiKeyPresent: true, status: 200, eventTypes: ['conversation:message'] })
    const history = await readHistory(w.services.dataDir, w.profile.id)
    expect(history[0].id).toBe(r.historyId)
    noSecret(history)
    const file = readFileSync(join(w.dataDir, 'event-history', `${w.profile.id}.json`), 'utf8')
    expect(file).not.toContain(w.webhookSecret)
    await w.sandbox.settled()
  })

  it.each([400, 401, 403, 404, 406])('%i is dropped for good', async (status) => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'status', status, count: 1 })
    const r = await send()
    expect(r.response).toMatchObject({ ok: false, status, zendeskView: { verdict: 'dropped' } })
    expect(r.response.zendeskView.message).toContain(String(status))
    expect(r.response.zendeskView.fix).toBeTruthy()
  })

  it.each([500, 502, 503, 429])('%i would be retried', async (status) => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'status', status, count: 1 })
    const r = await send()
    expect(r.response).toMatchObject({ ok: false, status, zendeskView: { verdict: 'retried' } })
    expect(r.response.zendeskView.message).toMatch(/retries.*5 attempts/)
  })

  it('a wrong secret is a 401 explained as a secret mismatch, with the fix', async () => {
    const r = await send({ secretOverride: 'not-the-right-secret-123' })
    expect(r.response.status).toBe(401)
    expect(r.response.zendeskView.verdict).toBe('dropped')
    expect(r.response.zendeskView.message).toMatch(/webhook secret .*does not match/)
    expect(r.response.zendeskView.fix).toMatch(/secret/i)
    expect(JSON.stringify(r)).not.toContain('not-the-right-secret-123')
    const h = await readHistory(w.services.dataDir, w.profile.id)
    expect(h[0]).toMatchObject({ id: r.historyId, secretSource: 'typed' })
    expect(JSON.stringify(h)).not.toContain('not-the-right-secret-123')
  })

  it('slower than the timeout is timed out (a small timeout here; 20 s by default)', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'slow', delayMs: 1500, count: 1 })
    const r = await send({ timeoutMs: 200 })
    expect(r.response).toMatchObject({ ok: false, status: null, zendeskView: { verdict: 'timed-out' }, error: { code: 'gateway-timeout' } })
    expect(r.response.zendeskView.message).toMatch(/20 s.*retries/)
  })

  it('a redirect is reported, not followed', async () => {
    const before = w.sandbox.state.gatewayReceived.length
    w.sandbox.faults.add({ target: 'gateway', kind: 'redirect', location: 'https://gateway.example.net/elsewhere', count: 1 })
    const r = await send()
    expect(r.response).toMatchObject({ status: 302, redirect: { location: 'https://gateway.example.net/elsewhere' }, zendeskView: { verdict: 'retried' } })
    expect(r.response.zendeskView.message).toMatch(/does not follow redirects/)
    expect(w.sandbox.state.gatewayReceived.length).toBe(before)
  })

  it('a dropped connection is unreachable, in plain words', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'drop', count: 1 })
    const r = await send()
    expect(r.response).toMatchObject({ status: null, zendeskView: { verdict: 'unreachable' }, error: { code: 'connection-reset' } })
  })

  it('the HEAD check answers as the gateway does when a webhook is created', async () => {
    const r = await probeGatewayHead({ url: w.profile.gatewayUrl, allowPrivate: true })
    expect(r).toMatchObject({ ok: true, status: 200, request: { method: 'HEAD' } })
  })
})

describe('network failures and the URL rule', () => {
  let closedPort = 0
  let tlsServer: HttpsServer
  let tlsUrl = ''
  let certDir = ''
  beforeAll(async () => {
    const s: Server = createServer()
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    closedPort = (s.address() as AddressInfo).port
    await new Promise<void>((r) => s.close(() => r()))
    certDir = mkdtempSync(join(tmpdir(), 'gateway-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' })
    tlsServer = createHttpsServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (_req, res) => res.end('ok'))
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r))
    tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/gateway/zendesk/conversation`
  })
  afterAll(async () => {
    await new Promise<void>((r) => tlsServer.close(() => r()))
    rmSync(certDir, { recursive: true, force: true })
  })

  const payload = () => buildTestEvent(w.profile, { type: 'conversation:message' })

  it('connection refused on a closed port', async () => {
    const r = await sendWebhookEvent({ url: `http://127.0.0.1:${closedPort}/hook`, secret: 'abcd-secret', payload: payload(), allowPrivate: true })
    expect(r).toMatchObject({ ok: false, status: null, error: { code: 'connection-refused' }, zendeskView: { verdict: 'unreachable' } })
    expect(r.error?.message).toMatch(/refused/)
  })

  it('a self-signed certificate is a TLS error in plain words', async () => {
    const r = await sendWebhookEvent({ url: tlsUrl, secret: 'abcd-secret', payload: payload(), allowPrivate: true })
    expect(r).toMatchObject({ ok: false, status: null, error: { code: 'tls-failed' }, zendeskView: { verdict: 'unreachable' } })
    expect(r.error?.message).toMatch(/certificate/)
    expect(r.timings.connectMs).toBeGreaterThanOrEqual(0)
  })

  it('http is refused unless private on a profile that allows it; private refused when not allowed', async () => {
    await expect(sendWebhookEvent({ url: 'http://gateway.example.com/hook', secret: 'abcd-secret', payload: payload(), allowPrivate: true })).rejects.toMatchObject({ code: 'gateway-url-not-https' })
    await expect(sendWebhookEvent({ url: `http://127.0.0.1:${closedPort}/hook`, secret: 'abcd-secret', payload: payload(), allowPrivate: false })).rejects.toMatchObject({ code: 'gateway-url-not-https' })
    await expect(sendWebhookEvent({ url: tlsUrl, secret: 'abcd-secret', payload: payload(), allowPrivate: false })).rejects.toMatchObject({ code: 'private-address' })
    await expect(sendWebhookEvent({ url: 'https://localhost:1/hook', secret: 'abcd-secret', payload: payload(), allowPrivate: false })).rejects.toMatchObject({ code: 'private-address' })
  })

  it('a URL with a backslash or credentials is refused before anything is sent, without echoing it', async () => {
    let hits = 0
    const server = createHttpServer((_req, res) => {
      hits++
      res.end('ok')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    try {
      for (const [url, reason] of [
        [`http://evil.example\\@127.0.0.1:${port}/hook`, 'url-backslash'],
        [`http://ana:s3cr/et@127.0.0.1:${port}/hook`, 'url-credentials'],
        [`http://ana:s3cret@127.0.0.1:${port}/hook`, 'url-credentials'],
        [`http://@127.0.0.1:${port}/hook`, 'url-credentials']
      ]) {
        for (const send of [() => sendWebhookEvent({ url, secret: 'abcd-secret', payload: payload(), allowPrivate: true }), () => probeGatewayHead({ url, allowPrivate: true })]) {
          const e = await send().then(() => null, (err: unknown) => err as { code: string; message: string; details: unknown })
          expect(e).toMatchObject({ code: 'gateway-url-invalid', details: { reason } })
          expect(e?.message).not.toMatch(/s3cr|ana/)
        }
      }
      expect(hits).toBe(0)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
