import { describe, expect, it } from 'vitest'
import { exitCodeFor, firstFailure, leadFor, overallVerdict, summaryLine } from './verdict'

describe('doctor verdicts', () => {
  it('is fail when any link failed, warn when only warnings, pass otherwise (skipped does not count)', () => {
    expect(overallVerdict([{ status: 'pass' }, { status: 'skipped' }])).toBe('pass')
    expect(overallVerdict([{ status: 'pass' }, { status: 'warn' }])).toBe('warn')
    expect(overallVerdict([{ status: 'warn' }, { status: 'fail' }])).toBe('fail')
  })

  it('maps to the CLI exit codes 0, 1, 2', () => {
    expect([exitCodeFor('pass'), exitCodeFor('warn'), exitCodeFor('fail')]).toEqual([0, 1, 2])
  })

  it('names the first failing link in chain order, not finishing order, in one sentence', () => {
    const f = firstFailure([
      { id: 'avatar', status: 'fail', message: 'The avatar is behind a login.' },
      { id: 'credentials-valid', status: 'fail', message: 'Zendesk did not accept the API key (HTTP 401).', code: 'zendesk-unauthorized' },
      { id: 'keychain', status: 'pass', message: 'ok' }
    ])
    expect(f).toEqual({ checkId: 'credentials-valid', sentence: 'Zendesk refuses the API key: Zendesk did not accept the API key (HTTP 401).' })
    expect(firstFailure([{ id: 'channel-bot', status: 'warn', message: 'x' }])).toBeNull()
  })

  it('says the gateway rejects the webhook secret when it does', () => {
    expect(leadFor('test-events', 'gateway-unauthorized')).toBe('The gateway rejects the webhook secret')
    expect(firstFailure([{ id: 'test-events', status: 'fail', message: 'HTTP 401', code: 'gateway-unauthorized' }])?.sentence).toBe('The gateway rejects the webhook secret: HTTP 401.')
  })

  it('sums up a run in one line', () => {
    expect(summaryLine([{ id: 'keychain', status: 'pass', message: '' }, { id: 'avatar', status: 'warn', message: '' }, { id: 'channel-bot', status: 'skipped', message: '' }])).toBe('1 passed, 1 warning, 0 failed, 1 skipped')
  })
})
