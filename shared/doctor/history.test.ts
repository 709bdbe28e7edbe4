import { describe, expect, it } from 'vitest'
import type { DoctorResult } from '../contract/doctor'
import { isPassingRun, lastResultOf, newRunId, summarizeRun, type StoredRun } from './history'

const result = (over: Partial<DoctorResult>): DoctorResult => ({
  ok: true,
  verdict: 'pass',
  profileId: 'p',
  profileName: 'P',
  offline: false,
  cancelled: false,
  firstFailure: null,
  summary: '12 passed',
  checks: [],
  startedAt: '2026-03-02T10:00:00.000Z',
  durationMs: 10,
  ...over
})

describe('kept runs', () => {
  it('counts a run as working when nothing failed and every link was checked', () => {
    expect(isPassingRun(result({}))).toBe(true)
    expect(isPassingRun(result({ verdict: 'warn' }))).toBe(true)
    expect(isPassingRun(result({ verdict: 'fail' }))).toBe(false)
    expect(isPassingRun(result({ cancelled: true }))).toBe(false)
    expect(isPassingRun(result({ offline: true }))).toBe(false)
  })

  it("gives the customer's last finished run, skipping cancelled ones", () => {
    const runs: StoredRun[] = [
      { id: 'c', source: 'app', result: result({ cancelled: true, ok: false, startedAt: 'c' }) },
      { id: 'b', source: 'cli', result: result({ ok: false, verdict: 'fail', startedAt: 'b', firstFailure: { checkId: 'avatar', sentence: 'x' } }) }
    ]
    expect(lastResultOf('p', runs)).toEqual({ profileId: 'p', at: 'b', ok: false, verdict: 'fail', firstFailure: { checkId: 'avatar', sentence: 'x' } })
    expect(lastResultOf('p', [])).toBeNull()
    expect(summarizeRun(runs[1])).toMatchObject({ id: 'b', at: 'b', source: 'cli', verdict: 'fail' })
    expect(newRunId('2026-03-02T10:00:00.123Z', 'ab12')).toBe('20260302100000123-ab12')
  })
})
