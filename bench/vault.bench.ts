/**
 * Vault benchmark: list 1,000 profiles (file read + validation + one keychain listing for the
 * secret badges), add then remove 100 profiles with a keychain write each, and import 1k, 10k and
 * 50k profiles (into an empty folder, then again with every one clashing: rename), showing the
 * time per profile stays flat (linear growth). Prints figures, asserts nothing. It needs a Secret Service; run it inside a private D-Bus session:
 *
 *   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx tsx bench/vault.bench.ts'
 *
 * (`npm run bench` does exactly that.) Uses its own temp data folder and keychain service, and
 * removes both at the end. Bounded: well under a minute (the 50k import is the longest part).
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createServices } from '../electron/core/services'
import { exportProfilesJson } from '../electron/core/vault/transfer'
import type { Profile } from '../shared/schemas/profile'
import { storedProfile } from '../test/support/profile-fixture'

/** Imports of growing size, each into a data folder of its own (no keychain work: none is needed). */
const importBench = async (): Promise<void> => {
  console.log('\nimport (parse + validate + plan + one atomic write):')
  console.log('  profiles   into empty      µs/profile   again, all clash (rename)   µs/profile   reads/parses')
  for (const n of [1_000, 10_000, 50_000]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'vault-bench-import-'))
    const services = createServices({ dataDir, keychainService: `aissist-bench-import-${randomUUID()}`, logLevel: 'warn' })
    try {
      const json = exportProfilesJson(Array.from({ length: n }, (_, i) => storedProfile(i, { id: randomUUID(), name: `Imported ${i}`, subdomain: `imported-${i}` })))
      let t = performance.now()
      const first = await services.vault.importProfiles(json)
      const fresh = performance.now() - t
      t = performance.now()
      const again = await services.vault.importProfiles(json, 'rename')
      const clash = performance.now() - t
      const { reads, parses } = services.vault.store.stats
      const row = [
        String(n).padStart(8),
        `${(fresh / 1000).toFixed(2)} s`.padStart(14),
        ((fresh * 1000) / n).toFixed(1).padStart(12),
        `${(clash / 1000).toFixed(2)} s`.padStart(27),
        ((clash * 1000) / n).toFixed(1).padStart(12),
        `${reads}/${parses}`.padStart(14)
      ]
      console.log(`${row.join(' ')}   (${first.imported.length} + ${again.imported.length} imported)`)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vault-bench-'))
  const service = `aissist-bench-${randomUUID()}`
  const services = createServices({ dataDir, keychainService: service, logLevel: 'warn' })
  const vault = services.vault
  const status = await vault.keychainStatus()
  if (!status.available) {
    console.log(`keychain unavailable: ${status.error?.message}\n→ ${status.error?.fix}`)
    process.exitCode = 1
    return
  }
  const ms = (t0: number): string => `${(performance.now() - t0).toFixed(1)} ms`
  try {
    const many: Profile[] = Array.from({ length: 1000 }, (_, i) => storedProfile(i, { id: randomUUID(), name: `Customer ${i}` }))
    let t = performance.now()
    await vault.store.update((doc) => ({ doc: { ...doc, profiles: many }, result: null }))
    console.log(`write 1,000 profiles (one atomic write):        ${ms(t)}`)
    for (let round = 1; round <= 3; round++) {
      t = performance.now()
      const { profiles } = await vault.listProfiles()
      const read = performance.now() - t
      const views = await vault.views(profiles)
      console.log(`list 1,000 profiles, round ${round}: read ${read.toFixed(1)} ms, with secret status ${ms(t)} (${views.length})`)
    }
    t = performance.now()
    await vault.getProfile('customer 999')
    console.log(`find one of 1,000 by name:                       ${ms(t)}`)

    const ids: string[] = []
    t = performance.now()
    for (let i = 0; i < 100; i++) {
      const p = await vault.createProfile({ name: `Bench ${i}`, subdomain: `bench-${i}`, appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34', keySecret: `bench-secret-${i}-${randomUUID()}` })
      ids.push(p.id)
    }
    const add = performance.now() - t
    console.log(`add 100 profiles with a keychain write each:     ${add.toFixed(1)} ms (${(add / 100).toFixed(2)} ms each)`)
    t = performance.now()
    for (const id of ids) await vault.deleteProfile(id)
    const del = performance.now() - t
    console.log(`remove 100 profiles with their keychain entries: ${del.toFixed(1)} ms (${(del / 100).toFixed(2)} ms each)`)
  } finally {
    for (const a of await vault.secretStore.listAccounts().catch(() => [] as string[])) await vault.secretStore.delete(a).catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
  }
  await importBench()
}

void main()
