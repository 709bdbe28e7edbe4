import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calls, channels } from '../../shared/contract'
import { createHandlers } from '../../electron/core/api/handlers'
import { dispatch } from '../../electron/core/api/dispatch'
import { TaskRegistry } from '../../electron/core/api/tasks'
import type { HandlerContext } from '../../electron/core/api/context'
import { createServices, type Services } from '../../electron/core/services'
import { createHarnessHost } from '../../electron/harness/harness-host'
import { startHarness, type Harness } from '../../electron/harness/server'
import { findCanaries } from '../support/secret-canaries'

/**
 * IPC fuzzing: random and malformed payloads at every contract channel (read from the contract, so
 * new calls are fuzzed as soon as they exist), through the dispatcher Electron's IPC uses and
 * through the harness's HTTP endpoint. Seeded and bounded: the same payloads on every run.
 */
const PER_CHANNEL = 200
const PER_CHANNEL_HTTP = 25
// A guard against a hung handler as channels are added (no timing is asserted).
const CANARIES = ['CANARY-fuzz-5e1d0a8b3c7f', 'Canary_Secret_9d2c4b6a8e0f']
const STACK = /\n\s+at /

/** mulberry32: a tiny seeded PRNG, so a failure replays exactly. */
const prng = (seed: number): (() => number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const seedOf = (s: string): number => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 17)

const STRINGS = [
  '',
  ' ',
  'a',
  '0',
  'null',
  'undefined',
  '../../etc/passwd',
  '%2e%2e%2f',
  'https://127.0.0.1:9/evil',
  'http://localhost:1/x.png',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  "'; DROP TABLE profiles; --",
  '\u0000',
  '\ud800',
  '\u202egnp.exe',
  '🙂👍🏽',
  'zendesk',
  'app_65a1b2c3d4e5f6a7b8c9d0e1',
  '65a1b2c3d4e5f6a7b8c9d0e1',
  'task-123456',
  'keySecret',
  'webhookSecret'
]
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'id', 'name', 'ref', 'url', 'text', 'taskId', 'value', 'kind', ...CANARIES]

/** Keys the channel's own input schema knows, so payloads are near-misses, not only noise. */
const schemaKeys = (channel: string): string[] => {
  const input = calls[channel as keyof typeof calls].input as unknown as { shape?: Record<string, unknown> }
  return input.shape ? Object.keys(input.shape) : []
}

const makeGen = (channel: string, seedLabel = channel) => {
  const rnd = prng(seedOf(seedLabel))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const own = schemaKeys(channel)
  const str = (): string => {
    switch (Math.floor(rnd() * 6)) {
      case 0:
        return pick(CANARIES)
      case 1:
        return `prefix ${pick(CANARIES)} suffix`
      case 2:
        return pick(['x', '🙂', 'é', '\u0000', 'A']).repeat(1 + Math.floor(rnd() * (rnd() < 0.1 ? 300_000 : 5_000)))
      default:
        return pick(STRINGS)
    }
  }
  const deep = (depth: number): unknown => {
    let v: unknown = pick(CANARIES)
    for (let i = 0; i < depth; i++) v = rnd() < 0.5 ? [v] : { [pick([...own, 'a'])]: v }
    return v
  }
  const value = (depth: number): unknown => {
    const r = rnd()
    if (depth > 3 || r < 0.35) {
      return pick<unknown>([null, undefined, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, -0, str(), str(), str()])
    }
    if (r < 0.5) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1))
    if (r < 0.55) return deep(100 + Math.floor(rnd() * 1000))
    return obj(depth + 1)
  }
  const obj = (depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {}
    const n = Math.floor(rnd() * 4)
    for (let i = 0; i < n; i++) {
      const key = rnd() < 0.6 && own.length ? pick(own) : pick(KEYS)
      // defineProperty: a literal "__proto__" key, as JSON.parse would make it, not a prototype swap.
      Object.defineProperty(o, key, { value: value(depth), enumerable: true, configurable: true, writable: true })
    }
    return o
  }
  return (): unknown => {
    const r = rnd()
    if (r < 0.15) return value(4)
    if (r < 0.2) return JSON.parse(`{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`)
    if (r < 0.25) return deep(1500)
    return obj(0)
  }
}

/** Every string in an answer (keys included), to look for stacks and canaries. */
const strings = (v: unknown, out: string[] = []): string[] => {
  if (typeof v === 'string') out.push(v)
  else if (Array.isArray(v)) for (const x of v) strings(x, out)
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k)
      strings(x, out)
    }
  }
  return out
}

const dir = mkdtempSync(join(tmpdir(), 'aissist-fuzz-'))
const keychainService = `aissist-fuzz-${process.pid}-${Date.now()}`
let services: Services
let harness: Harness
const crashes: unknown[] = []
const onCrash = (e: unknown): void => {
  crashes.push(e)
}

beforeAll(async () => {
  // Valid payloads reach the real handlers: startSandboxProfile starts an embedded sandbox, which
  // must not take the app's fixed port, and is stopped by the shutdown hooks below.
  process.env.AISSIST_SANDBOX_PORT = '0'
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  services = createServices({ dataDir: join(dir, 'data'), keychainService, vault: { clipboardClearMs: 50 } })
  for (const c of CANARIES) services.secrets.add(c)
  harness = await startHarness({ rendererDir: join(dir, 'renderer'), services, host: createHarnessHost(join(dir, 'exports'), () => undefined), handlers: createHandlers() })
})

afterAll(async () => {
  await harness?.close()
  await services.shutdown()
  process.off('uncaughtException', onCrash)
  process.off('unhandledRejection', onCrash)
  for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
  rmSync(dir, { recursive: true, force: true })
})

const describePayload = (channel: string, payload: unknown): string => {
  try {
    return `${channel} ← ${String(JSON.stringify(payload)).slice(0, 160)}`
  } catch {
    return `${channel} ← (too deep to print)`
  }
}

/** Checks one answer; the payload is only printed (expensive for deep ones) when a check fails. */
const checkAnswer = (channel: string, payload: unknown, answer: unknown, valid: boolean): void => {
  const a = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown; fix?: unknown } }
  const wellFormedError = (e: typeof a.error): boolean => !!e && typeof e.code === 'string' && typeof e.message === 'string' && typeof e.fix === 'string'
  const texts = strings(answer)
  const problems = [
    typeof a?.ok !== 'boolean' && 'the answer has no boolean "ok"',
    !valid && !(a.ok === false && a.error?.code === 'invalid-input') && `an invalid payload was not answered invalid-input: ${JSON.stringify(answer).slice(0, 300)}`,
    a.ok === false && !wellFormedError(a.error) && 'an error without code, message and fix',
    texts.some((t) => STACK.test(t)) && 'a stack trace in the answer',
    findCanaries([{ name: channel, text: texts.join('\n') }], CANARIES).length > 0 && 'a planted canary secret in the answer'
  ].filter(Boolean)
  if (problems.length) expect(problems, describePayload(channel, payload)).toEqual([])
}

describe('IPC fuzzing', () => {
  it(`sends ${PER_CHANNEL} random and malformed payloads to every contract channel through dispatch`, async () => {
    const ctx: HandlerContext = { services, host: createHarnessHost(join(dir, 'exports'), () => undefined), tasks: new TaskRegistry(), emit: () => undefined }
    const handlers = createHandlers()
    let validSeen = 0
    expect(channels.length).toBeGreaterThan(0)
    for (const channel of channels) {
      const gen = makeGen(channel)
      for (let i = 0; i < PER_CHANNEL; i++) {
        const payload = gen()
        const valid = calls[channel].input.safeParse(payload === undefined ? {} : payload).success
        if (valid) validSeen++
        // dispatch must never throw: a rejection here fails the test with the channel's name.
        const answer = await dispatch(handlers, channel, payload, ctx).catch((e: unknown) => ({ escaped: String(e) }))
        checkAnswer(channel, payload, answer, valid)
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(crashes).toEqual([])
    // Most payloads are invalid by construction; the rest reached real handlers and still answered.
    expect(validSeen).toBeLessThan(channels.length * PER_CHANNEL)
  }, 180_000)

  it('refuses unknown and prototype channel names', async () => {
    const ctx: HandlerContext = { services, host: createHarnessHost(join(dir, 'exports'), () => undefined), tasks: new TaskRegistry(), emit: () => undefined }
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'getAppInfo ', 'GETAPPINFO', null, 42, {}, CANARIES[0]]) {
      const answer = await dispatch(createHandlers(), name, {}, ctx)
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
      expect(JSON.stringify(answer)).not.toContain(CANARIES[0])
    }
  })

  it(`sends ${PER_CHANNEL_HTTP} payloads per channel and malformed bodies through the harness endpoint`, async () => {
    const post = async (channel: string, body: string) => {
      const r = await request(`${harness.url}/api/call/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-harness-token': harness.token },
        body
      })
      return { status: r.statusCode, text: await r.body.text() }
    }
    for (const channel of channels) {
      const gen = makeGen(channel, `http:${channel}`)
      for (let i = 0; i < PER_CHANNEL_HTTP; i++) {
        const body = JSON.stringify(gen()) ?? 'null'
        const { status, text } = await post(channel, body)
        expect(status, channel).toBe(200)
        const sent = JSON.parse(body) as unknown
        checkAnswer(channel, sent, JSON.parse(text), calls[channel].input.safeParse(sent === undefined ? {} : sent).success)
      }
      for (const bad of ['{', '', 'undefined', '{"a":}', '\u0000', `"${CANARIES[0]}`, '[' .repeat(100_000)]) {
        const { status, text } = await post(channel, bad)
        expect([200, 400], `${channel} ← ${bad.slice(0, 20)}`).toContain(status)
        const answer = JSON.parse(text) as unknown
        expect(answer).toMatchObject({ ok: false })
        expect(STACK.test(text)).toBe(false)
        expect(findCanaries([{ name: channel, text }], CANARIES)).toEqual([])
      }
    }
    // The harness (standing in for the main process) is still up and answering.
    const alive = await post('getAppInfo', '{}')
    expect(JSON.parse(alive.text)).toMatchObject({ ok: true })
    expect(crashes).toEqual([])
  }, 180_000)
})
