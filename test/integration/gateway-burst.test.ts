import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runBurst } from '../../electron/core/gateway/burst'
import { createGatewayWorld, type GatewayWorld } from './gateway-fixture'

/**
 * Bursts over the keep-alive pool against the sandbox's gateway: connections are reused and
 * counted, a slow gateway is still a Zendesk timeout per event, dropped connections are replaced,
 * and cancel stops the burst. The secret reaches no result.
 */
let w: GatewayWorld
beforeAll(async () => {
  w = await createGatewayWorld()
})
afterAll(async () => {
  await w.close()
})
afterEach(async () => {
  w.sandbox.faults.clear()
  await w.sandbox.settled()
})

const burst = (count: number, concurrency: number, extra: Partial<Parameters<typeof runBurst>[1]> = {}) =>
  runBurst(w.services, { profileRef: w.profile.id, count, concurrency, type: 'conversation:create', ...extra })

describe('burst over a keep-alive pool', () => {
  it('at concurrency 50 opens at most 50 connections for 200 events, and reports every event', async () => {
    const b = await burst(200, 50)
    expect(b).toMatchObject({ requested: 200, completed: 200, concurrency: 50, byStatus: { '200': 200 }, byVerdict: { accepted: 200 } })
    expect(b.latencies).toHaveLength(200)
    expect(b.connections!.opened).toBeGreaterThanOrEqual(1)
    expect(b.connections!.opened).toBeLessThanOrEqual(50)
    expect(b.connections!.reused).toBe(200 - b.connections!.opened)
    expect(JSON.stringify(b)).not.toContain(w.webhookSecret)
  })

  it('one connection at concurrency 1', async () => {
    const b = await burst(30, 1)
    expect(b.connections).toEqual({ opened: 1, reused: 29 })
  })

  it('a gateway slower than the timeout is a Zendesk timeout for each event, not a failure of the burst', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'slow', delayMs: 1500, count: 2 })
    const b = await burst(6, 2, { timeoutMs: 300 })
    expect(b.completed).toBe(6)
    expect(b.byVerdict['timed-out']).toBe(2)
    expect(b.byStatus['gateway-timeout']).toBe(2)
    expect(b.byVerdict.accepted).toBe(4)
    expect(b.firstError?.code).toBe('gateway-timeout')
  })

  it('dropped connections are replaced and counted', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'drop', count: 3 })
    const b = await burst(10, 2)
    expect(b.completed).toBe(10)
    expect(b.byStatus['200']).toBe(7)
    expect(b.connections!.opened).toBeGreaterThan(2)
  })

  it('cancel stops the burst and reports what finished', async () => {
    w.sandbox.faults.add({ target: 'gateway', kind: 'slow', delayMs: 50 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 300)
    const b = await burst(300, 5, { signal: controller.signal })
    expect(b.cancelled).toBe(true)
    expect(b.completed).toBeLessThan(300)
    expect(b.completed).toBeGreaterThan(0)
  })
  it('refuses without a webhook secret before sending anything (the CLI and the app share this core)', async () => {
    const before = w.sandbox.traffic.snapshot().total
    const created = await w.services.vault.createProfile({
      name: 'No hook secret',
      apiBaseUrl: w.sandbox.zendeskUrl,
      appId: w.sandbox.appId,
      keyId: w.sandbox.keyId,
      gatewayUrl: w.sandbox.gatewayUrl,
      allowPrivate: true,
      keySecret: w.sandbox.keySecret
    })
    await expect(runBurst(w.services, { profileRef: created.id, count: 5, concurrency: 2, type: 'conversation:create' })).rejects.toMatchObject({ code: 'credentials-missing' })
    expect(w.sandbox.traffic.snapshot().total).toBe(before)
    await w.services.vault.deleteProfile(created.id)
  })
})
