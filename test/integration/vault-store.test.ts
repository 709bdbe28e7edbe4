import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProfileStore, ProfilesDoc } from '../../electron/core/vault/profile-store'
import { storedProfile } from '../support/profile-fixture'

/**
 * profiles.json under stress with real processes: a corrupt file is moved aside and reported, a
 * writer killed with SIGKILL mid-write leaves the old or the new file, two writers lose nothing.
 */
const ROOT = resolve(__dirname, '../..')
const STORE = join(ROOT, 'electron/core/vault/profile-store.ts')
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vault-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const profile = (n: number, tag = 'p') => storedProfile(n, { name: `${tag} ${n}`, subdomain: 'acme', notes: 'n'.repeat(200) })

const writeChild = (name: string, code: string): string => {
  const file = join(dir, name)
  writeFileSync(file, `import { ProfileStore } from ${JSON.stringify(STORE)}\n${code}`)
  return file
}

describe('profile store', () => {
  it('starts empty, writes with mode 0600 and leaves no temp or lock file', async () => {
    const store = new ProfileStore({ dataDir: dir })
    expect(await store.read()).toEqual({ schemaVersion: 2, storeId: null, activeProfileId: null, profiles: [] })
    expect(readdirSync(dir)).toEqual([])
    await store.update((doc) => ({ doc: { ...doc, profiles: [profile(1)] }, result: null }))
    expect(statSync(store.file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir).sort()).toEqual(['profiles.json'])
    expect((await store.read()).profiles).toHaveLength(1)
  })

  it('migrates a v0 file (a bare array) to v2 and writes it at once, so its new store ID stays', async () => {
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify([profile(1)]))
    const store = new ProfileStore({ dataDir: dir })
    const first = await store.read()
    expect(first).toMatchObject({ schemaVersion: 2, legacySecrets: true, activeProfileId: null, profiles: [{ name: 'p 1' }] })
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ schemaVersion: 2, storeId: first.storeId })
    expect((await new ProfileStore({ dataDir: dir }).read()).storeId).toBe(first.storeId)
    await store.update((doc) => ({ doc: { ...doc, activeProfileId: profile(1).id }, result: null }))
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ schemaVersion: 2, storeId: first.storeId, activeProfileId: profile(1).id })
  })

  it.each([
    ['not JSON', '{"schemaVersion": 1, "profiles": [ {'],
    ['invalid content', JSON.stringify({ schemaVersion: 1, activeProfileId: null, profiles: [{ id: 42 }] })]
  ])('moves a corrupt file (%s) aside and reports it, never silently replacing it', async (_label, content) => {
    writeFileSync(join(dir, 'profiles.json'), content)
    const events: string[] = []
    const store = new ProfileStore({ dataDir: dir, onEvent: (m) => events.push(m) })
    expect((await store.read()).profiles).toEqual([])
    const aside = readdirSync(dir).filter((n) => n.startsWith('profiles.json.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe(content)
    expect(events).toEqual(['profiles file was corrupt and was moved aside'])
    const warnings = await store.warnings()
    expect(warnings).toEqual([expect.objectContaining({ code: 'profiles-file-corrupt', details: { file: join(dir, aside[0]) } })])
    expect(warnings[0].fix).toContain(aside[0])
  })

  it('a broken file whose JSON still names its store ID: the new file keeps it, and the moved-aside ids stay known', async () => {
    const storeId = '11111111-2222-4333-8444-555555555555'
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 2, storeId, activeProfileId: null, profiles: [{ ...profile(7), appId: 42 }] }))
    const store = new ProfileStore({ dataDir: dir })
    expect(await store.read()).toMatchObject({ storeId, profiles: [] })
    expect(await store.asideIds()).toEqual(new Set([storeId, profile(7).id]))
  })

  it('a file that is not JSON any more: the new file gets a fresh store ID (the old entries are simply another store\'s)', async () => {
    writeFileSync(join(dir, 'profiles.json'), '{"schemaVersion": 2, "storeId": "11111111-2222-4333-8444-555555555555", "profi')
    const store = new ProfileStore({ dataDir: dir })
    const doc = await store.read()
    expect(doc.storeId).toMatch(/^[0-9a-f-]{36}$/)
    expect(doc.storeId).not.toBe('11111111-2222-4333-8444-555555555555')
  })

  it('serves repeated reads from one parse while the file is unchanged, and sees another writer at once', async () => {
    const store = new ProfileStore({ dataDir: dir })
    await store.update((doc) => ({ doc: { ...doc, profiles: [profile(1)] }, result: null }))
    const reader = new ProfileStore({ dataDir: dir })
    for (let i = 0; i < 5; i++) expect((await reader.read()).profiles).toHaveLength(1)
    expect(reader.stats.parses).toBe(1)
    await store.update((doc) => ({ doc: { ...doc, profiles: [...doc.profiles, profile(2)] }, result: null }))
    expect((await reader.read()).profiles).toHaveLength(2)
    expect(reader.stats.parses).toBe(2)
    expect(Object.isFrozen((await reader.read()).profiles[0])).toBe(true)
  })

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const content = JSON.stringify({ schemaVersion: 7, profiles: [] })
    writeFileSync(join(dir, 'profiles.json'), content)
    const store = new ProfileStore({ dataDir: dir })
    await expect(store.read()).rejects.toMatchObject({ code: 'profiles-newer-version' })
    await expect(store.update((doc) => ({ doc, result: null }))).rejects.toMatchObject({ code: 'profiles-newer-version' })
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(content)
  })

  it('breaks the lock of a dead holder', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' })
    writeFileSync(join(dir, 'profiles.json.lock'), JSON.stringify({ pid: Number(dead.stdout.trim()), host: (await import('node:os')).hostname(), time: Date.now(), token: 'x' }))
    const store = new ProfileStore({ dataDir: dir, lock: { waitMs: 5_000 } })
    await store.update((doc) => ({ doc: { ...doc, profiles: [profile(1)] }, result: null }))
    expect(existsSync(join(dir, 'profiles.json.lock'))).toBe(false)
  })

  it('serialises concurrent updates inside one process', async () => {
    const store = new ProfileStore({ dataDir: dir })
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update((doc) => ({ doc: { ...doc, profiles: [...doc.profiles, profile(i)] }, result: null }))))
    expect((await store.read()).profiles).toHaveLength(20)
  })

  it('two writer processes at once lose no update', async () => {
    const N = 25
    const child = writeChild(
      'writer.mts',
      `const [dir, tag, n] = process.argv.slice(2)
const store = new ProfileStore({ dataDir: dir, lock: { waitMs: 20000 } })
const base = ${JSON.stringify(profile(0))}
for (let i = 0; i < Number(n); i++) {
  await store.update((doc) => ({ doc: { ...doc, profiles: [...doc.profiles, { ...base, id: crypto.randomUUID(), name: tag + ' ' + i }] }, result: null }))
}
console.log('done')`
    )
    const run = (tag: string) =>
      new Promise<number>((res) => {
        const p = spawn(process.execPath, ['--import', 'tsx', child, dir, tag, String(N)], { cwd: ROOT, stdio: 'ignore' })
        p.on('exit', (code) => res(code ?? -1))
      })
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0])
    const doc = ProfilesDoc.parse(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')))
    expect(doc.profiles).toHaveLength(2 * N)
    expect(new Set(doc.profiles.map((p) => p.name)).size).toBe(2 * N)
  })

  it('a writer killed with SIGKILL at random points leaves the old or the new file, never a broken one', async () => {
    // The child rewrites a large file in a loop, each version a full, valid document; we kill it
    // at a random moment, then check the file and that the next writer gets the lock.
    const child = writeChild(
      'killed.mts',
      `const [dir] = process.argv.slice(2)
const store = new ProfileStore({ dataDir: dir, lock: { waitMs: 20000 } })
const base = ${JSON.stringify(profile(0))}
const profiles = Array.from({ length: 400 }, (_, i) => ({ ...base, id: '00000000-0000-4000-8000-' + String(i).padStart(12, '0'), name: 'k ' + i }))
process.stdout.write('ready\\n')
for (let v = 0; ; v++) {
  await store.update((doc) => ({ doc: { ...doc, activeProfileId: profiles[v % 400].id, profiles }, result: null }))
}`
    )
    const seed = new ProfileStore({ dataDir: dir })
    await seed.update((doc) => ({ doc: { ...doc, profiles: [profile(1, 'old')] }, result: null }))
    const ITER = 12
    for (let i = 0; i < ITER; i++) {
      await new Promise<void>((res, rej) => {
        const p = spawn(process.execPath, ['--import', 'tsx', child, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
        p.stdout.once('data', () => setTimeout(() => p.kill('SIGKILL'), Math.floor(Math.random() * 150)))
        p.on('exit', () => res())
        p.on('error', rej)
      })
      const text = readFileSync(join(dir, 'profiles.json'), 'utf8')
      const doc = ProfilesDoc.parse(JSON.parse(text))
      expect([1, 400]).toContain(doc.profiles.length)
      // The next writer must get past the dead child's lock and temp files.
      const store = new ProfileStore({ dataDir: dir, lock: { waitMs: 10_000 } })
      await store.update((d) => ({ doc: d, result: null }))
      expect(readdirSync(dir).filter((n) => n.includes('.tmp-') || n.endsWith('.lock'))).toEqual([])
    }
    expect(readdirSync(dir).filter((n) => n.includes('corrupt'))).toEqual([])
  })
})
