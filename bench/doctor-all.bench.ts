/**
 * `doctor --all` over 20 sandbox customers at concurrency 1, 4 and 8: customers diagnosed per
 * second, against one customer's diagnose in the same run (1 / its median wall time). The sandbox
 * runs in its own process (the built `aissist-zd sandbox`), as a remote Zendesk would, and the
 * sandbox itself counts how many diagnoses were in flight at once (each sends the gateway one
 * HEAD). Two networks: loopback as is, and a WAN-like 40 ms added to every Zendesk and gateway
 * answer (where running customers side by side pays). Bounded to well under a minute.
 * Run inside a Secret Service session (npm run bench does).
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'
import { runDoctorAll } from '../electron/core/doctor/run-all'
import { runDoctor } from '../electron/core/doctor/run-doctor'
import { createServices, type Services } from '../electron/core/services'
import { runSetup } from '../electron/core/setup/run-setup'
import { spawnJsonLine } from '../test/support/spawn-json-line'
import { median, printFigure, times } from './figures'
import type { SandboxInfo } from '../electron/core/sandbox/types'

const CUSTOMERS = 20
const SINGLE_ROUNDS = 5
const CONCURRENCY = [1, 4, 8] as const
const GOALS: Record<number, number> = { 1: 0.8, 4: 2.5, 8: 3.5 }
const root = resolve(__dirname, '..')


const control = async (sb: SandboxInfo, method: string, path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${sb.controlUrl}${path}`, { method, headers: { authorization: `Bearer ${sb.controlToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return res.json()
}

/** Twenty customers on the one sandbox app, the first configured by the guided setup. */
const makeCustomers = async (services: Services, sb: SandboxInfo): Promise<string[]> => {
  const base = { apiBaseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, gatewayUrl: sb.gatewayUrl, allowPrivate: true, agentName: 'Aissist', avatarUrl: `${sb.imagesUrl}/avatar.png`, keySecret: sb.keySecret }
  const first = await services.vault.createProfile({ ...base, name: 'Bench 1' })
  const setup = await runSetup(services, { profileRef: first.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })
  if (!setup.ok) throw new Error(`setup failed: ${setup.summary}`)
  const configured = await services.vault.getProfile(first.id)
  const webhookSecret = await services.vault.getSecret(first.id, 'webhookSecret')
  const ids = [first.id]
  for (let i = 2; i <= CUSTOMERS; i++) {
    const p = await services.vault.createProfile({ ...base, name: `Bench ${i}`, webhookSecret })
    await services.vault.updateProfile(p.id, { webhookId: configured.webhookId ?? null, integrationId: configured.integrationId ?? null })
    ids.push(p.id)
  }
  return ids
}

/** The built CLI's `doctor --all`, end to end (process start, keychain worker and all). */
const cliAll = (dataDir: string, keychainService: string, concurrency: number): Promise<number> =>
  new Promise((done) => {
    const t0 = performance.now()
    execFile(process.execPath, [join(root, 'bin', 'aissist-zd'), 'doctor', '--all', '--json', '--concurrency', String(concurrency)], { env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: keychainService } }, () => done(performance.now() - t0))
  })

const scenario = async (services: Services, sb: SandboxInfo, first: string, label: string, goals: boolean): Promise<void> => {
  const single: number[] = []
  for (let i = 0; i < SINGLE_ROUNDS; i++) {
    const t0 = performance.now()
    const r = await runDoctor(services, first, { source: 'cli' })
    single.push(performance.now() - t0)
    if (r.verdict !== 'pass') throw new Error(`one customer's doctor did not pass: ${r.firstFailure?.sentence ?? r.summary}`)
  }
  const one = median(single)
  const oneRate = 1000 / one
  console.log(`\n[${label}] one customer's doctor: ${one.toFixed(0)} ms (median of ${SINGLE_ROUNDS}) = ${oneRate.toFixed(2)} customers/s`)
  for (const c of CONCURRENCY) {
    await control(sb, 'DELETE', '/traffic')
    const t0 = performance.now()
    const out = await runDoctorAll(services, { concurrency: c, source: 'cli-all' })
    const wall = performance.now() - t0
    if (out.exitCode !== 0) throw new Error(`doctor --all did not pass at concurrency ${c}: ${out.items.find((i) => i.entry.exitCode)?.entry.firstFailure?.sentence}`)
    const traffic = (await control(sb, 'GET', '/traffic')) as { peak: number; byRoute: Record<string, { peak: number; total: number }> }
    const rate = (CUSTOMERS * 1000) / wall
    const ratio = rate / oneRate
    console.log(`  concurrency ${c}: ${CUSTOMERS} customers in ${wall.toFixed(0)} ms = ${rate.toFixed(2)} customers/s; diagnoses in flight at once (gateway HEADs, counted by the sandbox): ${traffic.byRoute['gateway HEAD']?.peak ?? 0}; requests in flight at once: ${traffic.peak}`)
    printFigure({
      name: `doctor --all, ${CUSTOMERS} customers, concurrency ${c} (${label})`,
      value: `${rate.toFixed(2)} customers/s`,
      baseline: `one doctor: ${oneRate.toFixed(2)} customers/s (${one.toFixed(0)} ms)`,
      ratio: times(ratio),
      goal: goals ? `≥ ${GOALS[c]}×` : '',
      met: goals ? ratio >= GOALS[c] : undefined
    })
  }
}

const main = async (): Promise<void> => {
  const sandbox = await spawnJsonLine<SandboxInfo>(process.execPath, [join(root, 'bin', 'aissist-zd'), 'sandbox', '--port', '0'], { ...process.env })
  const sb = sandbox.info
  const dataDir = mkdtempSync(join(tmpdir(), 'doctor-all-bench-'))
  const keychainService = `aissist-bench-doctor-all-${randomUUID()}`
  const services = createServices({ dataDir, keychainService })
  try {
    const ids = await makeCustomers(services, sb)
    await fetch(`${sb.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
    await runDoctorAll(services, { concurrency: 4 }) // warm-up: module loads, connections, the image host's pictures
    console.log(`doctor --all bench: ${CUSTOMERS} customers on one sandbox (its own process), concurrency ${CONCURRENCY.join(', ')}`)
    await scenario(services, sb, ids[0], 'loopback', false)
    await control(sb, 'POST', '/faults', { target: 'zendesk', kind: 'slow', delayMs: 40 })
    await control(sb, 'POST', '/faults', { target: 'gateway', kind: 'slow', delayMs: 40 })
    await scenario(services, sb, ids[0], '+40 ms per answer', true)
    await control(sb, 'DELETE', '/faults')
    const cli = await cliAll(dataDir, keychainService, 4)
    console.log(`\nThe built CLI, end to end (process start, keychain worker): doctor --all --concurrency 4 over ${CUSTOMERS} customers on loopback in ${cli.toFixed(0)} ms`)
  } finally {
    await services.shutdown()
    await sandbox.stop()
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
