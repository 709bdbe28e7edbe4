import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runDoctorAll } from '../../electron/core/doctor/run-all'
import { doctorHandlers } from '../../electron/core/api/handlers/doctor'
import { createMemoryClipboard } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import type { HandlerContext } from '../../electron/core/api/context'
import type { TaskProgress } from '../../shared/contract/push'
import { startLoopWorld, type LoopWorld } from './support-loop-fixture'

/**
 * "Diagnose every customer": three customers on the sandbox, one with a wrong key secret — the
 * worst result is the exit code and names it; concurrency is bounded as the sandbox itself counts
 * it; cancelling stops every running diagnose.
 */
let world: LoopWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

const fast = { gatewayTimeoutMs: 5000, connectTimeoutMs: 3000 }

describe('doctor --all', () => {
  it('diagnoses three customers, exits 2 naming the one with a wrong key secret, JSON exactly as documented', async () => {
    world = await startLoopWorld({ extra: 2, wrongKeyIndex: 1 })
    const w = world
    const r = await w.cli(['doctor', '--all', '--json'])
    expect(r.code).toBe(2)
    const json = JSON.parse(r.stdout) as { ok: boolean; profiles: Record<string, unknown>[] }
    expect(Object.keys(json)).toEqual(['ok', 'profiles'])
    expect(json.ok).toBe(false)
    expect(json.profiles).toHaveLength(3)
    for (const p of json.profiles) expect(Object.keys(p)).toEqual(['name', 'id', 'ok', 'exitCode', 'firstFailure', 'durationMs'])
    const wrong = json.profiles.find((p) => p.name === 'Wrong key 3')!
    expect(wrong).toMatchObject({ ok: false, exitCode: 2, firstFailure: { checkId: 'credentials-valid', sentence: expect.stringMatching(/^Zendesk refuses the API key/) } })
    for (const p of json.profiles.filter((x) => x !== wrong)) expect(p).toMatchObject({ ok: true, exitCode: 0, firstFailure: null })

    const human = await w.cli(['doctor', '--all', '--concurrency', '2'])
    expect(human.code).toBe(2)
    expect(human.stdout).toMatch(/^Customer\s+Result\s+First failure\s+Time$/m)
    expect(human.stdout).toMatch(/Wrong key 3\s+✖ fail\s+Zendesk refuses the API key/)
    expect(human.stdout).toContain('3 customers: 2 passed, 0 with warnings, 1 failed; 2 at a time')
    // A line per finished customer on stderr (no terminal: no spinner).
    expect(human.stderr.split('\n').filter((l) => /^[✔▲✖–] /.test(l))).toHaveLength(3)

    // On a terminal: a spinner saying how far it is, a line per finished customer; the table on stdout.
    const dir = mkdtempSync(join(tmpdir(), 'doctor-all-reports-'))
    try {
      const tty = await w.cli(['doctor', '--all', '--report', dir], true)
      expect(tty.code).toBe(2)
      expect(tty.stderr).toMatch(/Diagnosing 3 customers: \d done/)
      expect(tty.stderr).toMatch(/✖ Wrong key 3 — Zendesk refuses the API key/)
      // One report per customer (Markdown and JSON) in the folder.
      expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(3)
      expect(readdirSync(dir).filter((f) => f.endsWith('.md'))).toHaveLength(3)
      expect(tty.stdout.match(/^Report saved: /gm)).toHaveLength(6)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    const bad = await w.cli(['doctor', '--all', '--concurrency', '0'])
    expect(bad.code).toBe(64)
    expect(bad.stderr).toContain('--concurrency must be a whole number from 1 to 16')
    expect((await w.cli(['doctor', '--all', '--customer', w.profile.name])).code).toBe(64)
    expect((await w.cli(['doctor', '--customer', w.profile.name, '--concurrency', '2'])).code).toBe(64)
  }, 90_000)

  it('never has more diagnoses in flight than asked, as the sandbox counts them', async () => {
    world = await startLoopWorld({ extra: 4 })
    const w = world
    // Each diagnose sends the gateway exactly one HEAD; holding every HEAD 400 ms makes the
    // diagnoses in flight visible to the sandbox as HEADs in flight.
    w.sandbox.faults.add({ target: 'gateway', method: 'HEAD', kind: 'slow', delayMs: 400 })
    for (const concurrency of [1, 2, 4]) {
      w.sandbox.traffic.reset()
      const running = new Set<string>()
      let most = 0
      const out = await runDoctorAll(w.services, {
        concurrency,
        doctor: fast,
        onProgress: (p) => {
          if (p.status === 'running') running.add(p.profileId)
          else running.delete(p.profileId)
          most = Math.max(most, running.size)
        }
      })
      expect(out.exitCode).toBe(0)
      expect(out.items).toHaveLength(5)
      const heads = w.sandbox.traffic.snapshot().byRoute['gateway HEAD']
      expect(heads.total).toBe(5)
      expect(heads.peak).toBe(concurrency)
      expect(most).toBe(concurrency)
    }
  }, 90_000)

  it('runs as a task with progress per customer and stops every running diagnose when cancelled', async () => {
    world = await startLoopWorld({ extra: 3 })
    const w = world
    w.sandbox.faults.add({ target: 'gateway', method: 'HEAD', kind: 'slow', delayMs: 3000 })
    const events: TaskProgress[] = []
    const ctx: HandlerContext = {
      services: w.services,
      tasks: new TaskRegistry(),
      emit: (_n, p) => void events.push(p as TaskProgress),
      host: { kind: 'harness', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null }
    }
    const run = doctorHandlers.runDoctorAll({ taskId: 'doctor-all-cancel', concurrency: 2 }, ctx)
    await new Promise((r) => setTimeout(r, 500))
    ctx.tasks.cancel('doctor-all-cancel')
    const out = await run
    expect(out.cancelled).toBe(true)
    expect(out.exitCode).toBe(2)
    expect(out.profiles.filter((p) => p.cancelled)).toHaveLength(4)
    expect(out.profiles.filter((p) => p.status === 'skipped')).toHaveLength(4)
    const payloads = events.flatMap((e) => (e.kind === 'doctor-all' ? [e.payload] : []))
    expect(events.every((e) => e.taskId === 'doctor-all-cancel')).toBe(true)
    expect(payloads.filter((p) => p.status === 'pending')).toHaveLength(4)
    expect(payloads.filter((p) => p.status === 'running' && p.checksDone === 0)).toHaveLength(2)
    // Nothing is still running at the sandbox once the task has answered.
    await new Promise((r) => setTimeout(r, 100))
    expect(w.sandbox.traffic.snapshot().byRoute['zendesk GET']?.inFlight ?? 0).toBe(0)
  }, 90_000)
})
