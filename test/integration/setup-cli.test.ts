import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { dispatch } from '../../electron/core/api/dispatch'
import { createHandlers } from '../../electron/core/api/handlers'
import type { HandlerContext } from '../../electron/core/api/context'
import { createMemoryClipboard } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import type { TaskProgress } from '../../shared/contract/push'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * `aissist-zd setup` in-process (plan, --yes, no terminal, --json), the planSetup/applySetup calls
 * through dispatch with their progress events and cancellation, and a real CLI process killed
 * right after its create reached Zendesk — the next run finds the integration and resumes.
 */
const ROOT = resolve(__dirname, '../..')
let world: SetupWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

const collect = (s: PassThrough): (() => string) => {
  let text = ''
  s.on('data', (d) => (text += d.toString()))
  return () => text
}

const cli = async (w: SetupWorld, argv: string[], opts: { tty?: boolean; typed?: string } = {}) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const stdin = Object.assign(new PassThrough(), opts.tty ? { isTTY: true, setRawMode: () => undefined } : {})
  const out = collect(stdout)
  const err = collect(stderr)
  if (opts.typed !== undefined) {
    const typed = opts.typed
    stderr.on('data', (d) => {
      if (String(d).includes('[y/N]')) stdin.write(typed)
    })
  }
  const env = { ...process.env, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService }
  const code = await runCli(argv, { stdout, stderr, stdin, env })
  return { code, out: out(), err: err() }
}

describe('aissist-zd setup', () => {
  it('--plan writes nothing; without a terminal and without --yes it refuses; --yes applies; --json has ok, steps, writes, plan', async () => {
    world = await startWorld()
    const w = world
    const p = await cli(w, ['setup', '--profile', w.profile.name, '--plan'])
    // Changes are pending: 3, like terraform's detailed exit code.
    expect(p.code).toBe(3)
    expect(p.out).toContain('Create the integration Aissistant_Conversation_Integration')
    expect(p.out).toContain(w.sandbox.appId)
    expect(w.ours()).toHaveLength(0)

    const refused = await cli(w, ['setup', '--profile', w.profile.name])
    expect(refused.code).not.toBe(0)
    expect(refused.err).toMatch(/--yes/)
    expect(w.ours()).toHaveLength(0)

    const yes = await cli(w, ['--json', 'setup', '--profile', w.profile.name, '--yes'])
    expect(yes.code).toBe(0)
    const json = JSON.parse(yes.out)
    expect(json.ok).toBe(true)
    expect(json.writes).toBe(1)
    expect(Array.isArray(json.plan)).toBe(true)
    expect(json.steps.map((s: { id: string }) => s.id)).toEqual(['credentials', 'connect', 'inspect', 'plan', 'apply', 'keep', 'verify', 'test-events', 'agent-identity', 'channel-bot'])
    for (const s of json.steps) expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'title', 'status', 'message']))
    expect(w.ours()).toHaveLength(1)
    expect(yes.out).not.toContain(w.sandbox.keySecret)
    expect(yes.out).not.toContain(w.ours()[0].webhooks![0].secret)

    const again = await cli(w, ['setup', '--profile', w.profile.name])
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/nothing to change/i)
  })

  it('asks on a terminal, and applies on "y"', async () => {
    world = await startWorld()
    const w = world
    const no = await cli(w, ['setup', '--profile', w.profile.name], { tty: true, typed: 'n\n' })
    expect(no.code).not.toBe(0)
    expect(w.ours()).toHaveLength(0)
    const r = await cli(w, ['setup', '--profile', w.profile.name], { tty: true, typed: 'y\n' })
    expect(r.err).toContain('Apply these changes to')
    expect(r.code).toBe(0)
    expect(w.ours()).toHaveLength(1)
  })

  it('exits non-zero naming the failed step on wrong credentials', async () => {
    world = await startWorld({}, { keySecret: 'wrong-secret-for-this-key-1234' })
    const r = await cli(world, ['setup', '--profile', world.profile.name, '--yes'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('Failed step: Zendesk reachable and credentials work')
    expect(r.out + r.err).toMatch(/HTTP 401/)
    expect(r.out + r.err).not.toContain('wrong-secret-for-this-key-1234')
  })

  it('leaves exactly one integration when the process is killed after its create, and the next run resumes', async () => {
    world = await startWorld()
    const w = world
    // The inspection's read passes; the read-back after the create stalls, so the kill lands after the write.
    w.sandbox.faults.add({ method: 'GET', path: '/v2/apps/*/integrations', kind: 'slow', delayMs: 1, count: 1 })
    w.sandbox.faults.add({ method: 'GET', path: '/v2/apps/*/integrations', kind: 'slow', delayMs: 60_000 })
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['electron/cli/index.ts', 'setup', '--profile', w.profile.id, '--yes'], {
      cwd: ROOT,
      env: { ...process.env, AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService },
      stdio: 'ignore'
    })
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)))
    for (let i = 0; i < 3000 && w.ours().length === 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(w.ours()).toHaveLength(1)
    for (let i = 0; i < 500 && (w.sandbox.faults.list()[0]?.hits ?? 0) === 0; i++) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    w.sandbox.faults.clear()

    const r = await cli(w, ['--json', 'setup', '--profile', w.profile.id, '--yes'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.writes).toBe(0)
    expect(w.ours()).toHaveLength(1)
    expect(await w.services.vault.getSecret(w.profile.id, 'webhookSecret')).toBe(w.ours()[0].webhooks![0].secret)
  }, 30_000)
})

describe('planSetup / applySetup calls', () => {
  const handlers = createHandlers()
  const ctxFor = (w: SetupWorld, events: TaskProgress[], tasks = new TaskRegistry()): HandlerContext => ({
    services: w.services,
    host: { kind: 'harness', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null },
    tasks,
    emit: (_n, p) => events.push(p as TaskProgress)
  })

  it('plans, refuses an apply without confirmation, applies with it, and emits progress per step', async () => {
    world = await startWorld()
    const w = world
    const events: TaskProgress[] = []
    const ctx = ctxFor(w, events)
    const taskId = `t-${randomUUID()}`
    const planned = await dispatch(handlers, 'planSetup', { profileRef: w.profile.name, taskId }, ctx)
    expect(planned.ok).toBe(true)
    expect(events.every((e) => e.taskId === taskId && e.kind === 'setup')).toBe(true)
    expect(events.some((e) => e.kind === 'setup' && e.payload.id === 'plan' && e.payload.status === 'pass')).toBe(true)
    expect(w.ours()).toHaveLength(0)

    const unconfirmed = await dispatch(handlers, 'applySetup', { profileRef: w.profile.name, taskId }, ctx)
    expect(unconfirmed.ok).toBe(false)
    expect(w.ours()).toHaveLength(0)

    const applied = await dispatch(handlers, 'applySetup', { profileRef: w.profile.name, taskId, confirmApply: true }, ctx)
    expect(applied.ok).toBe(true)
    if (applied.ok) {
      const v = applied.value as { ok: boolean; writes: number }
      expect(v.ok).toBe(true)
      expect(v.writes).toBe(1)
    }
    expect(JSON.stringify(applied)).not.toContain(w.ours()[0].webhooks![0].secret)
    expect(JSON.stringify(events)).not.toContain(w.ours()[0].webhooks![0].secret)
  })

  it('is cancelled with cancelTask', async () => {
    world = await startWorld()
    const w = world
    w.sandbox.faults.add({ method: 'GET', path: '/v2/apps/*', kind: 'slow', delayMs: 3000, count: 1 })
    const tasks = new TaskRegistry()
    const ctx = ctxFor(w, [], tasks)
    const taskId = `t-${randomUUID()}`
    const running = dispatch(handlers, 'applySetup', { profileRef: w.profile.name, taskId, confirmApply: true }, ctx)
    await new Promise((r) => setTimeout(r, 300))
    const c = await dispatch(handlers, 'cancelTask', { taskId }, ctx)
    expect(c).toEqual({ ok: true, value: { cancelled: true } })
    const r = await running
    expect(r.ok).toBe(true)
    if (r.ok) {
      const v = r.value as { ok: boolean; steps: { status: string; error?: { code: string } }[] }
      expect(v.ok).toBe(false)
      expect(v.steps.find((s) => s.status === 'fail')?.error?.code).toBe('cancelled')
    }
    expect(w.ours()).toHaveLength(0)
  })
})
