import { createHmac, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/core/api/handlers'
import { createServices, type Services } from '../../electron/core/services'
import { createHarnessHost } from '../../electron/harness/harness-host'
import { startHarness, type Harness } from '../../electron/harness/server'

/**
 * Issue 15, finding 8: `/api/harness-state` answered with the clipboard in plain text, so a copied
 * secret could be read back from it. It now says whether the clipboard holds something, its length
 * and an HMAC keyed with the run's token: enough for a test that knows the secret, nothing more.
 */
const dir = mkdtempSync(join(tmpdir(), 'vault-harness-state-'))
const service = `aissist-test-harness-state-${randomUUID()}`
const SECRET = 'harness-state-key-secret-0123456789'
let services: Services
let harness: Harness

beforeAll(async () => {
  mkdirSync(join(dir, 'renderer'), { recursive: true })
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head></head><body></body></html>')
  services = createServices({ dataDir: join(dir, 'data'), keychainService: service })
  harness = await startHarness({ rendererDir: join(dir, 'renderer'), services, host: createHarnessHost(join(dir, 'exports'), () => undefined), handlers: createHandlers() })
})
afterAll(async () => {
  await harness.close()
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  rmSync(dir, { recursive: true, force: true })
})

const call = async (channel: string, input: unknown) =>
  (await (await request(`${harness.url}/api/call/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-harness-token': harness.token }, body: JSON.stringify(input) })).body.json()) as { ok: boolean; value: Record<string, unknown> }

const state = async (): Promise<string> => (await request(`${harness.url}/api/harness-state`, { headers: { 'x-harness-token': harness.token } })).body.text()

describe('/api/harness-state', () => {
  it('never returns the clipboard\'s text, only whether it holds something and a keyed digest', async () => {
    const created = await call('createProfile', { name: 'Acme', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34', keySecret: SECRET })
    expect(created.ok).toBe(true)
    expect((await call('copySecretToClipboard', { ref: 'Acme', kind: 'keySecret' })).ok).toBe(true)
    const text = await state()
    for (const form of [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex')]) expect(text).not.toContain(form)
    expect(JSON.parse(text)).toEqual({
      clipboard: { holdsText: true, length: SECRET.length, hmac: createHmac('sha256', harness.token).update(SECRET).digest('hex') }
    })
    expect(services.vault.clearClipboardIfOurs()).toBe(true)
    expect(JSON.parse(await state()).clipboard).toMatchObject({ holdsText: false, length: 0 })
  })
})
