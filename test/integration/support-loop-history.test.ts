import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { doctorHandlers } from '../../electron/core/api/handlers/doctor'
import { createMemoryClipboard } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import type { HandlerContext } from '../../electron/core/api/context'
import { doctorHistoryFile, readDoctorHistory } from '../../electron/core/doctor/history-store'
import { runDoctor } from '../../electron/core/doctor/run-doctor'
import { sinceLastPassSentence } from '../../shared/doctor/change-sentence'
import { HISTORY_LIMIT } from '../../shared/doctor/history'
import { findCanaries, scanFolder } from '../support/secret-canaries'
import { startLoopWorld, type LoopWorld } from './support-loop-fixture'

/**
 * Every run kept per customer: a webhook drift after a pass shows in `sinceLastPass` (and in one
 * sentence), the history is bounded (51 runs → 50) and holds no secret (canaries), and the CLI,
 * the handlers and the Customers list read it.
 */
const CANARY_KEY = 'CanaryKeySecret-5e1d2c3b4a596877aa01'
const CANARY_HOOK = 'CanaryWebhookSecret-9a8b7c6d5e4f3a2b1c01'

let world: LoopWorld | null = null
afterEach(async () => {
  await world?.close()
  world = null
})

const fast = { gatewayTimeoutMs: 5000, connectTimeoutMs: 3000 }

const ctxOf = (w: LoopWorld): HandlerContext => ({
  services: w.services,
  tasks: new TaskRegistry(),
  emit: () => undefined,
  host: { kind: 'harness', clipboard: createMemoryClipboard(), openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null }
})

describe('diagnose history and what changed since the last pass', () => {
  it('names a webhook that lost conversation:create since the last passing run, in the result, the CLI and one sentence', async () => {
    world = await startLoopWorld({ keySecret: CANARY_KEY, webhookSecret: CANARY_HOOK })
    const w = world
    const first = await runDoctor(w.services, w.profile.id, fast)
    expect(first.verdict).toBe('pass')
    expect(first.sinceLastPass).toEqual({ at: null, runId: null, runsKept: 0, changes: [] })

    const again = await runDoctor(w.services, w.profile.id, fast)
    expect(again.sinceLastPass).toMatchObject({ at: first.startedAt, runsKept: 1, changes: [] })
    expect(sinceLastPassSentence(again.sinceLastPass, new Date())).toMatch(/^It last worked earlier today at \d\d:\d\d; nothing has changed since\.$/)

    // Someone edits the webhook in Admin Center (Zendesk's own API): conversation:create is gone.
    const i = w.ours()[0]
    const hook = (i.webhooks ?? [])[0]
    const patch = await fetch(`${w.sandbox.zendeskUrl}/v2/apps/${w.sandbox.appId}/integrations/${i.id}/webhooks/${hook.id}`, {
      method: 'PATCH',
      headers: { authorization: `Basic ${Buffer.from(`${w.sandbox.keyId}:${CANARY_KEY}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ triggers: ['conversation:message'] })
    })
    expect(patch.status).toBe(200)

    const cli = await w.cli(['doctor', '--customer', w.profile.name, '--json'])
    expect(cli.code).toBe(2)
    const drifted = JSON.parse(cli.stdout) as { firstFailure: { checkId: string }; sinceLastPass: { at: string; changes: { check: string; before: { status: string; evidence: Record<string, unknown> }; after: { status: string; evidence: Record<string, unknown> } }[] } }
    expect(drifted.firstFailure.checkId).toBe('webhook-settings')
    expect(drifted.sinceLastPass.at).toBe(again.startedAt)
    const change = drifted.sinceLastPass.changes.find((c) => c.check === 'webhook-settings')!
    expect(change.before.status).toBe('pass')
    expect(change.after.status).toBe('fail')
    expect(change.before.evidence['webhook.triggers']).toEqual(['conversation:create', 'conversation:message'])
    expect(change.after.evidence['webhook.triggers']).toEqual(['conversation:message'])
    // Timings and DNS answers differ on every run: never a change.
    expect(drifted.sinceLastPass.changes.map((c) => c.check)).toEqual(['webhook-settings'])
    expect(JSON.stringify(drifted.sinceLastPass)).not.toMatch(/Ms"|addresses/)
    expect(sinceLastPassSentence(drifted.sinceLastPass as never, new Date())).toMatch(/^It worked earlier today at \d\d:\d\d; since then the webhook lost conversation:create\.$/)

    const human = await w.cli(['doctor', '--customer', w.profile.name])
    expect(human.stdout.split('\n')[1]).toMatch(/^↺ It worked earlier today at \d\d:\d\d; since then the webhook lost conversation:create\.$/)

    const history = await w.cli(['doctor', 'history', '--profile', w.profile.name, '--json'])
    expect(history.code).toBe(0)
    const listed = JSON.parse(history.stdout) as { runs: { at: string; ok: boolean; firstFailure: { checkId: string } | null; source: string }[] }
    expect(listed.runs.map((r) => [r.ok, r.firstFailure?.checkId ?? null, r.source])).toEqual([
      [false, 'webhook-settings', 'cli'],
      [false, 'webhook-settings', 'cli'],
      [true, null, 'app'],
      [true, null, 'app']
    ])
    expect(listed.runs[3].at).toBe(first.startedAt)
    const text = await w.cli(['doctor', 'history', '--customer', w.profile.name])
    expect(text.stdout).toContain(`Diagnose history of "${w.profile.name}": 4 runs kept, newest first`)
    expect(text.stdout).toMatch(/✖ .+ fail +The Aissist webhook is set up wrongly/)

    // The app's calls: the timeline, one run whole, each customer's last result.
    const ctx = ctxOf(w)
    const timeline = await doctorHandlers.listDoctorHistory({ profileRef: w.profile.name }, ctx)
    expect(timeline.runs).toHaveLength(4)
    const old = await doctorHandlers.getDoctorHistoryRun({ profileRef: w.profile.id, runId: timeline.runs[3].id }, ctx)
    expect(old.result.startedAt).toBe(first.startedAt)
    await expect(doctorHandlers.getDoctorHistoryRun({ profileRef: w.profile.id, runId: 'nope' }, ctx)).rejects.toMatchObject({ code: 'doctor-run-not-found' })
    const last = await doctorHandlers.listLastResults({}, ctx)
    expect(last.results).toEqual([{ profileId: w.profile.id, at: timeline.runs[0].at, ok: false, verdict: 'fail', firstFailure: expect.objectContaining({ checkId: 'webhook-settings' }) }])

    // Not one secret anywhere in the data folder (the history, its log), nor in what crossed.
    const hits = findCanaries(
      [
        { name: 'cli', text: cli.stdout + cli.stderr + human.stdout + history.stdout + text.stdout },
        { name: 'calls', text: JSON.stringify([timeline, old, last]) }
      ],
      [CANARY_KEY, CANARY_HOOK]
    )
    expect(hits).toEqual([])
    expect(readdirSync(join(w.dataDir, 'doctor-history'))).toContain(`${w.profile.id}.json`)
    expect(scanFolder(w.dataDir, [CANARY_KEY, CANARY_HOOK])).toEqual([])
  }, 90_000)

  it('keeps the last 50 runs (51 → 50, the oldest goes), never a secret even one typed into a field, and survives a damaged file', async () => {
    world = await startLoopWorld({ keySecret: CANARY_KEY, webhookSecret: CANARY_HOOK })
    const w = world
    // A secret pasted where it does not belong: it would be in the agent-name evidence.
    await w.services.vault.updateProfile(w.profile.id, { agentName: `Bot ${CANARY_HOOK}` })
    const firstRun = await runDoctor(w.services, w.profile.id, { ...fast, offline: true })
    for (let i = 1; i < HISTORY_LIMIT + 1; i++) await runDoctor(w.services, w.profile.id, { ...fast, offline: true })
    const runs = await readDoctorHistory(w.dataDir, w.profile.id)
    expect(runs).toHaveLength(HISTORY_LIMIT)
    expect(runs.some((r) => r.result.startedAt === firstRun.startedAt)).toBe(false)
    // Offline runs are kept but never count as "it worked".
    expect(runs[0].result.sinceLastPass).toMatchObject({ at: null, runsKept: HISTORY_LIMIT })
    // (profiles.json holds the agent name as typed: that is the user's record, not ours to change.)
    expect(scanFolder(join(w.dataDir, 'doctor-history'), [CANARY_KEY, CANARY_HOOK])).toEqual([])
    expect(scanFolder(join(w.dataDir, 'logs'), [CANARY_KEY, CANARY_HOOK])).toEqual([])
    expect(readFileSync(doctorHistoryFile(w.dataDir, w.profile.id), 'utf8')).toContain('[REDACTED]')

    // A damaged file is moved aside, never overwritten, and the history starts again.
    const file = doctorHistoryFile(w.dataDir, w.profile.id)
    writeFileSync(file, '{"format":"aissist-doctor-history","runs":[{"id":')
    expect(await readDoctorHistory(w.dataDir, w.profile.id)).toEqual([])
    const after = await runDoctor(w.services, w.profile.id, { ...fast, offline: true })
    expect(after.sinceLastPass).toMatchObject({ runsKept: 0 })
    expect(await readDoctorHistory(w.dataDir, w.profile.id)).toHaveLength(1)
    expect(readdirSync(join(w.dataDir, 'doctor-history')).filter((f) => f.includes('.corrupt-'))).toHaveLength(1)
  }, 120_000)
  it('forgets a deleted customer\'s kept runs, from the app and from the command line', async () => {
    world = await startLoopWorld({ keySecret: CANARY_KEY, webhookSecret: CANARY_HOOK, extra: 1 })
    const w = world
    await runDoctor(w.services, w.profile.id, { ...fast, offline: true })
    const file = doctorHistoryFile(w.dataDir, w.profile.id)
    expect(existsSync(file)).toBe(true)
    // The CLI's `customer remove` (its own process, the same data folder).
    const removed = await w.cli(['customer', 'remove', w.profile.name, '--yes', '--json'])
    expect(removed.code, removed.stderr).toBe(0)
    expect(JSON.parse(removed.stdout)).toMatchObject({ ok: true, deleted: true, historyDeleted: true })
    expect(existsSync(file)).toBe(false)

    // The app's delete (the handler the Customers page calls), for a second customer.
    const other = w.customers[1]
    await runDoctor(w.services, other.id, { ...fast, offline: true })
    const otherFile = doctorHistoryFile(w.dataDir, other.id)
    expect(existsSync(otherFile)).toBe(true)
    const { vaultHandlers } = await import('../../electron/core/api/handlers/vault')
    await vaultHandlers.deleteProfile({ ref: other.id }, ctxOf(w))
    expect(existsSync(otherFile)).toBe(false)
    expect(await readDoctorHistory(w.dataDir, other.id)).toEqual([])
  }, 90_000)
})
