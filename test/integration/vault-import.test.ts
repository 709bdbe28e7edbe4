import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { exportProfilesJson } from '../../electron/core/vault/transfer'
import { storedProfile } from '../support/profile-fixture'
import { APP_ID, CLI, KEY_ID, makeFolder, removeFolder, requireBuiltCli, ROOT, testService, type Folder } from './vault-cli-fixture'

/**
 * Issue 15, findings 2, 4 and 8 as CLI processes: a 12,000-profile import with a concurrent add
 * loses neither; `--on-conflict replace` never leaves secrets attached to hosts the file names;
 * a file with a UTF-8 BOM imports.
 */
let svc: ReturnType<typeof testService>
let f: Folder

beforeAll(requireBuiltCli)
beforeEach(() => {
  svc = testService('import')
  f = makeFolder(svc.service, 'vault-import')
})
afterEach(async () => {
  await svc.cleanup()
  removeFolder(f)
})

const writeExport = (profiles: Record<string, unknown>[], name = 'import.json', prefix = ''): string => {
  const file = join(f.dir, name)
  writeFileSync(file, prefix + JSON.stringify({ format: 'aissist-zendesk-profiles', version: 1, profiles }))
  return file
}

const profilesOnDisk = (): { name: string }[] => (JSON.parse(readFileSync(join(f.dir, 'profiles.json'), 'utf8')) as { profiles: { name: string }[] }).profiles

describe('a large import and a concurrent add', () => {
  it('12,000 profiles imported while `profile add` runs: both writes survive', { timeout: 120_000 }, async () => {
    const file = join(f.dir, 'big.json')
    writeFileSync(file, exportProfilesJson(Array.from({ length: 12_000 }, (_, i) => storedProfile(i, { id: randomUUID(), name: `Bulk ${i}`, subdomain: `bulk-${i}` }))))
    const importing = new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'profile', 'import', file, '--json'], { cwd: ROOT, env: f.env, stdio: ['ignore', 'pipe', 'inherit'] })
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString()))
      child.on('close', (code) => resolve({ code, out }))
    })
    // The add starts the moment the import holds the lock (or at once, if it is already done).
    const lock = join(f.dir, 'profiles.json.lock')
    for (let i = 0; i < 3000 && !existsSync(lock) && !existsSync(join(f.dir, 'profiles.json')); i++) await new Promise((r) => setTimeout(r, 5))
    const adding = f.cli(['profile', 'add', '--name', 'Late add', '--subdomain', 'late', '--app-id', APP_ID, '--key-id', KEY_ID, '--json'])
    const [imp, add] = await Promise.all([importing, adding])
    expect(imp.code, imp.out).toBe(0)
    expect(add.code, add.out + add.err).toBe(0)
    expect(JSON.parse(imp.out).imported).toHaveLength(12_000)
    const names = new Set(profilesOnDisk().map((p) => p.name))
    expect(names.size).toBe(12_001)
    expect(names.has('Late add')).toBe(true)
  })
})

describe('import --on-conflict replace', () => {
  let capture: Server
  let seen: string[]
  let base: string

  beforeEach(async () => {
    seen = []
    capture = createServer((req, res) => {
      let body = ''
      req.on('data', (d: Buffer) => (body += d.toString()))
      req.on('end', () => {
        seen.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body}`)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`
  })
  afterEach(() => new Promise<void>((r) => capture.close(() => r())))

  it('with other API and gateway hosts and allowPrivate: says what changes, drops the secrets, sends them nowhere', { timeout: 90_000 }, async () => {
    const KEY = 'acme-key-secret-replace-1234567890'
    const HOOK = 'acme-webhook-secret-replace-0987654321'
    const id = await f.add('Acme', KEY)
    expect((await f.cli(['profile', 'secret', 'set', 'Acme', '--kind', 'webhook', '--stdin'], HOOK)).code).toBe(0)
    const file = writeExport([{ name: 'Acme', apiBaseUrl: `${base}/sc`, appId: APP_ID, keyId: KEY_ID, gatewayUrl: `${base}/gw`, allowPrivate: true }])

    const asked = await f.cli(['profile', 'import', file])
    expect(asked.code).toBe(1)
    expect(asked.err).toContain('API host acme.zendesk.com → 127.0.0.1')
    expect(asked.err).toContain('gateway host gateway.aissist.io → 127.0.0.1')
    expect(asked.err).toContain('"Allow private addresses" turns on')
    expect(asked.err).toContain('remove its stored secrets')

    const replaced = await f.cli(['profile', 'import', file, '--on-conflict', 'replace', '--json'])
    expect(replaced.code, replaced.err).toBe(0)
    expect(JSON.parse(replaced.out)).toMatchObject({ imported: [{ id, name: 'Acme' }], secretsDropped: [{ id, reason: expect.stringContaining('API host') }] })
    const human = await f.cli(['profile', 'show', 'Acme', '--json'])
    expect(JSON.parse(human.out).profile).toMatchObject({ id, apiBase: `${base}/sc`, keySecretStatus: 'missing', webhookSecretStatus: 'missing' })
    expect((await keytar.findCredentials(svc.service)).map((c) => c.password)).toEqual([])

    // Diagnose and a test event now run against the file's hosts: neither secret may arrive there.
    await f.cli(['doctor', '--profile', 'Acme', '--json'])
    await f.cli(['events', 'send', '--profile', 'Acme', '--json'])
    const forms = [KEY, HOOK, Buffer.from(`${KEY_ID}:${KEY}`).toString('base64'), Buffer.from(KEY).toString('base64'), Buffer.from(HOOK).toString('base64')]
    for (const request of seen) for (const s of forms) expect(request).not.toContain(s)
  })

  it('with the same hosts keeps the secrets, and says so', async () => {
    await f.add('Acme', 'acme-key-secret-kept-1234567890')
    const file = writeExport([{ name: 'Acme', subdomain: 'acme', appId: APP_ID, keyId: KEY_ID, agentName: 'New agent name' }])
    const asked = await f.cli(['profile', 'import', file, '--json'])
    expect(JSON.parse(asked.out).error.details.conflicts).toEqual([expect.objectContaining({ name: 'Acme', keepsSecrets: true, changes: [] })])
    const replaced = await f.cli(['profile', 'import', file, '--on-conflict', 'replace', '--json'])
    expect(JSON.parse(replaced.out).secretsDropped).toBeUndefined()
    expect(JSON.parse((await f.cli(['profile', 'show', 'Acme', '--json'])).out).profile).toMatchObject({ agentName: 'New agent name', keySecretStatus: 'present' })
  })
})

describe('import files', () => {
  it('accepts a UTF-8 byte order mark', async () => {
    const file = writeExport([{ name: 'Bom Corp', subdomain: 'bom', appId: APP_ID, keyId: KEY_ID }], 'bom.json', '\uFEFF')
    expect(readFileSync(file)[0]).toBe(0xef)
    const r = await f.cli(['profile', 'import', file, '--json'])
    expect(r.code, r.err + r.out).toBe(0)
    expect(JSON.parse(r.out).imported).toEqual([expect.objectContaining({ name: 'Bom Corp' })])
  })

  it('completes a zendesk.com API base without /sc and says so', async () => {
    const file = writeExport([{ name: 'Acme', apiBaseUrl: 'https://acme.zendesk.com', appId: APP_ID, keyId: 'act_5963ceb97cde542d000dbdb1' }])
    const r = await f.cli(['profile', 'import', file])
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('https://acme.zendesk.com/sc')
    expect(r.err).toContain('account-scoped key')
    expect(JSON.parse((await f.cli(['profile', 'show', 'Acme', '--json'])).out).profile.apiBaseUrl).toBe('https://acme.zendesk.com/sc')
  })
})
