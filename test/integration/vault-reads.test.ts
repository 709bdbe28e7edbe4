import { utimesSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../../electron/core/services'
import { makeFolder, removeFolder, requireBuiltCli, testService, type Folder } from './vault-cli-fixture'

/**
 * Issue 18: the vault re-read and re-parsed profiles.json on every call (setup's first step read it
 * four times). Now an operation reads it once while it is unchanged, and still sees at once what
 * another process wrote.
 */
let svc: ReturnType<typeof testService>
let f: Folder

beforeAll(requireBuiltCli)
beforeEach(() => {
  svc = testService('reads')
  f = makeFolder(svc.service, 'vault-reads')
})
afterEach(async () => {
  await svc.cleanup()
  removeFolder(f)
})

describe('profiles.json reads', () => {
  it('setup\'s first step (profile, secret status, secret, client) reads and parses the file once; another process\'s write is seen', async () => {
    const id = await f.add('Acme', 'acme-key-secret-reads-12345678')
    await f.add('Globex', 'globex-key-secret-reads-12345678')
    // A file last written a while ago (its stat alone can be trusted from then on).
    const old = new Date(Date.now() - 60_000)
    utimesSync(join(f.dir, 'profiles.json'), old, old)

    const services = createServices({ dataDir: f.dir, keychainService: svc.service, logLevel: 'warn' })
    const { vault } = services
    const p = await vault.getProfile('acme')
    expect(await vault.hasSecret(p.id, 'keySecret')).toBe('present')
    await vault.getSecret(p.id, 'keySecret')
    await vault.getProfile(p.id)
    await vault.views([p])
    await vault.getActiveProfile()
    expect(vault.store.stats).toEqual({ reads: 1, parses: 1 })

    const edited = await f.cli(['profile', 'edit', id, '--notes', 'written by another process', '--json'])
    expect(edited.code, edited.err).toBe(0)
    expect((await vault.getProfile(id)).notes).toBe('written by another process')
    expect(vault.store.stats.parses).toBe(2)
    await vault.getProfile(id)
    await vault.listProfiles()
    expect(vault.store.stats.parses).toBe(2)
  }, 120_000)
})
