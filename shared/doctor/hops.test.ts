import { describe, expect, it } from 'vitest'
import { CHAIN, CHECK_IDS } from './chain'
import { brokenHop, chainHops, describeHops, HOP_IDS, HOP_OF, hopStatus, type LinkState } from './hops'

const all = (status: LinkState['status']): LinkState[] => CHAIN.map((c) => ({ id: c.id, title: c.title, status }))

describe('the chain as hops', () => {
  it('puts every check on one hop, and the hops in the order a message travels', () => {
    expect(Object.keys(HOP_OF).sort()).toEqual([...CHECK_IDS].sort())
    const firstOf = HOP_IDS.map((h) => CHECK_IDS.findIndex((id) => HOP_OF[id] === h))
    expect(firstOf.every((i) => i >= 0)).toBe(true)
    expect([...firstOf].sort((a, b) => a - b)).toEqual(firstOf)
    expect(chainHops([]).map((h) => h.title)).toEqual(['Zendesk', 'Webhook', 'Aissist gateway', 'AI agent', 'Chat'])
  })

  it('reads a hop from its links', () => {
    expect(hopStatus(['pass', 'fail', 'skipped'])).toBe('fail')
    expect(hopStatus(['pass', 'running'])).toBe('running')
    expect(hopStatus(['pass', 'pending'])).toBe('running')
    expect(hopStatus(['pending', 'pending'])).toBe('pending')
    expect(hopStatus(['pass', 'warn'])).toBe('warn')
    expect(hopStatus(['pass', 'skipped'])).toBe('skipped')
    expect(hopStatus(['pass', 'pass'])).toBe('pass')
  })

  it('names the broken hop and the link that failed there, in words', () => {
    const links = all('pass').map((l) => (l.id === 'test-events' ? { ...l, status: 'fail' as const } : l))
    const hops = chainHops(links)
    expect(brokenHop(hops)?.id).toBe('gateway')
    expect(describeHops(hops)).toBe(
      'Zendesk → Webhook → Aissist gateway → AI agent → Chat. Broken at Aissist gateway: Test events accepted failed. Zendesk working, Webhook working, Aissist gateway broken, AI agent working, Chat working.'
    )
  })

  it('says when nothing is checked yet, and when everything works', () => {
    expect(describeHops(chainHops(all('pending')))).toContain('Not checked yet.')
    expect(describeHops(chainHops(all('pass')))).toContain('Every hop works.')
    expect(brokenHop(chainHops(all('pass')))).toBeNull()
  })

  it('takes the first broken hop when several are', () => {
    const links = all('pass').map((l) => (l.id === 'credentials-valid' || l.id === 'avatar' ? { ...l, status: 'fail' as const } : l))
    expect(brokenHop(chainHops(links))?.id).toBe('zendesk')
  })
})
