/**
 * Guided setup figures against the sandbox on loopback: Zendesk API requests (counted by an undici
 * interceptor on the client's own dispatcher), write requests and wall time for a fresh setup and
 * for a no-op re-run, over several rounds, beside the first release's request counts (issue 19's
 * baseline: 8 for a fresh setup, 7 for a re-run; goal ≤ 5 plus 1 per extra page). Then once more
 * in an account with many other custom integrations, so that listing them takes several pages: an
 * "extra page" is a list request that follows a cursor (`page[after]`), and each may add one
 * request. The test events of step 8 go to the gateway, not to Zendesk, so they are not counted. Needs the keychain, so run it inside a D-Bus session:
 *   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx tsx bench/setup.bench.ts'
 * (`npm run bench` does exactly that.) Bounded: a fixed number of rounds and a 20 s budget.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { Agent, type Dispatcher } from 'undici'
import { startSandbox } from '../electron/core/sandbox/index'
import { createServices } from '../electron/core/services'
import { runSetup } from '../electron/core/setup/run-setup'
import { printFigure, times } from './figures'

const ROUNDS = 10
const BUDGET_MS = 20_000
/** Zendesk requests of the first release (one page of integrations), measured with this same dispatcher. */
const BASELINE = { fresh: 8, noop: 7 }
/** Other custom integrations in the account of the many-pages run (Zendesk's default page is 25). */
const OTHER_INTEGRATIONS = 60
/** The goal: at most this many requests, plus one per extra page. */
const GOAL = 5

interface Run {
  ms: number
  requests: number
  writes: number
  /** List requests that follow a cursor. */
  nextPages: number
}

const main = async (): Promise<void> => {
  const started = Date.now()
  const dataDir = mkdtempSync(join(tmpdir(), 'setup-bench-'))
  const keychainService = `aissist-bench-setup-${randomUUID()}`
  const services = createServices({ dataDir, keychainService, logLevel: 'warn' })
  const status = await services.vault.keychainStatus()
  if (!status.available) {
    console.log(`keychain unavailable: ${status.error?.message}\n→ ${status.error?.fix}`)
    return
  }
  const sb = await startSandbox({ retryScheduleMs: [10], webhookTimeoutMs: 1000 })
  const counts = { all: 0, writes: 0, nextPages: 0 }
  const dispatcher = new Agent().compose((dispatch: Dispatcher['dispatch']) => (opts, handler) => {
    counts.all++
    if (opts.method !== 'GET' && opts.method !== 'HEAD') counts.writes++
    if (decodeURIComponent(opts.path).includes('page[after]')) counts.nextPages++
    return dispatch(opts, handler)
  })
  /** A fresh setup of a new profile on the sandbox as it is now, then a no-op re-run of it. */
  const freshThenNoop = async (name: string): Promise<[Run, Run]> => {
    const profile = await services.vault.createProfile({
      name,
      apiBaseUrl: sb.zendeskUrl,
      appId: sb.appId,
      keyId: sb.keyId,
      gatewayUrl: sb.gatewayUrl,
      allowPrivate: true,
      keySecret: sb.keySecret
    })
    const runs: Run[] = []
    for (let i = 0; i < 2; i++) {
      Object.assign(counts, { all: 0, writes: 0, nextPages: 0 })
      const t = performance.now()
      const r = await runSetup(services, { profileRef: profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false }, client: { dispatcher } })
      if (!r.ok) throw new Error(`setup failed: ${r.summary}`)
      runs.push({ ms: performance.now() - t, requests: counts.all, writes: counts.writes, nextPages: counts.nextPages })
    }
    await services.vault.deleteProfile(profile.id)
    return [runs[0], runs[1]]
  }
  const fresh: Run[] = []
  const noop: Run[] = []
  let paged: [Run, Run] | null = null
  try {
    for (let round = 0; round < ROUNDS && Date.now() - started < BUDGET_MS; round++) {
      sb.reset()
      const [f, n] = await freshThenNoop(`Bench ${round}`)
      fresh.push(f)
      noop.push(n)
    }
    sb.reset()
    for (let i = 0; i < OTHER_INTEGRATIONS; i++) sb.seedIntegration({ displayName: `Other bot ${i + 1}`, switchboard: false })
    paged = await freshThenNoop('Bench, many integrations')
  } finally {
    await sb.close()
    await dispatcher.close()
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
    rmSync(dataDir, { recursive: true, force: true })
  }
  const line = (name: string, xs: Run[], baseline: number): string => {
    const ms = xs.map((x) => x.ms).sort((a, b) => a - b)
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length
    const requests = `${xs[0].requests} API requests (${xs[0].writes} write${xs[0].writes === 1 ? '' : 's'}), baseline ${baseline} → ${(xs[0].requests / baseline).toFixed(2)}×`
    return `${name}: ${requests}; wall time mean ${mean.toFixed(1)} ms, p50 ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms (n=${xs.length})`
  }
  console.log(line('fresh setup      ', fresh, BASELINE.fresh))
  console.log(line('no-op re-run     ', noop, BASELINE.noop))
  if (!paged) throw new Error('the many-pages run did not finish')
  const [pf, pn] = paged
  const pages = (r: Run): string => `${r.requests} API requests, ${r.nextPages} of them next pages (${r.writes} write${r.writes === 1 ? '' : 's'})`
  console.log(`with ${OTHER_INTEGRATIONS} other custom integrations: fresh setup ${pages(pf)}; re-run ${pages(pn)}`)
  const f = fresh[0]
  printFigure({ name: 'fresh setup, Zendesk API requests', value: `${f.requests} requests`, baseline: `first release: ${BASELINE.fresh}`, ratio: times(f.requests / BASELINE.fresh), goal: `≤ ${GOAL}`, met: f.requests <= GOAL })
  printFigure({
    name: `fresh setup, ${OTHER_INTEGRATIONS} other integrations (paged)`,
    value: `${pf.requests} requests (${pf.nextPages} next pages)`,
    baseline: `one page: ${f.requests}`,
    ratio: times(pf.requests / f.requests),
    goal: `≤ ${GOAL} + ${pf.nextPages} = ${GOAL + pf.nextPages}`,
    met: pf.requests <= GOAL + pf.nextPages
  })
  printFigure({ name: 'no-op setup re-run, Zendesk API requests', value: `${noop[0].requests} requests`, baseline: `first release: ${BASELINE.noop}`, ratio: times(noop[0].requests / BASELINE.noop), goal: '(none)' })
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
