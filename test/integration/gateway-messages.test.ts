import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { runLiveRoundTrip } from '../../electron/core/gateway/round-trip'
import { sendTestEvent } from '../../electron/core/gateway/test-event'
import { AUTHOR_TYPES, CONTENT_TYPES, TEST_EVENT_SOURCES } from '../../shared/webhook-events'
import { describeAjvErrors, openApiExample, openApiMissingReason, openApiValidator } from '../support/openapi-schema'
import { createGatewayWorld, type GatewayWorld } from './gateway-fixture'
import { startReceiver, type Receiver } from './sandbox-fixture'

/**
 * Every message a gateway sees, as the product sends it: each author (the business's echo with the
 * customer's agent name and avatar), content and channel through `events send --dry-run --json`,
 * checked against the official OpenAPI schemas; the spec's own example replayed as it is with
 * `--payload-file`; the live round trip failing on a gateway that answers its own echo; a long
 * Retry-After from the gateway turned into a time to send again.
 */

const missing = openApiMissingReason()
if (missing) console.warn(`gateway-messages: spec checks skipped: ${missing}`)

let w: GatewayWorld
let rx: Receiver
let tmp: string

beforeAll(async () => {
  w = await createGatewayWorld()
  rx = await startReceiver()
  tmp = mkdtempSync(join(tmpdir(), 'payload-file-'))
  w.profile = await w.services.vault.updateProfile(w.profile.id, { agentName: 'Aissist Agent', avatarUrl: w.sandbox.state.agent.avatarUrl })
})
afterAll(async () => {
  await w.close()
  await rx.close()
  rmSync(tmp, { recursive: true, force: true })
})

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

const dryRun = async (args: string[]) => {
  const r = await cli(['events', 'send', '--customer', w.profile.id, ...args, '--dry-run', '--json'])
  expect(r.code, r.err).toBe(0)
  const parsed = JSON.parse(r.out) as { request: { method: string; url: string; headers: Record<string, string>; body: { app: unknown; webhook: unknown; events: Record<string, unknown>[] } } }
  expect(Object.keys(parsed)).toEqual(['request'])
  expect(Object.keys(parsed.request).sort()).toEqual(['body', 'headers', 'method', 'url'])
  return parsed.request
}

describe.skipIf(missing)('events send --dry-run --json against the official schemas', () => {
  const message = missing ? null : openApiValidator('conversationMessageEvent')
  const create = missing ? null : openApiValidator('conversationCreateEvent')
  const app = missing ? null : openApiValidator('appSubSchema')
  const hook = missing ? null : openApiValidator('webhookSubSchema')

  const pairs = AUTHOR_TYPES.flatMap((author) => CONTENT_TYPES.map((content) => ({ author, content })))
  it.each(pairs)('author $author, content $content', async ({ author, content }) => {
    const { body } = await dryRun(['--author', author, '--content', content])
    const event = body.events[0]
    expect(app!(body.app), describeAjvErrors(app!.errors)).toBe(true)
    expect(hook!(body.webhook), describeAjvErrors(hook!.errors)).toBe(true)
    expect(message!(event), `${describeAjvErrors(message!.errors)}\n${JSON.stringify(event, null, 1)}`).toBe(true)
    const m = (event.payload as { message: { author: Record<string, unknown>; content: { type: string } } }).message
    expect(m.author.type).toBe(author)
    expect(m.content.type).toBe(content)
    if (author === 'business') expect(m.author).toMatchObject({ displayName: 'Aissist Agent', avatarUrl: w.sandbox.state.agent.avatarUrl })
  })

  it.each(TEST_EVENT_SOURCES.map((source) => ({ source })))('source $source (message and create)', async ({ source }) => {
    const msg = await dryRun(['--source', source])
    expect(message!(msg.body.events[0]), describeAjvErrors(message!.errors)).toBe(true)
    const src = (msg.body.events[0].payload as { message: { source: { type: string } } }).message.source
    expect(src.type).toBe(source === 'sms' ? 'twilio' : source)
    const made = await dryRun(['--type', 'conversation:create', '--source', source])
    expect(create!(made.body.events[0]), describeAjvErrors(create!.errors)).toBe(true)
  })

  it('refuses an author, content or source Zendesk does not have (usage error)', async () => {
    expect((await cli(['events', 'send', '--customer', w.profile.id, '--author', 'bot', '--dry-run'])).code).toBe(64)
    expect((await cli(['events', 'send', '--customer', w.profile.id, '--content', 'carousel', '--dry-run'])).code).toBe(64)
    expect((await cli(['events', 'send', '--customer', w.profile.id, '--source', 'sms-gateway', '--dry-run'])).code).toBe(64)
  })
})

describe.skipIf(missing)('events send --payload-file', () => {
  it('replays the spec\'s conversationMessageEvent example as it is (dry run and delivery)', async () => {
    const example = openApiExample('conversationMessageEvent')
    const file = join(tmp, 'captured.json')
    writeFileSync(file, JSON.stringify(example, null, 2))
    const { body } = await dryRun(['--payload-file', file])
    expect(body).toEqual(example)
    const other = await w.services.vault.createProfile({
      name: 'Receiver Co',
      apiBaseUrl: w.sandbox.zendeskUrl,
      appId: w.sandbox.appId,
      keyId: w.sandbox.keyId,
      gatewayUrl: rx.url('/gateway'),
      allowPrivate: true,
      keySecret: w.sandbox.keySecret,
      webhookSecret: 'receiver-webhook-secret'
    })
    const sent = await cli(['events', 'send', '--customer', other.id, '--payload-file', file])
    expect(sent.code, sent.out + sent.err).toBe(0)
    const got = rx.received.find((x) => x.path === '/gateway')
    expect(got?.body).toEqual(example)
    expect(got?.headers['x-api-key']).toBe('receiver-webhook-secret')
  })

  it('names the first invalid field of a payload that is not one Zendesk sends (exit 64), and sends nothing', async () => {
    const example = structuredClone(openApiExample('conversationMessageEvent')) as { events: { payload: { message: { author: { type: string } } } }[] }
    example.events[0].payload.message.author.type = 'robot'
    const file = join(tmp, 'bad.json')
    writeFileSync(file, JSON.stringify(example))
    const before = w.sandbox.state.gatewayReceived.length
    const r = await cli(['events', 'send', '--customer', w.profile.id, '--payload-file', file])
    expect(r.code).toBe(64)
    expect(r.err).toContain('events[0].payload.message.author.type')
    const notJson = join(tmp, 'not.json')
    writeFileSync(notJson, '{"app": ')
    const r2 = await cli(['events', 'send', '--customer', w.profile.id, '--payload-file', notJson])
    expect(r2.code).toBe(64)
    expect(r2.err).toMatch(/not valid JSON/)
    expect(w.sandbox.state.gatewayReceived.length).toBe(before)
  })
})

describe('the live round trip and the echo', () => {
  it('fails when the gateway answers its own echo (the sandbox\'s echo-loop gateway)', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'echo-loop', maxLoops: 3 })
    try {
      const r = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 1500 })
      expect(r.verdict).toBe('echo-loop')
      expect(r.businessReplies).toBeGreaterThan(1)
      expect(r.steps.find((s) => s.id === 'echo')).toMatchObject({ status: 'fail' })
      expect(r.steps.find((s) => s.id === 'identity')).toMatchObject({ status: 'pass' })
      expect(r.message).toMatch(/answered its own echo/)
      expect(r.fix).toMatch(/author type is business/)
      expect(w.sandbox.state.echoLoops.some((l) => l.replies > 0)).toBe(true)
      const viaCli = await cli(['events', 'roundtrip', '--customer', w.profile.id, '--timeout', '10000', '--echo-wait', '1500'])
      expect(viaCli.code).toBe(1)
      expect(viaCli.out).toMatch(/answered its own echo/)
    } finally {
      w.sandbox.faults.clear()
      await w.sandbox.settled()
    }
  })

  it('a loop fails whether it answers fast or thinks for seconds before each answer; a two-part answer at once passes', async () => {
    // A gateway answering its echoes after 500 ms each, as a real one calling a model would.
    w.sandbox.faults.add({ target: 'gateway', kind: 'echo-loop', maxLoops: 20, delayMs: 500 })
    try {
      const r = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 3000 })
      expect(r.verdict).toBe('echo-loop')
      expect(r.businessReplies).toBeGreaterThanOrEqual(4)
      expect(r.steps.find((s) => s.id === 'echo')).toMatchObject({ status: 'fail', message: expect.stringMatching(/the gateway answered its own echo/) })
    } finally {
      w.sandbox.faults.clear()
      await w.sandbox.settled()
    }
    // One that thinks 2 s per answer: one more reply by the end of the watch, then the watch goes
    // on as long again, and the loop shows itself.
    w.sandbox.faults.add({ target: 'gateway', kind: 'echo-loop', maxLoops: 20, delayMs: 2000 })
    try {
      const r = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 3000 })
      expect(r.verdict).toBe('echo-loop')
      expect(r.steps.find((s) => s.id === 'echo')?.message).toMatch(/still arriving seconds apart/)
    } finally {
      w.sandbox.faults.clear()
      await w.sandbox.settled()
    }
    w.sandbox.setAgent({ parts: 2 })
    try {
      const r = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 1000 })
      expect(r.verdict).toBe('replied')
      expect(r.businessReplies).toBe(2)
      expect(r.steps.find((s) => s.id === 'echo')).toMatchObject({ status: 'pass', message: expect.stringMatching(/two parts at once/) })
    } finally {
      w.sandbox.setAgent({ parts: 1 })
      await w.sandbox.settled()
    }
  })

  it('one late second reply and then nothing, even after a longer watch, warns (a late part) and the round trip still counts as replied', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'echo-loop', maxLoops: 1, delayMs: 2000 })
    try {
      const r = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 3000 })
      expect(r.verdict).toBe('replied')
      expect(r.businessReplies).toBe(2)
      expect(r.steps.find((s) => s.id === 'echo')).toMatchObject({ status: 'warn', message: expect.stringMatching(/late second part/) })
      expect(r.fix).toMatch(/Run the round trip again/)
    } finally {
      w.sandbox.faults.clear()
      await w.sandbox.settled()
    }
  })

  it('fails when the reply comes from another name than the customer\'s agent, and passes with the same name and avatar', async () => {
    w.sandbox.setAgent({ name: 'Some Other Bot' })
    const other = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 200 })
    expect(other.verdict).toBe('other-author')
    expect(other.steps.find((s) => s.id === 'identity')).toMatchObject({ status: 'fail' })
    w.sandbox.setAgent({ name: 'Aissist Agent' })
    const same = await runLiveRoundTrip(w.services, { profileRef: w.profile.id, timeoutMs: 10_000, pollMs: 50, echoWaitMs: 200 })
    expect(same.verdict).toBe('replied')
    expect(same.steps.find((s) => s.id === 'identity')?.message).toMatch(/replied as "Aissist Agent", with the customer's avatar/)
    await w.sandbox.settled()
  })

  it('a gateway asking to wait more than a minute is told when to send again, not that retries ran out', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'rate-limit', retryAfter: '600', count: 1 })
    const r = await sendTestEvent(w.services, { profileRef: w.profile.id, type: 'conversation:message' })
    expect(r.response.status).toBe(429)
    expect(r.response.zendeskView.message).toMatch(/asked to wait 10 min/)
    expect(r.response.zendeskView.fix).toMatch(/^Send test events again after (\w{3} \d+, )?\d{2}:\d{2}\./)
  })
})
