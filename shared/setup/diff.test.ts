import { describe, expect, it } from 'vitest'
import { compareWebhook, driftInWords, repairedTriggers } from './diff'

const GW = 'https://gateway.aissist.io/gateway/zendesk/conversation'
const good = { id: 'w1', version: 'v2', target: GW, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true }

describe('compareWebhook', () => {
  it('finds nothing on the guide\'s webhook (extra triggers and a trailing slash are fine)', () => {
    expect(compareWebhook(good, GW)).toEqual([])
    expect(compareWebhook({ ...good, target: `${GW}/`, triggers: [...good.triggers, 'conversation:read'] }, GW)).toEqual([])
  })

  it('calls `*` and a v1 webhook drift: neither is the guide\'s subscription or payload', () => {
    const star = compareWebhook({ ...good, triggers: ['*'] }, GW)
    expect(star.map((d) => d.field)).toEqual(['triggers'])
    expect(star[0].message).toContain('every event (*)')
    expect(driftInWords(star[0])).toEqual({ before: '*', after: 'Conversation created, Conversation message' })
    const v1 = compareWebhook({ ...good, version: 'v1' }, GW)
    expect(v1.map((d) => [d.field, d.actual])).toEqual([['version', 'v1']])
    expect(v1[0].message).toMatch(/version v1 payloads.*recreated/)
  })

  it('names each drifted setting once', () => {
    const d = compareWebhook({ id: 'w1', version: 'v2', target: 'https://old.example.com', triggers: ['conversation:create'], includeFullUser: false, includeFullSource: false }, GW)
    expect(d.map((x) => x.field)).toEqual(['target', 'triggers', 'includeFullUser', 'includeFullSource'])
    expect(d[1].message).toContain('Conversation message')
    expect(compareWebhook(null, GW).map((x) => x.field)).toEqual(['webhook-missing'])
  })

  it('repairs triggers without dropping the admin\'s own', () => {
    expect(repairedTriggers(['conversation:read', 'conversation:create'])).toEqual(['conversation:read', 'conversation:create', 'conversation:message'])
    expect(repairedTriggers(['*'])).toEqual(['conversation:create', 'conversation:message'])
  })

  it('describes before and after in admin words', () => {
    const [t, tr, u] = compareWebhook({ ...good, target: 'https://old.example.com', triggers: [], includeFullUser: false }, GW)
    expect(driftInWords(t)).toEqual({ before: 'https://old.example.com', after: GW })
    expect(driftInWords(tr)).toEqual({ before: 'none', after: 'Conversation created, Conversation message' })
    expect(driftInWords(u)).toEqual({ before: 'disabled', after: 'enabled' })
  })
})
