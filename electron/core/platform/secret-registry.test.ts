import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../services'
import { createSecretRegistry } from './secret-registry'

describe('secret registry', () => {
  it('is one per registry: a secret added to one is not redacted by another', () => {
    const a = createSecretRegistry()
    const b = createSecretRegistry()
    a.add('whsec_only-in-a', 'app_1')
    expect(a.redact('x whsec_only-in-a')).toBe('x [REDACTED]')
    expect(b.redact('x whsec_only-in-a')).toBe('x whsec_only-in-a')
  })

  it('redacts every encoding it knows, the secret alone and the Basic pair', () => {
    const r = createSecretRegistry()
    r.add('key-Secret/42', 'app_9')
    for (const form of [Buffer.from('key-Secret/42').toString('base64'), Buffer.from('key-Secret/42').toString('base64url'), Buffer.from('key-Secret/42').toString('hex'), Buffer.from('app_9:key-Secret/42').toString('base64')]) {
      expect(r.redact(`<${form}>`)).toBe('<[REDACTED]>')
    }
  })

  it('each Services gets its own, shared by its logger and vault', () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'registry-a-')), mkdtempSync(join(tmpdir(), 'registry-b-'))]
    try {
      const [one, two] = dirs.map((dataDir) => createServices({ dataDir, keychainService: 'aissist-registry-test' }))
      expect(one.secrets).not.toBe(two.secrets)
      one.secrets.add('canary-of-one-1234')
      expect(one.secrets.redact('canary-of-one-1234')).toBe('[REDACTED]')
      expect(two.secrets.redact('canary-of-one-1234')).toBe('canary-of-one-1234')
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true })
    }
  })
})
