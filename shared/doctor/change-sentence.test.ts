import { describe, expect, it } from 'vitest'
import type { CheckChange, SinceLastPass } from '../contract/doctor'
import { describeChange, sinceLastPassSentence, whenWords } from './change-sentence'

const local = (y: number, m: number, d: number, h = 14, min = 2): string => new Date(y, m - 1, d, h, min).toISOString()
const NOW = new Date(2026, 2, 5, 9, 0) // Thursday 5 March 2026, local time

const change = (c: Partial<CheckChange> & Pick<CheckChange, 'check'>): CheckChange => ({
  before: { status: 'pass', evidence: {} },
  after: { status: 'pass', evidence: {} },
  ...c
})

const slp = (changes: CheckChange[], at: string | null = local(2026, 3, 2)): SinceLastPass => ({ at, runId: at ? 'r' : null, runsKept: 4, changes })

describe('the since-last-pass sentence', () => {
  it('says when in words a person uses', () => {
    expect(whenWords(local(2026, 3, 5, 8, 1), NOW)).toBe('earlier today at 08:01')
    expect(whenWords(local(2026, 3, 4), NOW)).toBe('yesterday at 14:02')
    expect(whenWords(local(2026, 3, 2), NOW)).toBe('on Monday at 14:02')
    expect(whenWords(local(2026, 2, 20), NOW)).toBe('on 20 February at 14:02')
    expect(whenWords(local(2025, 12, 31), NOW)).toBe('on 31 December 2025 at 14:02')
  })

  it('is the one line of the issue: it worked on Monday; since then the webhook lost conversation:create', () => {
    const lost = change({
      check: 'webhook-settings',
      before: { status: 'pass', evidence: { 'webhook.triggers': ['conversation:create', 'conversation:message'] } },
      after: { status: 'fail', code: 'webhook-drift', evidence: { 'webhook.triggers': ['conversation:message'] } }
    })
    expect(sinceLastPassSentence(slp([lost]), NOW)).toBe('It worked on Monday at 14:02; since then the webhook lost conversation:create.')
  })

  it('phrases the telling fields, failures first, then links by their status, and counts the rest', () => {
    const secret = change({ check: 'test-events', after: { status: 'fail', code: 'gateway-unauthorized', evidence: {} } })
    const target = change({ check: 'webhook-settings', before: { status: 'pass', evidence: { 'webhook.target': 'https://a/in' } }, after: { status: 'fail', evidence: { 'webhook.target': 'https://b/in' } } })
    const bot = change({ check: 'channel-bot', before: { status: 'pass', evidence: { aissistIsDefault: false } }, after: { status: 'warn', evidence: { aissistIsDefault: true } } })
    const size = change({ check: 'avatar', before: { status: 'pass', evidence: { 'image.width': 512 } }, after: { status: 'warn', evidence: { 'image.width': 64 } } })
    const skipped = change({ check: 'integration-present', after: { status: 'skipped', evidence: {} } })
    expect(describeChange(secret)).toBe('the gateway rejects the webhook secret')
    expect(describeChange(target)).toBe('the webhook now sends to https://b/in instead of https://a/in')
    expect(describeChange(bot)).toBe('Aissist became the default responder of the channels')
    expect(describeChange(size)).toBe("the avatar's width went from 512 to 64 px")
    expect(describeChange(skipped)).toBeNull()
    expect(sinceLastPassSentence(slp([bot, size, skipped, secret, target]), NOW)).toBe(
      "It worked on Monday at 14:02; since then the gateway rejects the webhook secret, the webhook now sends to https://b/in instead of https://a/in and Aissist became the default responder of the channels (and 1 more change)."
    )
    const generic = change({ check: 'zendesk-reachable', before: { status: 'pass', evidence: { 'tls.issuer': 'A' } }, after: { status: 'pass', evidence: { 'tls.issuer': 'B' } } })
    expect(describeChange(generic)).toBe('“Zendesk reachable” changed (tls.issuer A → B)')
  })

  it('says when there is nothing to compare with, or nothing changed', () => {
    expect(sinceLastPassSentence(null, NOW)).toBeNull()
    expect(sinceLastPassSentence({ at: null, runId: null, runsKept: 0, changes: [] }, NOW)).toBe('No earlier diagnose of this customer was kept to compare with.')
    expect(sinceLastPassSentence({ at: null, runId: null, runsKept: 3, changes: [] }, NOW)).toBe('None of the 3 earlier diagnose runs kept for this customer passed, so there is no working state to compare with.')
    expect(sinceLastPassSentence(slp([]), NOW)).toBe('It last worked on Monday at 14:02; nothing has changed since.')
  })
})
