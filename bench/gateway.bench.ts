/**
 * Gateway test events: the per-event overhead of sendWebhookEvent (its own timed connection,
 * URL policy, capped body, Zendesk's view) over a bare undici POST to the same sandbox gateway, and
 * burst throughput. Talks only to 127.0.0.1; bounded well under 30 s. Run: npx tsx bench/gateway.bench.ts
 */
import { Agent, request } from 'undici'
import { startSandbox } from '../electron/core/sandbox/index'
import { ZendeskClient } from '../electron/core/zendesk/client'
import { sendWebhookEvent } from '../electron/core/gateway/send-event'
import { buildTestEvent } from '../electron/core/gateway/test-event'
import { latencyStats } from '../shared/gateway/latency'

const N = 300

const main = async (): Promise<void> => {
  const sb = await startSandbox({ retryScheduleMs: [5] })
  const client = new ZendeskClient({ baseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, keySecret: sb.keySecret, retry: { maxAttempts: 1 } })
  const { integration } = await client.createCustomIntegration({
    type: 'custom',
    displayName: 'Aissistant_Conversation_Integration',
    webhooks: [{ target: sb.gatewayUrl, triggers: ['conversation:create'], includeFullUser: true, includeFullSource: true }]
  })
  await client.close()
  const hook = integration.webhooks[0]
  const profile = { appId: sb.appId, webhookId: hook.id, integrationId: integration.id }
  const secret = hook.secret as string
  // conversation:create: the simulated gateway does not reply to it, so only the delivery is measured.
  const payload = () => buildTestEvent(profile, { type: 'conversation:create' })

  const raw = async (fresh: boolean): Promise<number[]> => {
    const shared = new Agent()
    const times: number[] = []
    for (let i = 0; i < N; i++) {
      const agent = fresh ? new Agent() : shared
      const t = performance.now()
      const r = await request(sb.gatewayUrl, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify(payload()) })
      await r.body.text()
      times.push(performance.now() - t)
      if (fresh) await agent.destroy()
    }
    await shared.close()
    return times
  }
  // Warm up both paths (JIT, the sandbox) so neither pays for it in the figures.
  for (let i = 0; i < 30; i++) {
    await sendWebhookEvent({ url: sb.gatewayUrl, secret, payload: payload(), allowPrivate: true })
    await (await request(sb.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify(payload()) })).body.text()
  }
  const ours: number[] = []
  for (let i = 0; i < N; i++) {
    const r = await sendWebhookEvent({ url: sb.gatewayUrl, secret, payload: payload(), allowPrivate: true })
    if (!r.ok) throw new Error(`unexpected ${r.status}`)
    ours.push(r.timings.totalMs)
  }
  const rawFresh = latencyStats(await raw(true))
  const rawPooled = latencyStats(await raw(false))
  const s = latencyStats(ours)
  const line = (name: string, x: ReturnType<typeof latencyStats>): string => `${name.padEnd(38)} p50 ${x.p50.toFixed(2)} ms  p95 ${x.p95.toFixed(2)} ms  max ${x.max.toFixed(2)} ms`
  console.log(`Sequential, ${N} events each:`)
  console.log(line('raw undici, new connection each', rawFresh))
  console.log(line('raw undici, pooled keep-alive', rawPooled))
  console.log(line('sendWebhookEvent (new conn, timed)', s))
  console.log(`overhead per event vs raw (new connection): p50 ${(s.p50 - rawFresh.p50).toFixed(2)} ms`)

  for (const [count, concurrency] of [[200, 1], [200, 5], [500, 20]] as const) {
    const t = performance.now()
    let next = 0
    const lat: number[] = []
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++
        const r = await sendWebhookEvent({ url: sb.gatewayUrl, secret, payload: payload(), allowPrivate: true })
        lat.push(r.timings.totalMs)
      }
    }))
    const ms = performance.now() - t
    const st = latencyStats(lat)
    console.log(`burst ${count} @ ${String(concurrency).padStart(2)}: ${(count / (ms / 1000)).toFixed(0)} events/s  p50 ${st.p50} ms  p95 ${st.p95} ms  max ${st.max} ms`)
  }
  await sb.close()
}

void main()
