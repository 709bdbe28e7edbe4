import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../electron/core/platform/logger'
import { SecretRegistry } from '../../electron/core/platform/secret-registry'
import { findCanaries, scanFolder } from '../support/secret-canaries'

const canary = 'CANARY-7f3a9c1e-secret'
const dir = mkdtempSync(join(tmpdir(), 'aissist-canaries-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('secret canary helpers', () => {
  it('finds a canary in every encoded form and names the haystack', () => {
    const hits = findCanaries(
      [
        { name: 'DOM', text: `<p>${canary}</p>` },
        { name: 'url', text: `?k=${encodeURIComponent('a b' + canary)}` },
        { name: 'header', text: `Basic ${Buffer.from(canary).toString('base64')}` },
        { name: 'clean', text: 'nothing here [REDACTED]' }
      ],
      [canary, 'key with "quotes" & spaces']
    )
    expect(hits.map((h) => `${h.name}:${h.form}`).sort()).toEqual(['DOM:plain', 'header:base64', 'url:plain'].sort())
    expect(findCanaries([{ name: 'json', text: JSON.stringify({ s: 'key with "quotes" & spaces' }) }], ['key with "quotes" & spaces'])).toEqual([
      { name: 'json', canary: 'key with "quotes" & spaces', form: 'json-escaped' }
    ])
  })

  it('refuses canaries too short to mean anything', () => {
    expect(() => findCanaries([{ name: 'x', text: 'abc' }], ['ab'])).toThrow(/at least 4/)
  })

  it('scans a folder recursively, logs included, in UTF-8, binary and UTF-16 files', () => {
    mkdirSync(join(dir, 'data', 'logs'), { recursive: true })
    mkdirSync(join(dir, 'data', 'Local Storage', 'leveldb'), { recursive: true })
    writeFileSync(join(dir, 'data', 'profiles.json'), JSON.stringify({ ok: true }))
    writeFileSync(join(dir, 'data', 'logs', 'aissist.log.1'), `{"message":"${canary}"}\n`)
    writeFileSync(join(dir, 'data', 'Local Storage', 'leveldb', '000003.log'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(canary, 'utf16le')]))
    const hits = scanFolder(join(dir, 'data'), [canary])
    expect(hits.map((h) => h.name).sort()).toEqual([join('Local Storage', 'leveldb', '000003.log'), join('logs', 'aissist.log.1')].sort())
    expect(scanFolder(join(dir, 'missing'), [canary])).toEqual([])
  })

  it('confirms the real logger leaves no canary behind', () => {
    const secrets = new SecretRegistry()
    secrets.add(canary, 'app_0123456789abcdef01234567')
    const logDir = join(dir, 'logged')
    const logger = createLogger({ dir: logDir, secrets, maxBytes: 300, keep: 2 })
    for (let i = 0; i < 20; i++) logger.warn(`failed for ${canary}`, { headers: { authorization: `Basic ${Buffer.from(`app_0123456789abcdef01234567:${canary}`).toString('base64')}` } })
    expect(scanFolder(logDir, [canary])).toEqual([])
  })
})
