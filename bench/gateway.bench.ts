/**
 * Gateway test events on loopback. First the single send (`events send`: a connection of its own,
 * timed per phase) against a bare undici POST. Then the burst (`runBurst`: a keep-alive pool, fresh
 * events, per-event timings, Zendesk's view, the answer redacted) against raw undici keep-alive at
 * the same concurrency — 1, 5, 20 and 50 — in the same run, alternating rounds so both see the
 * same machine, with the ratio and the connections the burst opened. Issue 19's goal: ≥ 0.8× raw
 * at concurrency 20 and up to 50. Talks only to 127.0.0.1; bounded well under a minute.
 * Needs a Secret Service (the burst reads the webhook secret from the keychain): `npm run bench`.
 */
import { Agent, request } from 'undici'
import { runBurst } from '../electron/core/gateway/burst'
import { sendWebhookEvent } from '../electron/core/gateway/send-event'
import { buildTestEvent } from '../electron/core/gateway/test-event'
import { latencyStats } from '../shared/gateway/latency'
import { createGatewayWorld } from '../test/integration/gateway-fixture'

const SEQUENTIAL = 300
const BURST = 500
const ROUNDS = 3
const LEVELS = [1, 5, 20, 50] as const

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const main = async (): Promise<void> => {
  const w = await createGatewayWorld()
  try {
    const url = w.profile.gatewayUrl
    const secret = w.webhookSecret
    // conversation:create: the simulated gateway does not reply to it, so only the delivery is measured.
    const payload = () => buildTestEvent(w.profile, { type: 'conversation:create' })
    const headers = { 'content-type': 'application/json', 'x-api-key': secret }

    const rawSequential = async (fresh: boolean): Promise<number[]> => {
      const shared = new Agent()
      const times: number[] = []
      for (let i = 0; i < SEQUENTIAL; i++) {
        const agent = fresh ? new Agent() : shared
        const t = performance.now()
        const r = await request(url, { method: 'POST', dispatcher: agent, headers, body: JSON.stringify(payload()) })
        await r.body.text()
        times.push(performance.now() - t)
        if (fresh) await agent.destroy()
      }
      await shared.close()
      return times
    }
    // Warm up both paths (JIT, the sandbox) so neither pays for it in the figures.
    for (let i = 0; i < 30; i++) {
      await sendWebhookEvent({ url, secret, payload: payload(), allowPrivate: true })
      await (await request(url, { method: 'POST', headers, body: JSON.stringify(payload()) })).body.text()
    }
    const single: number[] = []
    for (let i = 0; i < SEQUENTIAL; i++) {
      const r = await sendWebhookEvent({ url, secret, payload: payload(), allowPrivate: true })
      if (!r.ok) throw new Error(`unexpected ${r.status}`)
      single.push(r.timings.totalMs)
    }
    const rawFresh = latencyStats(await rawSequential(true))
    const rawPooled = latencyStats(await rawSequential(false))
    const s = latencyStats(single)
    const line = (name: string, x: ReturnType<typeof latencyStats>): string => `${name.padEnd(40)} p50 ${x.p50.toFixed(2)} ms  p95 ${x.p95.toFixed(2)} ms  max ${x.max.toFixed(2)} ms`
    console.log(`Single sends, sequential, ${SEQUENTIAL} events each:`)
    console.log(line('raw undici, new connection each', rawFresh))
    console.log(line('raw undici, pooled keep-alive', rawPooled))
    console.log(line('sendWebhookEvent (new conn, timed)', s))
    console.log(`overhead per event vs raw (new connection): p50 ${(s.p50 - rawFresh.p50).toFixed(2)} ms`)

    /** Raw undici keep-alive at `concurrency`: the same URL, headers and fresh event bodies, nothing else. */
    const rawBurst = async (concurrency: number): Promise<number> => {
      const agent = new Agent({ connections: concurrency, pipelining: 1 })
      let next = 0
      const t = performance.now()
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < BURST) {
          next++
          const r = await request(url, { method: 'POST', dispatcher: agent, headers, body: JSON.stringify(payload()) })
          await r.body.text()
          if (r.statusCode !== 200) throw new Error(`unexpected ${r.statusCode}`)
        }
      }))
      const ms = performance.now() - t
      await agent.close()
      return BURST / (ms / 1000)
    }
    // Warm the burst path once (its first keychain read, the pool code).
    await runBurst(w.services, { profileRef: w.profile.id, count: 50, concurrency: 5, type: 'conversation:create' })

    console.log(`\nBurst of ${BURST} events, loopback (median of ${ROUNDS} alternating rounds):`)
    console.log('concurrency   raw keep-alive   runBurst (sending)   ratio   runBurst wall (incl. profile+keychain read)   connections opened / events   p50 / p95 per event')
    for (const c of LEVELS) {
      const raw: number[] = []
      const ours: number[] = []
      const wall: number[] = []
      let last: Awaited<ReturnType<typeof runBurst>> | null = null
      for (let round = 0; round < ROUNDS; round++) {
        raw.push(await rawBurst(c))
        const t = performance.now()
        last = await runBurst(w.services, { profileRef: w.profile.id, count: BURST, concurrency: c, type: 'conversation:create' })
        wall.push(BURST / ((performance.now() - t) / 1000))
        if (last.completed !== BURST || last.byStatus['200'] !== BURST) throw new Error(`burst answers: ${JSON.stringify(last.byStatus)}`)
        ours.push(last.perSecond)
      }
      const r = median(raw)
      const o = median(ours)
      console.log(
        `${String(c).padStart(11)}   ${r.toFixed(0).padStart(10)} /s   ${o.toFixed(0).padStart(14)} /s   ${(o / r).toFixed(2).padStart(4)}×   ${median(wall).toFixed(0).padStart(10)} /s (${(median(wall) / r).toFixed(2)}×)` +
          `${' '.repeat(34)}${String(last!.connections?.opened).padStart(4)} / ${BURST}   ${last!.stats.p50} / ${last!.stats.p95} ms`
      )
    }
    await w.sandbox.settled()
  } finally {
    await w.close()
  }
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
