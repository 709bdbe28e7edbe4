import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/core/api/handlers'
import { dispatch } from '../../electron/core/api/dispatch'
import { createMemoryClipboard } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import type { HandlerContext } from '../../electron/core/api/context'
import type { Result } from '../../shared/result'
import { findCanaries } from '../support/secret-canaries'
import { startLoopWorld, type LoopWorld } from './support-loop-fixture'

/**
 * A report made by `doctor --report` opens in `report show` (and through the contract, as the app
 * reads it) with the same first failure and checks, exits from its own result, and never touches
 * the network; malformed, truncated, foreign, too large and other-version files are refused with
 * a message saying what they are.
 */
const CANARY_KEY = 'CanaryKeySecret-3c2b1a0f9e8d7c6b5a01'
const CANARY_HOOK = 'CanaryWebhookSecret-1f2e3d4c5b6a79880a01'

let world: LoopWorld | null = null
const temps: string[] = []
afterEach(async () => {
  await world?.close()
  world = null
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true })
})

const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'support-report-'))
  temps.push(d)
  return d
}

const ctxOf = (w: LoopWorld): HandlerContext => ({
  services: w.services,
  tasks: new TaskRegistry(),
  emit: () => undefined,
  host: { kind: 'harness', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null }
})

describe('opening a support report', () => {
  it('shows a report made by doctor --report with the same first failure, offline, in the CLI and through the contract', async () => {
    world = await startLoopWorld({ keySecret: CANARY_KEY, webhookSecret: CANARY_HOOK })
    const w = world
    const dir = tempDir()
    w.sandbox.faults.add({ target: 'gateway', method: 'POST', kind: 'unauthorized' })
    const made = await w.cli(['doctor', '--customer', w.profile.name, '--json', '--report', join(dir, 'acme.json')])
    expect(made.code).toBe(2)
    const doctor = JSON.parse(made.stdout) as { firstFailure: { checkId: string; sentence: string }; checks: { id: string; status: string }[] }
    expect(doctor.firstFailure.checkId).toBe('test-events')
    const file = join(dir, 'acme.json')

    // From here on, nothing may reach the sandbox (no Zendesk, no gateway, no image host).
    w.sandbox.traffic.reset()
    const shown = await w.cli(['report', 'show', file, '--json'])
    expect(shown.code).toBe(2)
    const json = JSON.parse(shown.stdout) as { firstFailure: unknown; checks: { id: string; status: string }[]; report: { formatVersion: number; app: { version: string } }; exitCode: number }
    expect(json.firstFailure).toEqual(doctor.firstFailure)
    expect(json.checks.map((c) => [c.id, c.status])).toEqual(doctor.checks.map((c) => [c.id, c.status]))
    expect(json.report.formatVersion).toBe(2)
    expect(json.exitCode).toBe(2)

    const human = await w.cli(['report', 'show', file])
    expect(human.code).toBe(2)
    expect(human.stdout).toMatch(/^Support report of ".+" \(http:\/\/127\.0\.0\.1:\d+\/zendesk\), made on .+ with Aissist Zendesk Setup \S+ \(cli, \w+\)$/m)
    expect(human.stdout).toContain(`✖ ${doctor.firstFailure.sentence}`)
    expect(human.stdout).toContain('Nothing was checked now')

    const handlers = createHandlers()
    const opened = (await dispatch(handlers, 'readReport', { text: readFileSync(file, 'utf8'), fileName: '/tmp/elsewhere/acme.json' }, ctxOf(w))) as Result<{ opened: { fileName: string; formatVersion: number; report: { result: { firstFailure: unknown } } } }>
    expect(opened.ok).toBe(true)
    if (opened.ok) {
      expect(opened.value.opened.fileName).toBe('acme.json')
      expect(opened.value.opened.report.result.firstFailure).toEqual(doctor.firstFailure)
    }
    expect(w.sandbox.traffic.snapshot().total).toBe(0)
    expect(findCanaries([{ name: 'report', text: readFileSync(file, 'utf8') + shown.stdout + human.stdout }], [CANARY_KEY, CANARY_HOOK])).toEqual([])

    // A passing report exits 0; a format-1 report (made before sinceLastPass) is read as such.
    const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>
    const v1 = { ...report, version: 1, result: { ...report.result } }
    delete v1.result.sinceLastPass
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1))
    const old = await w.cli(['report', 'show', join(dir, 'v1.json'), '--json'])
    expect(old.code).toBe(2)
    expect(JSON.parse(old.stdout)).toMatchObject({ report: { formatVersion: 1 }, sinceLastPass: null, firstFailure: doctor.firstFailure })
    const passing = { ...report, result: { ...report.result, ok: true, verdict: 'pass', firstFailure: null, checks: (report.result.checks as { status: string }[]).map((c) => ({ ...c, status: 'pass' })) } }
    writeFileSync(join(dir, 'pass.json'), JSON.stringify(passing))
    expect((await w.cli(['report', 'show', join(dir, 'pass.json')])).code).toBe(0)
    expect(w.sandbox.traffic.snapshot().total).toBe(0)
  }, 90_000)

  it('refuses what is not a readable report, saying what it is (exit 65; 66 for no such file)', async () => {
    world = await startLoopWorld()
    const w = world
    const dir = tempDir()
    const made = await w.cli(['doctor', '--customer', w.profile.name, '--report', join(dir, 'good.json')])
    expect(made.code).toBe(0)
    const good = readFileSync(join(dir, 'good.json'), 'utf8')
    const doc = JSON.parse(good) as Record<string, unknown> & { result: { checks: Record<string, unknown>[] } }
    const cases: [string, string, string, RegExp][] = [
      ['malformed.json', good.replace('"format"', "'format'"), 'report-malformed', /is not valid JSON/],
      ['truncated.json', good.slice(0, Math.floor(good.length / 2)), 'report-truncated', /ends in the middle of the report/],
      ['export.json', JSON.stringify({ format: 'aissist-zendesk-profiles', version: 1, profiles: [] }), 'report-foreign', /is a customers export/],
      ['other.json', JSON.stringify({ name: 'package', dependencies: {} }), 'report-foreign', /holds JSON, but not a support report/],
      ['list.json', '[1, 2, 3]', 'report-foreign', /holds JSON \(a list\)/],
      ['doctor-output.json', JSON.stringify({ ok: true, verdict: 'pass', exitCode: 0, checks: [] }), 'report-foreign', /command line's diagnose output/],
      ['newer.json', JSON.stringify({ ...doc, version: 3 }), 'report-newer-version', /newer version of the app \(report format 3\); this version reads formats 1 and 2/],
      ['unknown.json', JSON.stringify({ ...doc, version: 'two' }), 'report-unknown-version', /format version \("two"\)/],
      ['new-check.json', JSON.stringify({ ...doc, result: { ...doc.result, checks: [...doc.result.checks, { ...doc.result.checks[0], id: 'brand-new-check' }] } }), 'report-newer-checks', /brand-new-check/],
      ['damaged.json', JSON.stringify({ ...doc, result: { ...doc.result, checks: 'none' } }), 'report-invalid', /result\.checks/],
      ['empty.json', '   \n', 'report-empty', /is empty/],
      ['good.md', '# Aissist Zendesk diagnose report — Acme\n\nGenerated…', 'report-markdown', /Markdown support report/],
      ['huge.json', `{"format":"aissist-zendesk-doctor-report","pad":"${'x'.repeat(3 * 1024 * 1024)}"}`, 'report-too-large', /is 3\.0 MB/]
    ]
    const handlers = createHandlers()
    w.sandbox.traffic.reset()
    for (const [name, text, code, message] of cases) {
      writeFileSync(join(dir, name), text)
      const r = await w.cli(['report', 'show', join(dir, name), '--json'])
      expect({ name, code: r.code }).toEqual({ name, code: 65 })
      const err = (JSON.parse(r.stdout) as { error: { code: string; message: string; fix: string } }).error
      expect({ name, code: err.code }).toEqual({ name, code })
      expect(err.message).toMatch(message)
      expect(err.message).toContain(`"${name}"`)
      expect(err.fix.length).toBeGreaterThan(10)
      if (code !== 'report-too-large') {
        const viaCall = await dispatch(handlers, 'readReport', { text, fileName: name }, ctxOf(w))
        expect(viaCall).toMatchObject({ ok: false, error: { code } })
      }
    }
    const human = await w.cli(['report', 'show', join(dir, 'truncated.json')])
    expect(human.stderr).toContain('✖ "truncated.json" ends in the middle of the report')
    const missing = await w.cli(['report', 'show', join(dir, 'nope.json')])
    expect(missing.code).toBe(66)
    expect(missing.stderr).toContain('There is no file')
    expect((await w.cli(['report', 'show', dir])).code).toBe(66)
    expect(w.sandbox.traffic.snapshot().total).toBe(0)
  }, 90_000)
})
