import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from './logger'
import { SecretRegistry } from './secret-registry'

const dirs: string[] = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'aissist-logger-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const readAll = (dir: string): string =>
  readdirSync(join(dir, 'logs'))
    .map((f) => readFileSync(join(dir, 'logs', f), 'utf8'))
    .join('')

describe('the rotating log', () => {
  it('writes JSON lines to <dir>/logs/aissist.log, owner-only', () => {
    const dir = tempDir()
    const logger = createLogger({ dir, secrets: new SecretRegistry() })
    logger.info('hello', { n: 1 })
    logger.debug('hidden below the level')
    const lines = readFileSync(logger.file!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'info', message: 'hello', n: 1 })
    expect(logger.file).toBe(join(dir, 'logs', 'aissist.log'))
    if (process.platform !== 'win32') expect(statSync(logger.file!).mode & 0o077).toBe(0)
  })

  it('rotates by size and keeps N old files', () => {
    const dir = tempDir()
    const logger = createLogger({ dir, maxBytes: 400, keep: 2, secrets: new SecretRegistry() })
    for (let i = 0; i < 60; i++) logger.info(`entry ${i}`, { pad: 'x'.repeat(50) })
    const files = readdirSync(join(dir, 'logs')).sort()
    expect(files).toEqual(['aissist.log', 'aissist.log.1', 'aissist.log.2'])
    for (const f of files) expect(statSync(join(dir, 'logs', f)).size).toBeLessThan(400 + 200)
    // The newest entry is in the current file, older ones in .1, and the oldest are gone.
    expect(readFileSync(join(dir, 'logs', 'aissist.log'), 'utf8')).toContain('entry 59')
    expect(readAll(dir)).not.toContain('"entry 0"')
    const one = readFileSync(join(dir, 'logs', 'aissist.log.1'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { message: string })
    const cur = readFileSync(join(dir, 'logs', 'aissist.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { message: string })
    expect(Number(one.at(-1)!.message.split(' ')[1]) + 1).toBe(Number(cur[0].message.split(' ')[1]))
  })

  it('never writes a registered secret, nor Authorization / X-API-Key values, to the file or stderr', () => {
    const dir = tempDir()
    const secrets = new SecretRegistry()
    const secret = 'canary-SECRET-9f8e7d6c5b4a'
    const keyId = 'app_65a1b2c3d4e5f6a7b8c9d0e1'
    secrets.add(secret, keyId)
    const basic = Buffer.from(`${keyId}:${secret}`).toString('base64')
    const echo = new PassThrough()
    let echoed = ''
    echo.on('data', (c: Buffer) => (echoed += c.toString()))
    const logger = createLogger({ dir, echo, secrets })
    logger.info(`sent ${secret}`, { body: `{"secret":"${secret}"}`, url: `https://x.example/?k=${encodeURIComponent(secret)}` })
    logger.warn('request', { headers: { Authorization: 'Token opaque-token-1234', 'X-API-Key': 'xkey-5678-abcd', authorization: `Basic ${basic}` } })
    logger.error('curl', { cmd: 'curl -H "Authorization: Bearer bearer-token-0000" -H "X-API-Key: other-key-1111" https://x.example' })
    logger.info('nested', { deep: { list: [{ keySecret: 'nested-secret-2222' }, new Error(`failed with ${secret}`)] } })
    const written = readAll(dir)
    for (const text of [written, echoed]) {
      expect(text).toContain('[REDACTED]')
      for (const leaked of [secret, encodeURIComponent(secret), basic, 'opaque-token-1234', 'xkey-5678-abcd', 'bearer-token-0000', 'other-key-1111', 'nested-secret-2222']) {
        expect(text).not.toContain(leaked)
      }
    }
    expect(echoed.trim().split('\n')).toHaveLength(4)
  })

  it('survives fields that cannot be serialized, and fields cannot forge the level or message (they are kept, renamed)', () => {
    const dir = tempDir()
    const logger = createLogger({ dir, secrets: new SecretRegistry() })
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(() => logger.info('cyclic', { cyclic, big: 10n, fn: () => 1 })).not.toThrow()
    logger.info('real', { level: 'error', message: 'forged' })
    const lines = readFileSync(logger.file!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toMatchObject({ message: 'cyclic', cyclic: { a: 1, self: '[circular]' }, big: '10' })
    expect(lines[1]).toMatchObject({ level: 'info', message: 'real', level_: 'error', message_: 'forged' })
  })

  it('logs nowhere on disk when given no folder', () => {
    const logger = createLogger({ dir: null, secrets: new SecretRegistry() })
    expect(logger.file).toBeNull()
    expect(() => logger.error('x')).not.toThrow()
  })
})
