/**
 * Doctor's wall time against its slowest single check and against the sum of all checks: the
 * parallelism at work (keychain, Zendesk, gateway and avatar do not wait for each other; the
 * integration checks share one account inspection). Against the sandbox on 127.0.0.1, as is and
 * with a WAN-like 40 ms added to every Zendesk and gateway answer. Bounded to well under 30 s.
 * Run inside a Secret Service session:
 *   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx tsx bench/doctor.bench.ts'
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { CHAIN } from '../shared/doctor/chain'
import type { DoctorResult } from '../shared/contract/doctor'
import { runDoctor } from '../electron/core/doctor/run-doctor'
import { createServices } from '../electron/core/services'
import { startSandbox } from '../electron/core/sandbox'
import { runSetup } from '../electron/core/setup/run-setup'

const ROUNDS = 8
const BUDGET_MS = 20_000
const started = Date.now()

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The longest chain of dependent checks, by their measured durations. */
const criticalPath = (r: DoctorResult): number => {
  const memo = new Map<string, number>()
  const finish = (id: string): number => {
    const hit = memo.get(id)
    if (hit !== undefined) return hit
    const def = CHAIN.find((c) => c.id === id)!
    const own = r.checks.find((c) => c.id === id)!.durationMs
    const v = own + Math.max(0, ...def.needs.map(finish))
    memo.set(id, v)
    return v
  }
  return Math.max(...CHAIN.map((c) => finish(c.id)))
}

const main = async (): Promise<void> => {
  const sandbox = await startSandbox({ retryScheduleMs: [10], webhookTimeoutMs: 2000 })
  const dataDir = mkdtempSync(join(tmpdir(), 'doctor-bench-'))
  const keychainService = `aissist-bench-doctor-${randomUUID()}`
  const services = createServices({ dataDir, keychainService })
  try {
    const profile = await services.vault.createProfile({
      name: 'Bench',
      apiBaseUrl: sandbox.zendeskUrl,
      appId: sandbox.appId,
      keyId: sandbox.keyId,
      gatewayUrl: sandbox.gatewayUrl,
      agentName: 'Aissist',
      avatarUrl: `${sandbox.imagesUrl}/avatar.png`,
      allowPrivate: true,
      keySecret: sandbox.keySecret
    })
    const setup = await runSetup(services, { profileRef: profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })
    if (!setup.ok) throw new Error(`setup failed: ${setup.summary}`)
    await runDoctor(services, profile.id) // warm-up (module loads, image rendering)

    console.log(`doctor bench: ${ROUNDS} rounds per scenario, sandbox on 127.0.0.1`)
    for (const [label, delayMs] of [['loopback', 0], ['+40 ms per answer', 40]] as const) {
      sandbox.faults.clear()
      if (delayMs) {
        sandbox.faults.add({ target: 'zendesk', kind: 'slow', delayMs })
        sandbox.faults.add({ target: 'gateway', kind: 'slow', delayMs })
      }
      const wall: number[] = []
      const slowest: number[] = []
      const sum: number[] = []
      const critical: number[] = []
      let slowestId = ''
      for (let i = 0; i < ROUNDS && Date.now() - started < BUDGET_MS; i++) {
        const t0 = performance.now()
        const r = await runDoctor(services, profile.id)
        wall.push(performance.now() - t0)
        if (r.verdict !== 'pass') throw new Error(`doctor did not pass: ${r.firstFailure?.sentence ?? r.summary}`)
        const top = [...r.checks].sort((a, b) => b.durationMs - a.durationMs)[0]
        slowest.push(top.durationMs)
        slowestId = top.id
        sum.push(r.checks.reduce((a, c) => a + c.durationMs, 0))
        critical.push(criticalPath(r))
      }
      const w = median(wall)
      console.log(`\n[${label}] (n=${wall.length}, medians)`)
      console.log(`  doctor wall time          ${w.toFixed(1)} ms`)
      console.log(`  slowest single check      ${median(slowest).toFixed(1)} ms (${slowestId})`)
      console.log(`  critical path of checks   ${median(critical).toFixed(1)} ms`)
      console.log(`  sum of all checks         ${median(sum).toFixed(1)} ms  (what running them one by one would cost)`)
      console.log(`  parallel speed-up         ${(median(sum) / w).toFixed(2)}×  ; wall / slowest check ${(w / median(slowest)).toFixed(2)}×`)
    }
  } finally {
    await sandbox.close()
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
