/**
 * Zendesk client and sandbox figures on loopback: the client's overhead per request over raw
 * undici (same endpoint, same count), and the sandbox's requests per second. Bounded: a fixed
 * count of requests and a hard time budget, well under 30 s.
 */
import { Agent, request } from 'undici'
import { startSandbox } from '../electron/core/sandbox/index'
import { ZendeskClient } from '../electron/core/zendesk/client'

const N = 400
const BUDGET_MS = 20_000
const started = Date.now()

const stats = (ms: number[]): string => {
  const s = [...ms].sort((a, b) => a - b)
  const mean = s.reduce((a, b) => a + b, 0) / s.length
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return `mean ${mean.toFixed(3)} ms  p50 ${q(0.5).toFixed(3)} ms  p95 ${q(0.95).toFixed(3)} ms  (n=${s.length})`
}

const main = async (): Promise<void> => {
  const sb = await startSandbox()
  const url = `${sb.zendeskUrl}/v2/apps/${sb.appId}`
  const auth = `Basic ${Buffer.from(`${sb.keyId}:${sb.keySecret}`).toString('base64')}`
  const agent = new Agent()
  const client = new ZendeskClient({ baseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, keySecret: sb.keySecret })
  for (let i = 0; i < 50; i++) {
    await (await request(url, { dispatcher: agent, headers: { authorization: auth } })).body.json()
    await client.getApp()
  }
  const raw: number[] = []
  const ours: number[] = []
  for (let i = 0; i < N && Date.now() - started < BUDGET_MS / 2; i++) {
    let t = performance.now()
    await (await request(url, { dispatcher: agent, headers: { authorization: auth, accept: 'application/json' } })).body.json()
    raw.push(performance.now() - t)
    t = performance.now()
    await client.getApp()
    ours.push(performance.now() - t)
  }
  const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length
  console.log(`GET app, raw undici:      ${stats(raw)}`)
  console.log(`GET app, ZendeskClient:   ${stats(ours)}`)
  console.log(`client overhead per request: ${(mean(ours) - mean(raw)).toFixed(3)} ms (validation, error mapping, retry bookkeeping)`)

  const concurrency = 16
  let done = 0
  const t0 = performance.now()
  const deadline = Date.now() + 3_000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (done < 5_000 && Date.now() < deadline) {
        await (await request(url, { dispatcher: agent, headers: { authorization: auth } })).body.dump()
        done++
      }
    })
  )
  const secs = (performance.now() - t0) / 1000
  console.log(`sandbox: ${done} GET app in ${secs.toFixed(2)} s at concurrency ${concurrency} = ${(done / secs).toFixed(0)} req/s`)
  await client.close()
  await agent.close()
  await sb.close()
}

void main()
