import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { MASKED_SECRET } from '../../shared/gateway/curl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../electron/core/api/dispatch'
import { createHandlers } from '../../electron/core/api/handlers'
import { createMemoryClipboard, type Host } from '../../electron/core/api/host'
import type { HandlerContext } from '../../electron/core/api/context'
import { TaskRegistry } from '../../electron/core/api/tasks'
import { runBurst } from '../../electron/core/gateway/burst'
import { runLiveRoundTrip } from '../../electron/core/gateway/round-trip'
import { runCli } from '../../electron/cli/program'
import { WebhookPayload } from '../../shared/webhook-events'
import type { TaskProgress } from '../../shared/contract/push'
import { createGatewayWorld, filesContaining, type GatewayWorld } from './gateway-fixture'

/**
 * Bursts, the live round trip, the contract calls (replay, copy as curl, export) and the CLI, all
 * against the sandbox; no answer, file, clipboard-free output or CLI line carries the secret.
 */
let w: GatewayWorld
const clipboard = createMemoryClipboard()
const progress: TaskProgress[] = []
let ctx: HandlerContext
const handlers = createHandlers()
let exportPath = ''

beforeAll(async () => {
  w = await createGatewayWorld()
  const host: Host = {
    kind: 'harness',
    clipboard,
    openExternal: async () => undefined,
    showFolder: async () => undefined,
    chooseSavePath: async (name) => (exportPath = join(w.dataDir, 'exports-' + name))
  }
  ctx = { services: w.services, host, tasks: new TaskRegistry(), emit: (_n, p) => void progress.push(p as TaskProgress) }
})
afterAll(async () => {
  expect(filesContaining(w.dataDir, w.webhookSecret)).toEqual([])
  await w.close()
})

const call = async (channel: string, input: unknown) => {
  const r = await dispatch(handlers, channel, input, ctx)
  expect(JSON.stringify(r)).not.toContain(w.webhookSecret)
  return r
}

const cli = async (argv: string[]) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => (out += d))
  stderr.on('data', (d) => (err += d))
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough(), env: { ...process.env, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService } })
  expect(out + err).not.toContain(w.webhookSecret)
  return { code, out, err }
}

describe('burst', () => {
  it('sends N at concurrency C and reports p50/p95/max and counts by verdict and status', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'status', status: 503, count: 3 })
    const ticks: number[] = []
    const b = await runBurst(w.services, { profileRef: w.profile.id, count: 20, concurrency: 4, type: 'conversation:message', onProgress: (d) => ticks.push(d.done) })
    w.sandbox.faults.clear()
    expect(b).toMatchObject({ requested: 20, completed: 20, cancelled: false, concurrency: 4, byVerdict: { accepted: 17, retried: 3 }, byStatus: { '200': 17, '503': 3 } })
    expect(b.stats.count).toBe(20)
    expect(b.stats.p50).toBeLessThanOrEqual(b.stats.p95)
    expect(b.stats.p95).toBeLessThanOrEqual(b.stats.max)
    expect(b.latencies).toHaveLength(20)
    expect(b.firstError?.message).toContain('503')
    expect(ticks.at(-1)).toBe(20)
    // Over a keep-alive pool: at most one connection per concurrent event, the rest reuse them.
    expect(b.connections?.opened).toBeGreaterThanOrEqual(1)
    expect(b.connections?.opened).toBeLessThanOrEqual(4)
    expect(b.connections!.opened + b.connections!.reused).toBe(20)
    await w.sandbox.settled()
  })

  it('is bounded and cancellable through the contract', async () => {
    const tooMany = await call('runBurst', { profileRef: w.profile.id, taskId: 'burst-too-many', count: 501, concurrency: 1 })
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const tooWide = await call('runBurst', { profileRef: w.profile.id, taskId: 'burst-too-wide', count: 5, concurrency: 51 })
    expect(tooWide).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    w.sandbox.faults.add({ target: 'gateway', kind: 'slow', delayMs: 50 })
    const running = call('runBurst', { profileRef: w.profile.id, taskId: 'burst-cancel-1', count: 200, concurrency: 2 })
    await new Promise((r) => setTimeout(r, 250))
    expect(await call('cancelTask', { taskId: 'burst-cancel-1' })).toMatchObject({ ok: true, value: { cancelled: true } })
    const r = await running
    w.sandbox.faults.clear()
    expect(r.ok).toBe(true)
    if (r.ok) {
      const v = r.value as { cancelled: boolean; completed: number }
      expect(v.cancelled).toBe(true)
      expect(v.completed).toBeLessThan(200)
    }
    expect(progress.some((p) => p.taskId === 'burst-cancel-1' && p.kind === 'burst')).toBe(true)
    await w.sandbox.settled()
  })
})

describe('live round trip in the sandbox', () => {
  it('creates a user and conversation, and the agent replies with its name and avatar', async () => {
    w.sandbox.setAgent({ name: 'Aissist Test Agent' })
    const r = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 300 })
    expect(r.verdict).toBe('replied')
    expect(r.reply).toMatchObject({ authorName: 'Aissist Test Agent', avatarUrl: w.sandbox.state.agent.avatarUrl })
    expect(r.steps.map((s) => s.id)).toEqual(['user', 'conversation', 'message', 'gateway', 'reply', 'identity', 'echo', 'cleanup'])
    expect(r.steps.find((s) => s.id === 'echo')).toMatchObject({ status: 'pass' })
    expect(r.businessReplies).toBe(1)
    expect(r.leftBehind).toEqual([])
    expect(r.steps.at(-1)).toMatchObject({ id: 'cleanup', status: 'pass' })
    expect(r.steps.at(-1)?.message).toContain(r.userId)
    await w.sandbox.settled()
    expect(w.sandbox.state.users.some((u) => u.id === r.userId)).toBe(false)
    expect(w.sandbox.state.conversations.some((c) => c.conversation.id === r.conversationId)).toBe(false)
  })

  it('cleans up when waiting is cancelled, and names what it could not remove', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'unauthorized' })
    const ac = new AbortController()
    const cancelled = await runLiveRoundTrip(w.services, {
      profileRef: w.profile.id,
      timeoutMs: 10_000,
      pollMs: 20,
      signal: ac.signal,
      onStep: (s) => void (s.id === 'reply' && s.status === 'waiting' && ac.abort())
    })
    expect(cancelled.verdict).toBe('cancelled')
    expect(cancelled.leftBehind).toEqual([])
    expect(w.sandbox.state.users.some((u) => u.id === cancelled.userId)).toBe(false)
    expect(w.sandbox.state.conversations.some((c) => c.conversation.id === cancelled.conversationId)).toBe(false)

    w.sandbox.faults.add({ method: 'DELETE', path: '/v2/apps/*/users/*', kind: 'status', status: 403 })
    const stuck = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 200, pollMs: 20 })
    w.sandbox.faults.clear()
    expect(stuck.verdict).toBe('no-reply')
    expect(stuck.leftBehind).toEqual([`test user ${stuck.userId}`, `conversation ${stuck.conversationId}`])
    expect(stuck.steps.at(-1)).toMatchObject({ id: 'cleanup', status: 'warn' })
    expect(stuck.steps.at(-1)?.message).toContain('403')
    expect(w.sandbox.state.users.some((u) => u.id === stuck.userId)).toBe(true)
    await w.sandbox.settled()
  })

  it('says so when the gateway refuses Zendesk (no reply), through the contract with progress', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'unauthorized' })
    const r = await call('runLiveRoundTrip', { profileRef: w.profile.id, taskId: 'roundtrip-401', timeoutMs: 1500 })
    w.sandbox.faults.clear()
    expect(r).toMatchObject({ ok: true, value: { verdict: 'no-reply', leftBehind: [] } })
    expect(progress.some((p) => p.taskId === 'roundtrip-401' && p.kind === 'round-trip' && p.payload.id === 'cleanup' && p.payload.status === 'pass')).toBe(true)
    expect(progress.some((p) => p.taskId === 'roundtrip-401' && p.kind === 'round-trip' && p.payload.id === 'user' && p.payload.status === 'pass')).toBe(true)
    await w.sandbox.settled()
  })
})

describe('contract calls', () => {
  it('previews, sends, lists, replays, copies as curl (masked, then revealed only to the clipboard) and exports', async () => {
    const preview = await call('previewTestEvent', { profileRef: w.profile.id, type: 'conversation:create' })
    expect(preview).toMatchObject({ ok: true, value: { request: { method: 'POST', url: w.profile.gatewayUrl, headers: { 'x-api-key': MASKED_SECRET } } } })

    const sent = await call('sendTestEvent', { profileRef: w.profile.id, type: 'conversation:message', text: 'via contract', userName: 'Ana', sourceType: 'sms' })
    expect(sent).toMatchObject({ ok: true, value: { response: { status: 200, zendeskView: { verdict: 'accepted' } } } })
    const historyId = (sent as { value: { historyId: string } }).value.historyId

    const list = await call('listEventHistory', { profileRef: w.profile.id })
    expect((list as { value: { entries: { id: string }[] } }).value.entries[0].id).toBe(historyId)

    const replay = await call('replayEvent', { historyId })
    expect(replay).toMatchObject({ ok: true, value: { response: { status: 200 } } })
    const replayed = (replay as { value: { response: { request: { body: unknown } } } }).value.response.request.body
    const original = (sent as { value: { response: { request: { body: unknown } } } }).value.response.request.body
    expect(WebhookPayload.parse(replayed)).toEqual(original)

    const masked = await call('copyCurl', { historyId, reveal: false })
    expect(masked).toMatchObject({ ok: true, value: { copied: true, revealed: false } })
    expect(clipboard.readText()).toContain(`-H 'x-api-key: ${MASKED_SECRET}'`)
    expect(clipboard.readText()).toContain('via contract')

    const revealed = await call('copyCurl', { historyId, reveal: true })
    expect(revealed).toMatchObject({ ok: true, value: { copied: true, revealed: true } })
    expect(clipboard.readText()).toContain(`x-api-key: ${w.webhookSecret}`)
    expect((revealed as { value: { curl: string } }).value.curl).toContain(MASKED_SECRET)
    w.services.vault.clipboard.clearIfOurs()

    const exported = await call('exportEventHistory', { profileRef: w.profile.id })
    expect(exported).toMatchObject({ ok: true, value: { path: exportPath } })
    const doc = JSON.parse(readFileSync(exportPath, 'utf8'))
    expect(doc.entries.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(doc)).not.toContain(w.webhookSecret)

    expect(await call('replayEvent', { historyId: 'nope' })).toMatchObject({ ok: false, error: { code: 'history-entry-not-found' } })
    expect(await call('sendTestEvent', { profileRef: w.profile.id, type: 'conversation:message', secretOverride: 'typed-wrong-secret' })).toMatchObject({
      ok: true,
      value: { response: { status: 401, zendeskView: { verdict: 'dropped' } } }
    })
    expect(await call('probeGateway', { profileRef: w.profile.id })).toMatchObject({ ok: true, value: { response: { status: 200 } } })
    await w.sandbox.settled()
  })
})

describe('aissist-zd events', () => {
  it('--dry-run prints the exact request, secret masked, body the payload object, and sends nothing', async () => {
    const before = w.sandbox.state.gatewayReceived.length
    const r = await cli(['events', 'send', '--profile', w.profile.name, '--type', 'conversation:message', '--text', 'dry', '--dry-run', '--json'])
    expect(r.code).toBe(0)
    const { request } = JSON.parse(r.out)
    expect(Object.keys(request).sort()).toEqual(['body', 'headers', 'method', 'url'])
    expect(request).toMatchObject({ method: 'POST', url: w.profile.gatewayUrl, headers: { 'x-api-key': MASKED_SECRET, 'content-type': 'application/json' } })
    expect(WebhookPayload.safeParse(request.body).success).toBe(true)
    expect(request.body.events[0].payload.message.content.text).toBe('dry')
    expect(w.sandbox.state.gatewayReceived.length).toBe(before)
  })

  it('send exits 0 when accepted and non-zero with the explanation otherwise', async () => {
    const ok = await cli(['events', 'send', '--profile', w.profile.id, '--type', 'conversation:create', '--json'])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, response: { status: 200, zendeskView: { verdict: 'accepted' } } })
    w.sandbox.faults.add({ target: 'gateway', kind: 'unauthorized', count: 1 })
    const bad = await cli(['events', 'send', '--profile', w.profile.id])
    expect(bad.code).not.toBe(0)
    expect(bad.out).toMatch(/401/)
    expect(bad.out).toMatch(/webhook secret/)
    await w.sandbox.settled()
  })

  it('send --count --concurrency runs a burst; head and roundtrip work', async () => {
    const b = await cli(['events', 'send', '--profile', w.profile.id, '--count', '6', '--concurrency', '3', '--json'])
    expect(b.code).toBe(0)
    expect(JSON.parse(b.out)).toMatchObject({ requested: 6, completed: 6, byVerdict: { accepted: 6 } })
    const h = await cli(['events', 'head', '--profile', w.profile.id])
    expect(h.code).toBe(0)
    expect(h.out).toContain('HEAD')
    const rt = await cli(['events', 'roundtrip', '--profile', w.profile.id, '--timeout', '10000', '--echo-wait', '300'])
    expect(rt.code).toBe(0)
    expect(rt.out).toMatch(/reply by: /)
    expect((await cli(['events', 'send', '--profile', w.profile.id, '--count', '501'])).code).toBe(64)
    await w.sandbox.settled()
  })
})
