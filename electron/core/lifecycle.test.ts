import { describe, expect, it } from 'vitest'
import { Lifecycle } from './lifecycle'

describe('Lifecycle', () => {
  it('runs every hook once, even when one throws', async () => {
    const l = new Lifecycle()
    const ran: string[] = []
    l.onShutdown(() => {
      ran.push('a')
    })
    l.onShutdown(() => {
      throw new Error('boom')
    })
    l.onShutdown(async () => {
      ran.push('c')
    })
    await l.shutdown()
    await l.shutdown()
    expect(ran).toEqual(['a', 'c'])
  })

  it('is bounded: a hanging hook never holds the process', async () => {
    const l = new Lifecycle()
    l.onShutdown(() => new Promise<void>(() => undefined))
    const started = Date.now()
    await l.shutdown(50)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('forgets a removed hook', async () => {
    const l = new Lifecycle()
    let ran = false
    const off = l.onShutdown(() => {
      ran = true
    })
    off()
    await l.shutdown()
    expect(ran).toBe(false)
  })
})
