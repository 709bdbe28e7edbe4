import { describe, expect, it } from 'vitest'
import { CHAIN, CHECK_IDS, checkDefinition, isCheckId, readiness, skippedForPrerequisite, type CheckId } from './chain'
import type { FinalStatus } from '../task/status'

describe('the diagnose chain', () => {
  it('lists the links in the order a message travels, each with a title', () => {
    expect(CHAIN.map((c) => c.id)).toEqual([...CHECK_IDS])
    expect(CHECK_IDS[0]).toBe('keychain')
    expect(CHECK_IDS.at(-1)).toBe('channel-bot')
    for (const c of CHAIN) expect(c.title.length).toBeGreaterThan(3)
  })

  it('only depends on earlier links (so the chain can never deadlock)', () => {
    CHAIN.forEach((c, i) => {
      for (const n of c.needs) expect(CHECK_IDS.indexOf(n)).toBeLessThan(i)
    })
  })

  it('lets keychain, Zendesk reachability, gateway HEAD, agent name and avatar start at once', () => {
    const none = new Map<CheckId, FinalStatus>()
    expect(CHECK_IDS.filter((id) => readiness(id, none) === 'run')).toEqual(['keychain', 'zendesk-reachable', 'gateway-head', 'agent-name', 'avatar'])
  })

  it('waits, runs, or skips depending on prerequisites', () => {
    expect(readiness('credentials-valid', new Map([['credentials-present', 'pass']]))).toBe('wait')
    expect(readiness('credentials-valid', new Map<CheckId, FinalStatus>([['credentials-present', 'pass'], ['zendesk-reachable', 'warn']]))).toBe('run')
    expect(readiness('credentials-valid', new Map<CheckId, FinalStatus>([['credentials-present', 'fail']]))).toBe('skip')
    expect(readiness('integration-present', new Map<CheckId, FinalStatus>([['credentials-valid', 'skipped']]))).toBe('skip')
  })

  it('says what a skipped link needed', () => {
    expect(skippedForPrerequisite('integration-present')).toBe('skipped: needs valid credentials')
    expect(skippedForPrerequisite('credentials-present')).toBe('skipped: needs a working keychain')
  })

  it('knows which links work offline', () => {
    expect(CHAIN.filter((c) => !c.needsNetwork).map((c) => c.id)).toEqual(['keychain', 'credentials-present', 'agent-name', 'avatar'])
    expect(isCheckId('avatar')).toBe(true)
    expect(isCheckId('nope')).toBe(false)
    expect(() => checkDefinition('nope' as CheckId)).toThrow()
  })
})
