import { describe, expect, it } from 'vitest'
import type { DoctorCheck, DoctorResult } from '../contract/doctor'
import { CHAIN } from './chain'
import { changesBetween, checkChange, flattenEvidence, sinceLastPass } from './changes'
import type { StoredRun } from './history'

const check = (id: DoctorCheck['id'], status: DoctorCheck['status'], evidence: Record<string, unknown> = {}, code?: string): DoctorCheck => ({
  id,
  title: id,
  status,
  message: '',
  fix: '',
  durationMs: Math.random() * 100,
  evidence,
  ...(code ? { code } : {})
})

const result = (checks: DoctorCheck[], over: Partial<DoctorResult> = {}): DoctorResult => ({
  ok: !checks.some((c) => c.status === 'fail'),
  verdict: checks.some((c) => c.status === 'fail') ? 'fail' : 'pass',
  profileId: 'p',
  profileName: 'P',
  offline: false,
  cancelled: false,
  firstFailure: null,
  summary: '',
  checks,
  startedAt: '2026-03-02T10:00:00.000Z',
  durationMs: 10,
  ...over
})

const webhook = (triggers: string[], target = 'https://gw/in') => ({ webhook: { id: 'w1', target, triggers, includeFullUser: true, includeFullSource: true }, drift: [] })

describe('what changed between two runs', () => {
  it('flattens evidence into dotted paths, lists as values, and drops what changes every run', () => {
    expect(flattenEvidence({ webhook: { target: 't', triggers: ['a'] }, connectMs: 3, addresses: ['1.2.3.4'], tls: { validTo: 'x', protocol: 'TLSv1.3' }, sent: [{ status: 200, totalMs: 4 }], empty: {} })).toEqual({
      'webhook.target': 't',
      'webhook.triggers': ['a'],
      'tls.protocol': 'TLSv1.3',
      sent: [{ status: 200 }],
      empty: {}
    })
  })

  it('names the changed fields only, with their value before and after; trigger order means nothing', () => {
    const before = check('webhook-settings', 'pass', webhook(['conversation:create', 'conversation:message']))
    expect(checkChange(before, check('webhook-settings', 'pass', webhook(['conversation:message', 'conversation:create'])))).toBeNull()
    expect(checkChange(before, check('webhook-settings', 'fail', webhook(['conversation:message']), 'webhook-drift'))).toEqual({
      check: 'webhook-settings',
      before: { status: 'pass', evidence: { 'webhook.triggers': ['conversation:create', 'conversation:message'] } },
      after: { status: 'fail', code: 'webhook-drift', evidence: { 'webhook.triggers': ['conversation:message'] } }
    })
    // A field that appears or disappears is a change to or from null.
    expect(checkChange(check('avatar', 'pass', { bytes: 10 }), check('avatar', 'pass', { bytes: 10, problems: ['small'] }))?.after.evidence).toEqual({ problems: ['small'] })
  })

  it('compares only the status of a link skipped on either side, and ignores timings', () => {
    expect(checkChange(check('webhook-settings', 'pass', webhook(['a'])), check('webhook-settings', 'skipped'))).toEqual({
      check: 'webhook-settings',
      before: { status: 'pass', evidence: {} },
      after: { status: 'skipped', evidence: {} }
    })
    expect(checkChange(check('gateway-head', 'pass', { status: 200, totalMs: 5 }), check('gateway-head', 'pass', { status: 200, totalMs: 900 }))).toBeNull()
  })

  it('walks the declared chain, whatever it holds, in chain order; a link the earlier run lacked is new, not changed', () => {
    const ids = CHAIN.map((c) => c.id)
    const before = result(ids.slice(1).map((id) => check(id, 'pass', { n: 1 })))
    const after = result(ids.map((id) => check(id, 'pass', { n: 2 })))
    expect(changesBetween(before, after).map((c) => c.check)).toEqual(ids.slice(1))
  })

  it('compares with the newest passing run: not cancelled, not offline, nothing failed (warnings allowed)', () => {
    const run = (id: string, over: Partial<DoctorResult>, triggers: string[]): StoredRun => ({ id, source: 'app', result: result([check('webhook-settings', 'pass', webhook(triggers))], { startedAt: `t-${id}`, ...over }) })
    const earlier = [
      run('cancelled', { cancelled: true }, ['x']),
      run('offline', { offline: true }, ['x']),
      run('failed', { verdict: 'fail' }, ['x']),
      run('warned', { verdict: 'warn' }, ['a', 'b']),
      run('older', {}, ['z'])
    ]
    const now = result([check('webhook-settings', 'fail', webhook(['b']))])
    const s = sinceLastPass(earlier, now)
    expect(s).toMatchObject({ at: 't-warned', runId: 'warned', runsKept: 5 })
    expect(s.changes[0].after.evidence).toEqual({ 'webhook.triggers': ['b'] })
    expect(sinceLastPass([], now)).toEqual({ at: null, runId: null, runsKept: 0, changes: [] })
  })
})
