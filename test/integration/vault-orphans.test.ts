import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { keychainPasswords, makeFolder, removeFolder, requireBuiltCli, testService, type Folder } from './vault-cli-fixture'

/**
 * Issue 15, finding 1: `profile orphans --remove` deleted secrets still in use. Every data folder
 * shares one keychain service; "orphan" must mean "this folder's entry whose profile is gone",
 * never another folder's, never one a moved-aside profiles file still names. As CLI processes.
 */
const SECRETS = ['acme-key-secret-11111111', 'globex-key-secret-22222222', 'initech-key-secret-33333333']
const NAMES = ['Acme', 'Globex', 'Initech']

let svc: ReturnType<typeof testService>
let a: Folder
let b: Folder

beforeAll(requireBuiltCli)
beforeEach(() => {
  svc = testService('orphans')
  a = makeFolder(svc.service, 'orphans-a')
  b = makeFolder(svc.service, 'orphans-b')
})
afterEach(async () => {
  await svc.cleanup()
  removeFolder(a)
  removeFolder(b)
})

const addThree = async (f: Folder): Promise<string[]> => {
  const ids: string[] = []
  for (let i = 0; i < 3; i++) ids.push(await f.add(NAMES[i], SECRETS[i]))
  return ids
}

const statuses = async (f: Folder): Promise<string[]> => {
  const r = await f.cli(['profile', 'list', '--json'])
  expect(r.code, r.err).toBe(0)
  return (JSON.parse(r.out) as { profiles: { keySecretStatus: string }[] }).profiles.map((p) => p.keySecretStatus)
}

describe('profile orphans --remove (two data folders, one keychain)', () => {
  it('run with another data folder, deletes none of the three secrets in use', async () => {
    await addThree(a)
    const list = await b.cli(['profile', 'orphans', '--json'])
    expect(JSON.parse(list.out)).toMatchObject({ ok: true, orphans: [], kept: { otherFolders: 3 } })
    const removed = await b.cli(['profile', 'orphans', '--remove', '--yes', '--json'])
    expect(removed.code, removed.err).toBe(0)
    expect(JSON.parse(removed.out)).toMatchObject({ orphans: [], removed: [] })
    expect(await keychainPasswords(svc.service)).toEqual([...SECRETS].sort())
    expect(await statuses(a)).toEqual(['present', 'present', 'present'])
  })

  it('run with the other folder once it has profiles of its own, still leaves the first folder alone', async () => {
    await addThree(a)
    await b.add('Umbrella', 'umbrella-key-secret-44444444')
    await b.cli(['profile', 'remove', 'Umbrella', '--yes'])
    const removed = await b.cli(['profile', 'orphans', '--remove', '--yes', '--json'])
    expect(removed.code, removed.err).toBe(0)
    expect(await statuses(a)).toEqual(['present', 'present', 'present'])
  })

  it('shows exactly what it will delete, and deletes nothing without --yes when there is no terminal', async () => {
    const [acme] = await addThree(a)
    const orphan = `${a.storeId()}/${randomUUID()}:keySecret`
    await keytar.setPassword(svc.service, orphan, 'left-behind-secret-55555555')
    const human = await a.cli(['profile', 'orphans'])
    expect(human.out).toContain(orphan)
    expect(human.out).not.toContain(acme)

    const refused = await a.cli(['profile', 'orphans', '--remove'])
    expect(refused.code).toBe(64)
    expect(refused.err).toContain(orphan)
    expect(refused.err).toContain('--yes')
    expect(await keytar.getPassword(svc.service, orphan)).toBe('left-behind-secret-55555555')

    const done = await a.cli(['profile', 'orphans', '--remove', '--yes'])
    expect(done.code, done.err).toBe(0)
    expect(done.out).toContain(`removed ${orphan}`)
    expect(await keytar.getPassword(svc.service, orphan)).toBeNull()
    expect(await keychainPasswords(svc.service)).toEqual([...SECRETS].sort())
  })
})

describe('a corrupt profiles.json moved aside, then restored', () => {
  it.each([
    ['not JSON any more (cut in half)', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['JSON, but one profile broken', (text: string) => text.replace('"appId": "5e4af71a81966cfff3ef6550"', '"appId": 42')]
  ])('%s: orphans --remove keeps every secret, and restoring the file finds them all', async (_label, corrupt) => {
    await addThree(a)
    const file = join(a.dir, 'profiles.json')
    const original = readFileSync(file, 'utf8')
    writeFileSync(file, corrupt(original))
    const listed = await a.cli(['profile', 'list', '--json'])
    expect(JSON.parse(listed.out).profiles).toEqual([])
    const aside = readdirSync(a.dir).filter((n) => n.startsWith('profiles.json.corrupt-'))
    expect(aside).toHaveLength(1)
    // Life goes on in the fresh file meanwhile.
    await a.add('Hooli', 'hooli-key-secret-66666666')

    const removed = await a.cli(['profile', 'orphans', '--remove', '--yes', '--json'])
    expect(removed.code, removed.err).toBe(0)
    expect(JSON.parse(removed.out).removed).toEqual([])
    expect(await keychainPasswords(svc.service)).toEqual([...SECRETS, 'hooli-key-secret-66666666'].sort())

    // "Restore it, as the warning says": the original file goes back.
    renameSync(join(a.dir, aside[0]), join(a.dir, 'restored-copy'))
    writeFileSync(file, original)
    expect(await statuses(a)).toEqual(['present', 'present', 'present'])
  })
})

describe('secrets stored before data folders had a store ID', () => {
  it('are moved to this folder\'s names on first use, and another folder\'s old entries are left alone', async () => {
    const ids = [randomUUID(), randomUUID()]
    const foreign = randomUUID()
    const profile = (id: string, n: number) => ({
      id, name: `Old ${n}`, subdomain: `old-${n}`, appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34',
      gatewayUrl: 'https://gateway.aissist.io/gateway/zendesk/conversation', agentName: '', avatarUrl: '', allowPrivate: false, notes: '',
      createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z'
    })
    writeFileSync(join(a.dir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, activeProfileId: ids[0], profiles: ids.map(profile) }))
    for (const [i, id] of ids.entries()) await keytar.setPassword(svc.service, `${id}:keySecret`, `old-secret-${i}-77777777`)
    await keytar.setPassword(svc.service, `${foreign}:keySecret`, 'another-folders-old-secret-88888888')

    // Another folder, before the first one was ever opened again: the old names are not its orphans.
    const other = await b.cli(['profile', 'orphans', '--remove', '--yes', '--json'])
    expect(JSON.parse(other.out)).toMatchObject({ orphans: [], removed: [] })

    expect(await statuses(a)).toEqual(['present', 'present'])
    const storeId = a.storeId()
    const accounts = (await keytar.findCredentials(svc.service)).map((c) => c.account).sort()
    expect(accounts).toEqual([`${foreign}:keySecret`, ...ids.map((id) => `${storeId}/${id}:keySecret`)].sort())
    expect(JSON.parse(readFileSync(join(a.dir, 'profiles.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, storeId })
    expect(JSON.parse(readFileSync(join(a.dir, 'profiles.json'), 'utf8')).legacySecrets).toBeUndefined()

    const removed = await a.cli(['profile', 'orphans', '--remove', '--yes', '--json'])
    expect(JSON.parse(removed.out)).toMatchObject({ orphans: [], removed: [], kept: { unclaimed: 1 } })
    expect(await keytar.getPassword(svc.service, `${foreign}:keySecret`)).toBe('another-folders-old-secret-88888888')
  })
})
