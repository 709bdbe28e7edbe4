/**
 * Vault benchmark: list 1,000 profiles (file read + validation + one keychain listing for the
 * secret badges) and add then remove 100 profiles with a keychain write each. Prints figures,
 * asserts nothing. It needs a Secret Service; run it inside a private D-Bus session:
 *
 *   dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx tsx bench/vault.bench.ts'
 *
 * (`npm run bench` does exactly that.) Uses its own temp data folder and keychain service, and
 * removes both at the end. Bounded: a few seconds.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createServices } from '../electron/core/services'
import type { Profile } from '../shared/schemas/profile'
import { storedProfile } from '../test/support/profile-fixture'

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
}

void main()
