import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import keytar from 'keytar'
import { dispatch } from '../../electron/core/api/dispatch'
import { createHandlers } from '../../electron/core/api/handlers'
import type { HandlerContext } from '../../electron/core/api/context'
import { createMemoryClipboard, type Host } from '../../electron/core/api/host'
import { TaskRegistry } from '../../electron/core/api/tasks'
import { createServices, type Services } from '../../electron/core/services'

/**
 * The vault through the contract (dispatch + handlers), against the real Secret Service. After
 * every test, no secret may appear in any file of the data folder, logs included.
 */
const ROOT = resolve(__dirname, '../..')
const handlers = createHandlers()
const SECRETS = ['key-sëcret-🔑-0123456789', 'whsec_webhook-secret-abcdef', 'replaced-key-secret-999']
const base = { name: 'Acme Corp', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34' }

let dataDir: string
let service: string
let services: Services
let clipboard: Host['clipboard']
let ctx: HandlerContext

const makeCtx = (s: Services): HandlerContext => ({
  services: s,
  host: { kind: 'harness', clipboard, openExternal: async () => undefined, showFolder: async () => undefined, chooseSavePath: async () => null },
  tasks: new TaskRegistry(),
  emit: () => undefined
})

const call = async (channel: string, input: unknown, c = ctx) => dispatch(handlers, channel, input, c)
const value = async <T = Record<string, unknown>>(channel: string, input: unknown, c = ctx): Promise<T> => {
  const r = await call(channel, input, c)
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`)
  expect(JSON.stringify(r)).not.toMatch(/sëcret|whsec_webhook|replaced-key/)
  return r.value as T
}

/** The keychain account of a profile's secret: scoped to the data folder's store ID. */
const accountOf = (id: string, kind: 'keySecret' | 'webhookSecret'): string =>
  `${(JSON.parse(readFileSync(join(dataDir, 'profiles.json'), 'utf8')) as { storeId: string }).storeId}/${id}:${kind}`

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vault-service-'))
  service = `aissist-test-vault-${randomUUID()}`
  clipboard = createMemoryClipboard()
  services = createServices({ dataDir, keychainService: service, logLevel: 'debug', vault: { clipboardClearMs: 150 } })
  ctx = makeCtx(services)
})

afterEach(async () => {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  for (const f of filesUnder(dataDir)) {
    const text = readFileSync(f, 'utf8')
    for (const s of SECRETS) expect(text, `${f} holds a secret`).not.toContain(s)
  }
  rmSync(dataDir, { recursive: true, force: true })
})

describe('vault through the contract', () => {
  it('creates a profile with write-only secrets and reports their presence', async () => {
    const { profile } = await value<{ profile: { id: string; keySecretStatus: string; webhookSecretStatus: string; apiBase: string } }>('createProfile', { ...base, keySecret: SECRETS[0], webhookSecret: SECRETS[1] })
    expect(profile).toMatchObject({ keySecretStatus: 'present', webhookSecretStatus: 'present', apiBase: 'https://acme.zendesk.com/sc' })
    expect(await keytar.getPassword(service, accountOf(profile.id, 'keySecret'))).toBe(SECRETS[0])
    expect(await value('getSecretStatus', { ref: 'ACME CORP' })).toEqual({ keySecretStatus: 'present', webhookSecretStatus: 'present' })
    expect(await value('getActiveProfile', {})).toMatchObject({ profile: { id: profile.id } })
    // core reads it, and from then on it is redacted everywhere
    expect(await services.vault.getSecret(profile.id, 'keySecret')).toBe(SECRETS[0])
    expect(services.secrets.redact(`oops ${SECRETS[0]}`)).toBe('oops [REDACTED]')
    services.logger.error(`a careless log line with ${SECRETS[0]}`)
  })

  it('names the bad field and refuses a duplicate name in any case', async () => {
    const bad = await call('createProfile', { ...base, appId: 'xyz' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { issues: [{ path: ['appId'] }] } } })
    const strict = await call('createProfile', { ...base, password: 'x' })
    expect(strict).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    await value('createProfile', base)
    const dup = await call('createProfile', { ...base, name: 'ACME corp' })
    expect(dup).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { issues: [{ path: ['name'] }] } } })
  })

  it('updates, switches host kind, clears fields, and keeps the active profile', async () => {
    const a = (await value<{ profile: { id: string } }>('createProfile', { ...base, notes: 'hello', agentName: 'Bot' })).profile
    const b = (await value<{ profile: { id: string } }>('createProfile', { ...base, name: 'Beta' })).profile
    const { profile } = await value<{ profile: Record<string, unknown> }>('updateProfile', {
      ref: a.id,
      patch: { apiBaseUrl: 'http://127.0.0.1:9/sc', allowPrivate: true, notes: null, webhookId: 'wh_123' }
    })
    expect(profile).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:9/sc', apiBase: 'http://127.0.0.1:9/sc', notes: '', agentName: 'Bot', webhookId: 'wh_123' })
    expect(profile.subdomain).toBeUndefined()
    const rename = await call('updateProfile', { ref: 'beta', patch: { name: 'acme corp' } })
    expect(rename).toMatchObject({ ok: false, error: { details: { issues: [{ path: ['name'] }] } } })
    expect(await value('setActiveProfile', { ref: 'BETA' })).toMatchObject({ profile: { id: b.id } })
    expect(await value('listProfiles', {})).toMatchObject({ activeProfileId: b.id, profiles: [{ id: a.id }, { id: b.id }] })
    expect(await call('getProfile', { ref: 'nobody' })).toMatchObject({ ok: false, error: { code: 'profile-not-found' } })
  })

  it('shows a secret removed outside the app as missing', async () => {
    const { profile } = await value<{ profile: { id: string } }>('createProfile', { ...base, keySecret: SECRETS[0] })
    await keytar.deletePassword(service, accountOf(profile.id, 'keySecret'))
    expect(await value('getSecretStatus', { ref: profile.id })).toEqual({ keySecretStatus: 'missing', webhookSecretStatus: 'missing' })
    await expect(services.vault.getSecret(profile.id, 'keySecret')).rejects.toMatchObject({ code: 'credentials-missing' })
    expect(await value('setSecret', { ref: profile.id, kind: 'keySecret', value: SECRETS[2] })).toEqual({ status: 'present' })
    expect(await services.vault.getSecret(profile.id, 'keySecret')).toBe(SECRETS[2])
    expect(await value('deleteSecret', { ref: profile.id, kind: 'keySecret' })).toEqual({ deleted: true })
  })

  it('copies a secret to the clipboard and clears it only if still ours', async () => {
    const { profile } = await value<{ profile: { id: string } }>('createProfile', { ...base, keySecret: SECRETS[0] })
    expect(await value('copySecretToClipboard', { ref: profile.id, kind: 'keySecret' })).toEqual({ copied: true, clearsAfterMs: 150 })
    expect(clipboard.readText()).toBe(SECRETS[0])
    await new Promise((r) => setTimeout(r, 400))
    expect(clipboard.readText()).toBe('')
    await value('copySecretToClipboard', { ref: profile.id, kind: 'keySecret' })
    clipboard.writeText('something the user copied')
    await new Promise((r) => setTimeout(r, 400))
    expect(clipboard.readText()).toBe('something the user copied')
    await value('copySecretToClipboard', { ref: profile.id, kind: 'keySecret' })
    expect(services.vault.clearClipboardIfOurs()).toBe(true)
    expect(clipboard.readText()).toBe('')
  })

  it('deletes keychain entries with the profile, and lists and removes orphans', async () => {
    const a = (await value<{ profile: { id: string } }>('createProfile', { ...base, keySecret: SECRETS[0], webhookSecret: SECRETS[1] })).profile
    expect(await value('deleteProfile', { ref: a.id })).toEqual({ deleted: true, secretsDeleted: 2 })
    expect(await keytar.findCredentials(service)).toEqual([])
    const b = (await value<{ profile: { id: string } }>('createProfile', { ...base, name: 'Beta', keySecret: SECRETS[0] })).profile
    await keytar.setPassword(service, accountOf(randomUUID(), 'webhookSecret'), SECRETS[1])
    // An entry named the pre-scope way, whose profile is not here, may be another folder's: left alone.
    await keytar.setPassword(service, `${randomUUID()}:webhookSecret`, SECRETS[1])
    const { orphans, kept } = await value<{ orphans: { account: string; kind: string }[]; kept: unknown }>('listOrphanSecrets', {})
    expect(orphans).toEqual([expect.objectContaining({ kind: 'webhookSecret' })])
    expect(kept).toEqual({ otherFolders: 0, movedAside: 0, unclaimed: 1 })
    expect(await call('removeOrphanSecret', { account: accountOf(b.id, 'keySecret') })).toMatchObject({ ok: false, error: { code: 'not-an-orphan' } })
    expect(await value('removeOrphanSecret', { account: orphans[0].account })).toEqual({ removed: true })
    expect(await value('listOrphanSecrets', {})).toMatchObject({ orphans: [] })
  })

  it('exports without secrets and imports without silent overwrites', async () => {
    await value('createProfile', { ...base, keySecret: SECRETS[0] })
    await value('createProfile', { ...base, name: 'Beta', subdomain: 'beta' })
    const { json, count } = await value<{ json: string; count: number }>('exportProfiles', {})
    expect(count).toBe(2)
    expect(JSON.parse(json)).toMatchObject({ format: 'aissist-zendesk-profiles', version: 1 })
    expect(json).not.toContain(SECRETS[0])

    const none = await value<{ imported: unknown[]; conflicts: unknown[] }>('importProfiles', { json })
    expect(none.imported).toEqual([])
    expect(none.conflicts).toHaveLength(2)
    expect((await value<{ profiles: unknown[] }>('listProfiles', {})).profiles).toHaveLength(2)
    expect(await value('importProfiles', { json, strategy: 'skip' })).toMatchObject({ imported: [], skipped: [{}, {}] })
    const renamed = await value<{ imported: { name: string }[] }>('importProfiles', { json, strategy: 'rename' })
    expect(renamed.imported.map((p) => p.name)).toEqual(['Acme Corp (imported)', 'Beta (imported)'])
    const edited = json.replace('"agentName": ""', '"agentName": "Replaced"')
    const replaced = await value<{ imported: { id: string }[] }>('importProfiles', { json: edited, strategy: 'replace' })
    expect(replaced.imported).toHaveLength(2)
    const { profiles } = await value<{ profiles: { name: string; agentName: string; keySecretStatus: string }[] }>('listProfiles', {})
    expect(profiles).toHaveLength(4)
    expect(profiles.find((p) => p.name === 'Acme Corp')).toMatchObject({ agentName: 'Replaced', keySecretStatus: 'present' })

    // a fresh vault takes the export as is
    const other = createServices({ dataDir: join(dataDir, 'colleague'), keychainService: `${service}-c` })
    expect(await value('importProfiles', { json }, makeCtx(other))).toMatchObject({ imported: [{}, {}], conflicts: [] })
  })

  it('refuses broken imports, naming the problem', async () => {
    expect(await call('importProfiles', { json: '{nope' })).toMatchObject({ ok: false, error: { code: 'import-invalid-json' } })
    expect(await call('importProfiles', { json: '{"profiles": []}' })).toMatchObject({ ok: false, error: { code: 'import-wrong-format' } })
    const bad = JSON.stringify({ format: 'aissist-zendesk-profiles', version: 1, profiles: [{ ...base, subdomain: '-bad-' }] })
    const r = await call('importProfiles', { json: bad })
    expect(r).toMatchObject({ ok: false, error: { code: 'import-invalid-profile' } })
    expect(!r.ok && r.error.message).toContain('subdomain')
  })

  it('reports a corrupt profiles file through getVaultStatus', async () => {
    writeFileSync(join(dataDir, 'profiles.json'), '{"schemaVersion": 1, "profi')
    expect(await value('listProfiles', {})).toEqual({ profiles: [], activeProfileId: null })
    const status = await value<{ keychain: { available: boolean }; warnings: { code: string }[] }>('getVaultStatus', {})
    expect(status.keychain.available).toBe(true)
    expect(status.warnings).toEqual([expect.objectContaining({ code: 'profiles-file-corrupt' })])
  })
})

describe('vault with the keychain unavailable (child process without D-Bus)', () => {
  it('keeps profiles working and fails secret calls closed with the fix', () => {
    const scriptDir = mkdtempSync(join(tmpdir(), 'vault-child-'))
    const file = join(scriptDir, 'child.mts')
    writeFileSync(
      file,
      `import { createServices } from ${JSON.stringify(join(ROOT, 'electron/core/services.ts'))}
const s = createServices({ dataDir: process.argv[2], keychainService: process.argv[3] })
const out: Record<string, unknown> = {}
const p = await s.vault.createProfile(${JSON.stringify(base)})
out.views = await s.vault.views((await s.vault.listProfiles()).profiles)
out.updated = (await s.vault.updateProfile(p.id, { notes: 'offline edit' })).notes
try { await s.vault.setSecret(p.id, 'keySecret', ${JSON.stringify(SECRETS[0])}) } catch (e) { out.setSecret = { code: e.code, fix: e.fix } }
try { await s.vault.createProfile({ ...${JSON.stringify(base)}, name: 'With secret', keySecret: ${JSON.stringify(SECRETS[0])} }) } catch (e) { out.createWithSecret = e.code }
out.status = await s.vault.hasSecret(p.id, 'keySecret')
out.count = (await s.vault.listProfiles()).profiles.length
out.keychain = await s.vault.keychainStatus()
out.deleted = await s.vault.deleteProfile(p.id)
console.log(JSON.stringify(out))`
    )
    const env = { ...process.env }
    delete env.DBUS_SESSION_BUS_ADDRESS
    delete env.DISPLAY
    const r = spawnSync(process.execPath, ['--import', 'tsx', file, dataDir, service], { cwd: ROOT, env, encoding: 'utf8', timeout: 25_000 })
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}')
    expect(out.views).toEqual([expect.objectContaining({ name: 'Acme Corp', keySecretStatus: 'unavailable' })])
    expect(out.updated).toBe('offline edit')
    expect(out.setSecret.code).toBe('keychain-no-dbus')
    expect(out.createWithSecret).toBe('keychain-no-dbus')
    expect(out.status).toBe('unavailable')
    expect(out.count).toBe(1)
    expect(out.keychain).toMatchObject({ available: false, error: { code: 'keychain-no-dbus' } })
    expect(out.deleted).toMatchObject({ deleted: true, secretsDeleted: 0, keychainError: { code: 'keychain-no-dbus' } })
    expect(r.stdout + r.stderr).not.toContain(SECRETS[0])
    rmSync(scriptDir, { recursive: true, force: true })
  })
})
