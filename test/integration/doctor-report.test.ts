import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { CHAIN } from '../../shared/doctor/chain'
import { runCli } from '../../electron/cli/program'
import { createMemoryClipboard, type Host } from '../../electron/core/api/host'
import { doctorHandlers } from '../../electron/core/api/handlers/doctor'
import type { HandlerContext } from '../../electron/core/api/context'
import { TaskRegistry } from '../../electron/core/api/tasks'
import { runSetup } from '../../electron/core/setup/run-setup'
import { DoctorReport, DoctorResult } from '../../shared/contract/doctor'
import type { TaskProgress } from '../../shared/contract/push'
import { findCanaries, scanFolder } from '../support/secret-canaries'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * The support report and the CLI: exit codes, files by extension, export/copy through the
 * handlers, and — with canary secrets planted — no secret in any output: stdout, stderr, JSON,
 * Markdown, report files, the clipboard, the data folder and its log.
 */
const CANARY_KEY = 'CanaryKeySecret-7f3a9c1e5b2d4068aa11'
const CANARY_HOOK = 'CanaryWebhookSecret-0d9e8f7a6b5c4d3e2f11'

let world: SetupWorld | null = null
const temps: string[] = []
afterEach(async () => {
  await world?.close()
  world = null
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true })
})

const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'doctor-report-'))
  temps.push(d)
  return d
}

/** A configured sandbox account whose key secret and webhook secret are the canaries. */
const canaryWorld = async (): Promise<SetupWorld> => {
  world = await startWorld({ keySecret: CANARY_KEY }, { keySecret: CANARY_KEY })
  const w = world
  const r = await runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })
  expect(r.ok).toBe(true)
  for (const h of w.ours()[0].webhooks ?? []) h.secret = CANARY_HOOK
  await w.services.vault.setSecret(w.profile.id, 'webhookSecret', CANARY_HOOK)
  w.profile = await w.services.vault.updateProfile(w.profile.id, { agentName: 'Aissist', avatarUrl: `${w.sandbox.imagesUrl}/avatar.png` })
  // The sandbox's image host renders its pictures on first request; warm it so a loaded machine does not report a slow avatar.
  await fetch(`${w.sandbox.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  return w
}

const cli = async (w: SetupWorld, args: string[], tty = false): Promise<{ code: number; stdout: string; stderr: string }> => {
  const stdout = Object.assign(new PassThrough(), tty ? { isTTY: true } : {})
  const stderr = Object.assign(new PassThrough(), tty ? { isTTY: true } : {})
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), env: { AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService } })
  return { code, stdout: out, stderr: err }
}

const handlerCtx = (w: SetupWorld, saveDir: string, events: TaskProgress[]): HandlerContext => {
  const host: Host = {
    kind: 'harness',
    clipboard: createMemoryClipboard(),
    openExternal: async () => undefined,
    showFolder: async () => undefined,
    chooseSavePath: async (name) => join(saveDir, name)
  }
  return { services: w.services, host, tasks: new TaskRegistry(), emit: (_n, p) => events.push(p as TaskProgress) }
}

describe('doctor CLI and support report', () => {
  it('exits 0 when all pass, writes FILE.md and FILE.json, prints a line per check; 1 for warnings only; 2 on a failure', async () => {
    const w = await canaryWorld()
    const dir = tempDir()
    const ok = await cli(w, ['doctor', '--profile', w.profile.name, '--json', '--report', join(dir, 'report')])
    expect({ code: ok.code, stdout: ok.code === 0 ? '' : ok.stdout }).toEqual({ code: 0, stdout: '' })
    const json = JSON.parse(ok.stdout) as { ok: boolean; firstFailure: unknown; checks: { id: string; status: string; message: string; fix: string; durationMs: number }[] }
    expect(json.ok).toBe(true)
    expect(json.firstFailure).toBeNull()
    expect(json.checks).toHaveLength(CHAIN.length)
    for (const c of json.checks) expect(c).toMatchObject({ id: expect.any(String), status: 'pass', message: expect.any(String), fix: expect.any(String), durationMs: expect.any(Number) })
    const md = readFileSync(join(dir, 'report.md'), 'utf8')
    const report = DoctorReport.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))
    expect(report.profile.name).toBe(w.profile.name)
    expect(report.profile.keySecretStored).toBe('present')
    expect(md).toContain('## Checks')
    expect(md).toContain('Every check passed')

    const human = await cli(w, ['doctor', '--profile', w.profile.name, '--report', join(dir, 'only.md')])
    expect(human.code).toBe(0)
    expect(human.stderr.split('\n').filter((l) => /^[✔▲✖–] /.test(l))).toHaveLength(CHAIN.length)
    expect(human.stdout).toContain(`${CHAIN.length} passed, 0 warnings, 0 failed, 0 skipped`)
    expect(readFileSync(join(dir, 'only.md'), 'utf8')).toContain('# Aissist Zendesk diagnose report')

    w.sandbox.setDefaultResponder(w.ours()[0].id)
    const warn = await cli(w, ['doctor', '--profile', w.profile.name, '--json'])
    expect(warn.code).toBe(1)
    w.sandbox.setDefaultResponder(null)

    w.sandbox.faults.add({ target: 'gateway', method: 'POST', kind: 'unauthorized' })
    const failed = await cli(w, ['doctor', '--profile', w.profile.name, '--report', join(dir, 'failed.json')], true)
    expect(failed.code).toBe(2)
    expect(failed.stdout).toContain('✖ The gateway rejects the webhook secret: ')
    const failedReport = DoctorReport.parse(JSON.parse(readFileSync(join(dir, 'failed.json'), 'utf8')))
    expect(failedReport.result.firstFailure?.checkId).toBe('test-events')

    const offline = await cli(w, ['doctor', '--profile', w.profile.name, '--offline', '--json'])
    expect(offline.code).toBe(0)
    expect(JSON.parse(offline.stdout).offline).toBe(true)

    const hits = findCanaries(
      [ok, human, warn, failed, offline].flatMap((r, i) => [{ name: `stdout#${i}`, text: r.stdout }, { name: `stderr#${i}`, text: r.stderr }]),
      [CANARY_KEY, CANARY_HOOK]
    )
    expect(hits).toEqual([])
    expect(scanFolder(dir, [CANARY_KEY, CANARY_HOOK])).toEqual([])
    expect(scanFolder(w.dataDir, [CANARY_KEY, CANARY_HOOK])).toEqual([])
  }, 60_000)

  it('runs through the handlers with progress, exports md and json where the host says, copies redacted, never echoes a secret', async () => {
    const w = await canaryWorld()
    const saveDir = tempDir()
    const events: TaskProgress[] = []
    const ctx = handlerCtx(w, saveDir, events)
    await expect(doctorHandlers.exportDoctorReport({ profileRef: w.profile.id, format: 'md' }, ctx)).rejects.toMatchObject({ code: 'doctor-no-result' })
    // A secret that shows up as ordinary text (someone typed the webhook secret as the agent name).
    await w.services.vault.updateProfile(w.profile.id, { agentName: CANARY_HOOK })
    w.sandbox.faults.add({ target: 'gateway', method: 'POST', kind: 'unauthorized' })
    const result = DoctorResult.parse(await doctorHandlers.runDoctor({ profileRef: w.profile.name, taskId: 'doctor-task-1' }, ctx))
    expect(result.firstFailure?.checkId).toBe('test-events')
    expect(events.every((e) => e.taskId === 'doctor-task-1' && e.kind === 'doctor')).toBe(true)
    expect(events.filter((e) => e.kind === 'doctor' && e.payload.status !== 'running')).toHaveLength(CHAIN.length)
    expect(events.flatMap((e) => (e.kind === 'doctor' ? [e.payload] : [])).find((p) => p.id === 'test-events' && p.status === 'fail')?.check?.durationMs).toEqual(expect.any(Number))
    expect((await doctorHandlers.getLastDoctorResult({ profileRef: w.profile.id }, ctx)).result?.startedAt).toBe(result.startedAt)

    const exported = await doctorHandlers.exportDoctorReport({ profileRef: w.profile.id, format: 'both' }, ctx)
    expect(exported.saved).toBe(true)
    expect(exported.paths.map((p) => p.slice(-3))).toEqual(['.md', 'son'])
    const md = readFileSync(exported.paths[0], 'utf8')
    expect(md).toContain('**The step that failed:** The gateway rejects the webhook secret')
    expect(md).toContain('[REDACTED]')
    const copied = await doctorHandlers.copyDoctorReport({ profileRef: w.profile.id }, ctx)
    expect(copied.copied).toBe(true)
    const clip = ctx.host.clipboard.readText()
    expect(clip).toContain('# Aissist Zendesk diagnose report')

    const hits = findCanaries(
      [
        { name: 'result', text: JSON.stringify(result) },
        { name: 'progress', text: JSON.stringify(events) },
        { name: 'clipboard', text: clip },
        { name: 'markdown', text: md },
        { name: 'json', text: readFileSync(exported.paths[1], 'utf8') }
      ],
      [CANARY_KEY, CANARY_HOOK]
    )
    expect(hits).toEqual([])
    expect(scanFolder(saveDir, [CANARY_KEY, CANARY_HOOK])).toEqual([])
  }, 60_000)

  it('can be cancelled: unfinished links are skipped as cancelled', async () => {
    const w = await canaryWorld()
    w.sandbox.faults.add({ target: 'gateway', method: 'HEAD', kind: 'slow', delayMs: 5000 })
    const events: TaskProgress[] = []
    const ctx = handlerCtx(w, tempDir(), events)
    const run = doctorHandlers.runDoctor({ profileRef: w.profile.id, taskId: 'doctor-cancel-1' }, ctx)
    await new Promise((r) => setTimeout(r, 300))
    ctx.tasks.cancel('doctor-cancel-1')
    const r = await run
    expect(r.cancelled).toBe(true)
    expect(r.ok).toBe(false)
    expect(r.checks.find((c) => c.id === 'gateway-head')?.message).toBe('skipped: the run was cancelled')
  }, 30_000)
})
