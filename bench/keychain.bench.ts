/**
 * Keychain worker benchmark: what keeping keytar out of the app's process costs. A cold start (fork
 * the built worker, load keytar, ask the Secret Service whether the keyring is locked, answer),
 * warm round trips one at a time and 50 at once, a store + delete, and the lock probe alone.
 * Prints figures, asserts nothing. Needs a Secret Service (`npm run bench` starts one) and a build.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createWorkerSecretStore } from '../electron/core/vault/keychain-worker/client'
import { probeSecretServiceLock } from '../electron/core/vault/keychain-worker/locked-probe'
import { nodeKeychainWorkerSpawner } from '../electron/core/vault/keychain-worker/node-worker'

const entry = join(__dirname, '..', 'out', 'main', 'keychain-worker.js')

const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number): string => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2)
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${s[s.length - 1].toFixed(2)} ms (n=${s.length})`
}

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

const main = async (): Promise<void> => {
  const service = `aissist-bench-keychain-${randomUUID()}`
  const store = createWorkerSecretStore({ service, spawn: nodeKeychainWorkerSpawner({ entry }) })
  try {
    const cold: number[] = []
    for (let i = 0; i < 5; i++) {
      cold.push(await timed(() => store.get('bench:keySecret')))
      await store.stop()
    }
    console.log(`cold start + first call (fork, keytar, lock probe):  ${stats(cold)}`)
    await store.get('bench:keySecret')
    const warm: number[] = []
    for (let i = 0; i < 200; i++) warm.push(await timed(() => store.get('bench:keySecret')))
    console.log(`warm get, one at a time:                             ${stats(warm)}`)
    const burst = await timed(() => Promise.all(Array.from({ length: 50 }, () => store.get('bench:keySecret'))))
    console.log(`50 gets at once:                                     ${burst.toFixed(1)} ms`)
    const writes: number[] = []
    for (let i = 0; i < 30; i++) writes.push(await timed(async () => {
      await store.set(`bench-${i}:keySecret`, `secret-${i}-${randomUUID()}`)
      await store.delete(`bench-${i}:keySecret`)
    }))
    console.log(`store + delete:                                      ${stats(writes)}`)
    const probes: number[] = []
    for (let i = 0; i < 20; i++) probes.push(await timed(() => probeSecretServiceLock()))
    console.log(`lock probe alone (D-Bus Locked property):            ${stats(probes)}`)
  } finally {
    for (const a of await store.listAccounts().catch(() => [])) await store.delete(a).catch(() => undefined)
    await store.stop()
  }
}

void main()
