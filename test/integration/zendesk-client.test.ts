import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index'
import { ZendeskClient } from '../../electron/core/zendesk/client'
import { ZendeskApiError } from '../../electron/core/zendesk/errors'
import { SecretRegistry } from '../../electron/core/platform/secret-registry'
import { Integration, Webhook, ZENDESK_ID_PATTERN } from '../../shared/schemas/zendesk'

let sb: Sandbox
let client: ZendeskClient
const secrets = new SecretRegistry()
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 }
const body = (target: string, name = 'Aissistant_Conversation_Integration') => ({
  type: 'custom' as const,
  displayName: name,
  webhooks: [{ target, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true }]
})
const newClient = (o: Partial<ConstructorParameters<typeof ZendeskClient>[0]> = {}) =>
  new ZendeskClient({ baseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, keySecret: sb.keySecret, retry: fast, secrets, ...o })
const failure = async (p: Promise<unknown>): Promise<ZendeskApiError> => {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ZendeskApiError)
    return e as ZendeskApiError
  }
  throw new Error('expected a failure')
}

beforeAll(async () => {
  sb = await startSandbox({ retryScheduleMs: [5, 5, 5, 5], webhookTimeoutMs: 500 })
})
afterAll(async () => {
  await client?.close()
  await sb.close()
})
beforeEach(async () => {
  await client?.close()
  sb.reset()
  client = newClient()
})

describe('ZendeskClient against the sandbox', () => {
  it('does every operation, every answer valid against the schemas', async () => {
    expect((await client.getApp()).id).toBe(sb.appId)
    const { integration, recovered } = await client.createCustomIntegration(body(sb.gatewayUrl))
    expect(recovered).toBe(false)
    expect(integration.id).toMatch(ZENDESK_ID_PATTERN)
    expect(integration.webhooks).toHaveLength(1)
    const hook = Webhook.parse(integration.webhooks[0])
    expect(hook.secret).toMatch(/^[0-9a-f]{32}$/)
    expect(secrets.redact(`x ${hook.secret} y`)).not.toContain(hook.secret)
    expect(Integration.parse(await client.getIntegration(integration.id)).displayName).toBe('Aissistant_Conversation_Integration')
    const page = await client.listIntegrations({ types: ['custom'] })
    expect(page.items.map((i) => i.id)).toEqual([integration.id])
    expect((await client.updateIntegration(integration.id, { displayName: 'Renamed' })).displayName).toBe('Renamed')
    const hooks = await client.listWebhooks(integration.id)
    expect(hooks[0].secret).toBe(hook.secret)
    const w2 = await client.createWebhook(integration.id, { target: `${sb.gatewayUrl}?2`, triggers: ['conversation:message'] })
    expect((await client.updateWebhook(integration.id, w2.id, { includeFullUser: true })).includeFullUser).toBe(true)
    await client.deleteWebhook(integration.id, w2.id)
    expect(await client.listWebhooks(integration.id)).toHaveLength(1)
    const [board] = await client.listSwitchboards()
    const sbis = await client.listSwitchboardIntegrations(board.id)
    expect(sbis.find((s) => s.id === board.defaultSwitchboardIntegrationId)?.integrationType).toBe('zd:agentWorkspace')
    const user = await client.createUser({ externalId: 'round-trip-1', profile: { givenName: 'Ada' } })
    const conv = await client.createConversation({ type: 'personal', participants: [{ userId: user.id }] })
    const [msg] = await client.postMessage(conv.id, { author: { type: 'user', userId: user.id }, content: { type: 'text', text: 'hi' } })
    expect(msg.author.type).toBe('user')
    await sb.settled()
    const msgs = await client.listMessages(conv.id)
    const reply = msgs.items.find((m) => m.author.type === 'business')
    expect(reply?.author.displayName).toBe('Aissist Agent')
    expect(reply?.author.avatarUrl).toBe(`${sb.imagesUrl}/avatar.png`)
    await client.deleteIntegration(integration.id)
    expect((await failure(client.getIntegration(integration.id))).code).toBe('zendesk-not-found')
  })

  it('deletes users (by id or external id) and conversations: 200 {}, 404 with the official error, retried like other deletes', async () => {
    const user = await client.createUser({ externalId: 'to-delete-1' })
    const first = await client.createConversation({ type: 'personal', participants: [{ userId: user.id }] })
    const second = await client.createConversation({ type: 'personal', participants: [{ userId: user.id }] })
    expect(first.isDefault).toBe(true)
    const refused = await failure(client.deleteConversation(first.id))
    expect(refused.status).toBe(400)
    expect(refused.errors[0].title).toContain('cannot be deleted because it is the default')

    sb.faults.add({ method: 'DELETE', path: '/v2/apps/*/conversations/*', kind: 'status', status: 503, count: 2 })
    await expect(client.deleteConversation(second.id)).resolves.toBeUndefined()
    expect(sb.state.conversations.map((c) => c.conversation.id)).toEqual([first.id])
    const gone = await failure(client.deleteConversation(second.id))
    expect(gone.code).toBe('zendesk-not-found')
    expect(gone.errors).toEqual([{ code: 'conversation_not_found', title: 'Conversation not found' }])

    sb.faults.add({ method: 'DELETE', path: '/v2/apps/*/users/*', kind: 'drop', count: 1 })
    await expect(client.deleteUser(user.id)).resolves.toBeUndefined()
    expect(sb.state.users).toEqual([])
    expect(sb.state.conversations).toEqual([])
    const noUser = await failure(client.deleteUser(user.id))
    expect(noUser.code).toBe('zendesk-not-found')
    expect(noUser.errors).toEqual([{ code: 'user_not_found', title: 'User not found' }])

    await client.createUser({ externalId: 'to-delete-2' })
    await client.deleteUser('to-delete-2')
    expect(sb.state.users).toEqual([])

    const raw = await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}/users/nobody`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${sb.keyId}:${sb.keySecret}`).toString('base64')}` }
    })
    expect(raw.status).toBe(404)
    expect(await raw.json()).toEqual({ errors: [{ code: 'user_not_found', title: 'User not found' }] })
  })

  it('paginates with page[after] and filter[types]', async () => {
    for (let i = 0; i < 5; i++) await client.createCustomIntegration(body(`${sb.gatewayUrl}?n=${i}`, `I${i}`))
    const first = await client.listIntegrations({ types: ['custom'], pageSize: 2 })
    expect(first.meta.hasMore).toBe(true)
    expect(first.next).toContain('page%5Bafter%5D')
    const all = await client.listAllIntegrations({ types: ['custom'], pageSize: 2 })
    expect(all.map((i) => i.displayName)).toEqual(['I0', 'I1', 'I2', 'I3', 'I4'])
  })

  it('rejects what Zendesk rejects: 400 lists every error, 10 webhooks max', async () => {
    const e = await failure(client.createWebhook('x'.repeat(24), { target: sb.gatewayUrl, triggers: ['a'] }))
    expect(e.code).toBe('zendesk-not-found')
    const { integration } = await client.createCustomIntegration(body(sb.gatewayUrl))
    for (let i = 0; i < 9; i++) await client.createWebhook(integration.id, { target: `${sb.gatewayUrl}?${i}`, triggers: ['conversation:message'] })
    const tooMany = await failure(client.createWebhook(integration.id, { target: sb.gatewayUrl, triggers: ['conversation:message'] }))
    expect(tooMany.status).toBe(400)
    expect(tooMany.errors[0].title).toContain('10 webhooks')
    const raw = await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}/integrations`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${sb.keyId}:${sb.keySecret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'custom', displayName: 'x'.repeat(101), webhooks: [] })
    })
    expect(raw.status).toBe(400)
    expect(((await raw.json()) as { errors: unknown[] }).errors.length).toBeGreaterThanOrEqual(2)
  })

  it('401 for a wrong key, 403/404 for another app, account key accepted', async () => {
    const bad = newClient({ keySecret: 'wrong-secret-value' })
    const e = await failure(bad.getApp())
    expect(e.code).toBe('zendesk-unauthorized')
    expect(e.errors).toEqual([{ code: 'unauthorized', title: 'Authorization is required' }])
    expect(e.details.request).toBe(`GET /v2/apps/${sb.appId}`)
    expect(JSON.stringify(e.toData())).not.toMatch(/wrong-secret-value|authorization:/i)
    await bad.close()
    const other = newClient({ appId: 'f'.repeat(24) })
    expect((await failure(other.getApp())).code).toBe('zendesk-forbidden')
    await other.close()
    const account = newClient({ keyId: sb.accountKeyId, keySecret: sb.accountKeySecret })
    expect((await account.getApp()).id).toBe(sb.appId)
    await account.close()
  })

  it('faults: 401 injected, 429 with and without Retry-After, 5xx, slow, dropped', async () => {
    sb.faults.add({ path: '/v2/apps/*', kind: 'unauthorized', count: 1 })
    expect((await failure(client.getApp())).code).toBe('zendesk-unauthorized')
    sb.faults.add({ path: '/v2/apps/*', kind: 'rate-limit', retryAfter: '0', count: 2 })
    expect((await client.getApp()).id).toBe(sb.appId)
    sb.faults.add({ path: '/v2/apps/*', kind: 'rate-limit', retryAfter: new Date(Date.now() + 1000).toUTCString(), count: 1 })
    expect((await client.getApp()).id).toBe(sb.appId)
    sb.faults.add({ path: '/v2/apps/*', kind: 'rate-limit', count: 2 })
    expect((await client.getApp()).id).toBe(sb.appId)
    sb.faults.add({ path: '/v2/apps/*', kind: 'rate-limit' })
    const limited = await failure(client.getApp())
    expect(limited.code).toBe('zendesk-rate-limited')
    expect(limited.details.attempts).toBe(4)
    sb.faults.clear()
    sb.faults.add({ path: '/v2/apps/*', kind: 'rate-limit', retryAfter: '3600', count: 1 })
    const tooLong = await failure(client.getApp())
    expect(tooLong.details.attempts).toBe(1)
    expect(tooLong.details.retryAfterSeconds).toBe(3600)
    // Says when to try again (the clock time), not that the retries ran out.
    expect(tooLong.message).toMatch(/asked to wait 60 min \(Retry-After\)/)
    expect(tooLong.message).not.toMatch(/retries ran out/)
    expect(tooLong.fix).toMatch(/^Try again after (\w{3} \d+, )?\d{2}:\d{2}/)
    expect(Date.parse(String(tooLong.details.retryAt)) - Date.now()).toBeGreaterThan(3_500_000)
    sb.faults.add({ path: '/v2/apps/*', kind: 'status', status: 503, count: 3 })
    expect((await client.getApp()).id).toBe(sb.appId)
    sb.faults.add({ path: '/v2/apps/*', kind: 'status', status: 500 })
    const down = await failure(client.getApp())
    expect(down.code).toBe('zendesk-server-error')
    expect(down.details.attempts).toBe(4)
    sb.faults.clear()
    sb.faults.add({ path: '/v2/apps/*', kind: 'drop', count: 2 })
    expect((await client.getApp()).id).toBe(sb.appId)
    sb.faults.add({ path: '/v2/apps/*', kind: 'slow', delayMs: 2500 })
    const slow = newClient({ timeouts: { headersMs: 300 }, retry: { ...fast, maxAttempts: 1 } })
    const t = await failure(slow.getApp())
    expect(t.code).toBe('zendesk-timeout')
    await slow.close()
    sb.faults.clear()
  })

  it('a lost create is not duplicated: the client finds what it made', async () => {
    sb.faults.add({ method: 'POST', path: '/v2/apps/*/integrations', kind: 'lost-answer', count: 1 })
    const { integration, recovered } = await client.createCustomIntegration(body(sb.gatewayUrl))
    expect(recovered).toBe(true)
    expect(integration.webhooks[0].secret).toBeTruthy()
    expect(sb.state.integrations.filter((i) => i.type === 'custom')).toHaveLength(1)
    sb.faults.add({ method: 'POST', path: '/v2/apps/*/integrations', kind: 'drop', count: 1 })
    const second = await client.createCustomIntegration(body(sb.gatewayUrl, 'Other'))
    expect(second.recovered).toBe(false)
    expect(sb.state.integrations.filter((i) => i.type === 'custom')).toHaveLength(2)
  })

  it('a POST webhook whose answer is lost is reported as outcome unknown, not repeated', async () => {
    const { integration } = await client.createCustomIntegration(body(sb.gatewayUrl))
    sb.faults.add({ method: 'POST', path: '/v2/apps/*/integrations/*/webhooks', kind: 'lost-answer', count: 1 })
    const e = await failure(client.createWebhook(integration.id, { target: `${sb.gatewayUrl}?x`, triggers: ['conversation:message'] }))
    expect(e.outcomeUnknown).toBe(true)
    expect(e.details.attempts).toBe(1)
    expect(sb.state.integrations.find((i) => i.id === integration.id)?.webhooks).toHaveLength(2)
  })

  it('aborts on signal, reports DNS and refused connections', async () => {
    sb.faults.add({ path: '/v2/apps/*', kind: 'rate-limit', retryAfter: '2' })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 50)
    expect((await failure(client.getApp({ signal: ac.signal }))).code).toBe('zendesk-aborted')
    sb.faults.clear()
    const dns = new ZendeskClient({ subdomain: 'no-such-host.invalid', appId: 'a', keyId: 'k', keySecret: 'secret-x', retry: fast, secrets })
    expect(dns.baseUrl).toBe('https://no-such-host.invalid.zendesk.com/sc')
    await dns.close()
    const dns2 = new ZendeskClient({ baseUrl: 'http://no-such-host.invalid', appId: 'a', keyId: 'k', keySecret: 'secret-x', retry: fast, secrets })
    expect((await failure(dns2.getApp())).code).toBe('zendesk-dns')
    await dns2.close()
    const srv = createServer()
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
    const port = (srv.address() as AddressInfo).port
    await new Promise<void>((r) => srv.close(() => r()))
    const refused = new ZendeskClient({ baseUrl: `http://127.0.0.1:${port}`, appId: 'a', keyId: 'k', keySecret: 'secret-x', retry: fast, secrets })
    const e = await failure(refused.getApp())
    expect(e.code).toBe('zendesk-connection-refused')
    expect(e.details.attempts).toBe(4)
    await refused.close()
  })

  it('never follows a redirect with credentials to another host; schema mismatch is its own error', async () => {
    const seen: (string | undefined)[] = []
    const other: Server = createServer((req, res) => {
      seen.push(req.headers.authorization)
      res.end('{}')
    })
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
    const redirector: Server = createServer((req, res) => {
      if (req.url?.includes('/v2/apps/a/integrations')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"integrations":"nope"}')
        return
      }
      res.writeHead(302, { location: `${otherUrl}/steal?token=x` }).end()
    })
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r))
    const c = new ZendeskClient({ baseUrl: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`, appId: 'a', keyId: 'k', keySecret: 'secret-y', retry: fast, secrets })
    const e = await failure(c.getApp())
    expect(e.code).toBe('zendesk-redirect')
    expect(e.details.redirectTo).toBe(`${otherUrl}/steal`)
    expect(seen).toEqual([])
    const bad = await failure(c.listIntegrations())
    expect(bad.code).toBe('zendesk-unexpected-response')
    await c.close()
    await new Promise<void>((r) => redirector.close(() => r()))
    await new Promise<void>((r) => other.close(() => r()))
  })

  it('maps 409 (by Zendesk\'s own title), 423 and a TLS failure to their own errors', async () => {
    await client.createUser({ externalId: 'dup' })
    const dup = await failure(client.createUser({ externalId: 'dup' }))
    expect(dup.code).toBe('zendesk-already-exists')
    expect(dup.message).toContain('User already exists')
    const user = await client.createUser({ externalId: 'locked' })
    const conv = await client.createConversation({ type: 'personal', participants: [{ userId: user.id }] })
    sb.faults.add({ method: 'POST', path: '/v2/apps/*/conversations/*/messages', kind: 'status', status: 423, count: 1 })
    const locked = await failure(client.postMessage(conv.id, { author: { type: 'user', userId: user.id }, content: { type: 'text', text: 'x' } }))
    expect(locked.code).toBe('zendesk-locked')
    expect(locked.details.attempts).toBe(1)
    // https:// against a plain-HTTP port: the TLS handshake fails, as with an intercepting proxy.
    const tls = new ZendeskClient({ baseUrl: sb.zendeskUrl.replace('http://', 'https://'), appId: sb.appId, keyId: 'k', keySecret: 'secret-z', retry: fast, secrets })
    const e = await failure(tls.getApp())
    expect(e.code).toBe('zendesk-tls')
    expect(e.details.attempts).toBe(1)
    await tls.close()
  })

  it('caps the response size and redacts secrets echoed in error bodies', async () => {
    const big: Server = createServer((req, res) => {
      if (req.url?.endsWith('/echo')) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'bad_request', title: 'bad key echo-secret-123' }] }))
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ app: { id: 'x', pad: 'y'.repeat(5000) } }))
    })
    await new Promise<void>((r) => big.listen(0, '127.0.0.1', r))
    const c = new ZendeskClient({ baseUrl: `http://127.0.0.1:${(big.address() as AddressInfo).port}`, appId: 'a', keyId: 'k', keySecret: 'echo-secret-123', retry: fast, secrets, maxResponseBytes: 1000 })
    expect((await failure(c.getApp())).code).toBe('zendesk-response-too-large')
    const echo = await failure(c.getIntegration('echo'.replace('echo', '../echo')))
    expect(JSON.stringify(echo.toData())).not.toContain('echo-secret-123')
    await c.close()
    await new Promise<void>((r) => big.close(() => r()))
  })
})
