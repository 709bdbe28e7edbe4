import { describe, expect, it } from 'vitest'
import type { TaskStatus } from '../task/status'
import { SETUP_STEPS, SETUP_STEP_IDS, isSetupStepId, setupReadiness, setupStep, type SetupStepId } from './steps'

const done = (entries: [SetupStepId, TaskStatus][]): Map<SetupStepId, TaskStatus> => new Map(entries)

describe('the setup steps', () => {
  it('are declared once, in the guide\'s order, each needing only earlier steps', () => {
    expect(SETUP_STEPS.map((s) => s.id)).toEqual([...SETUP_STEP_IDS])
    SETUP_STEPS.forEach((s, i) => {
      for (const need of s.needs) expect(SETUP_STEP_IDS.indexOf(need), `${s.id} needs ${need}`).toBeLessThan(i)
      expect(s.awaits).toMatch(/^Awaits /)
    })
    expect(setupStep('verify').title).toBe('Verify by reading back')
    expect(isSetupStepId('apply')).toBe(true)
    expect(isSetupStepId('nope')).toBe(false)
  })

  it('writes to Zendesk in exactly one step, which waits for the admin\'s confirmation', () => {
    expect(SETUP_STEPS.filter((s) => s.writes === 'zendesk').map((s) => s.id)).toEqual(['apply'])
    expect(setupStep('apply').awaits).toBe('Awaits your confirmation')
    expect(SETUP_STEPS.filter((s) => s.writes === 'this-computer').map((s) => s.id)).toEqual(['keep'])
  })

  it('runs a step when what it needs passed or warned, waits while one waits, skips when one failed', () => {
    expect(setupReadiness('credentials', done([]))).toBe('run')
    expect(setupReadiness('connect', done([['credentials', 'pending']]))).toBe('wait')
    expect(setupReadiness('connect', done([['credentials', 'warn']]))).toBe('run')
    expect(setupReadiness('keep', done([['apply', 'waiting']]))).toBe('wait')
    expect(setupReadiness('keep', done([['apply', 'fail']]))).toBe('skip')
    expect(setupReadiness('verify', done([['keep', 'skipped']]))).toBe('skip')
    // The channel-bot report needs only the inspection, so it runs beside a plan that waits.
    expect(setupReadiness('channel-bot', done([['inspect', 'pass'], ['apply', 'waiting']]))).toBe('run')
  })
})
