import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { calls, channels } from '../../../shared/contract'
import { AppFailure } from '../errors'
import { createServices } from '../services'
import type { HandlerContext, Handlers } from './context'
import { dispatch } from './dispatch'
import { createHandlers } from './handlers'
import { createMemoryClipboard } from './host'
import { TaskRegistry } from './tasks'

const dataDir = mkdtempSync(join(tmpdir(), 'aissist-dispatch-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const services = createServices({ dataDir, keychainService: `aissist-dispatch-${process.pid}` })
const opened: string[] = []
const ctx: HandlerContext = {
  services,
  tasks: new TaskRegistry(),
  emit: () => undefined,
  host: {
    kind: 'cli',
    clipboard: createMemoryClipboard(),
    openExternal: async (url) => {
      opened.push(url)
    },
    showFolder: async () => undefined,
    chooseSavePath: async () => null
  }
}
const handlers = createHandlers()

describe('the contract and its dispatcher', () => {
  it('has a handler for every call', () => {
    for (const c of channels) expect(typeof handlers[c]).toBe('function')
    expect(channels.length).toBe(Object.keys(calls).length)
  })

  it('rejects an unknown channel, including prototype keys', async () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 42]) {
      const r = await dispatch(handlers, name, {}, ctx)
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    }
  })

  it('rejects invalid input with a clear error naming the field', async () => {
    const r = await dispatch(handlers, 'openExternal', { url: 12 }, ctx)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('invalid-input')
    expect(r.error.message).toMatch(/openExternal request was not valid: url:/)
    expect(r.error.fix).not.toBe('')
  })

  it('rejects unexpected fields (strict inputs)', async () => {
    const r = await dispatch(handlers, 'getAppInfo', { extra: true }, ctx)
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('answers a valid call', async () => {
    const r = await dispatch(handlers, 'getAppInfo', {}, ctx)
    expect(r).toMatchObject({ ok: true, value: { name: 'Aissist Zendesk Setup', host: 'cli', dataDir } })
  })

  it('turns a thrown AppFailure into data and an unexpected error into internal-error without a stack', async () => {
    const boom: Handlers = {
      ...handlers,
      getAppInfo: async () => {
        throw new AppFailure({ code: 'x-failed', message: 'X failed.', fix: 'Do Y.' })
      },
      cancelTask: async () => {
        throw new TypeError('kaboom at Object.<anonymous> (/secret/path.js:1:1)')
      }
    }
    expect(await dispatch(boom, 'getAppInfo', {}, ctx)).toEqual({ ok: false, error: { code: 'x-failed', message: 'X failed.', fix: 'Do Y.' } })
    const r = await dispatch(boom, 'cancelTask', { taskId: 'abcdef' }, ctx)
    expect(r).toMatchObject({ ok: false, error: { code: 'internal-error' } })
    expect(JSON.stringify(r)).not.toMatch(/\n\s+at /)
  })

  it('opens only https links to Zendesk and Aissist', async () => {
    expect(await dispatch(handlers, 'openExternal', { url: 'https://support.zendesk.com/hc/en-us' }, ctx)).toMatchObject({ ok: true })
    for (const url of ['http://support.zendesk.com/', 'file:///etc/passwd', 'https://evil.example/', 'https://zendesk.com.evil.example/', 'javascript:alert(1)', 'https://user:pw@aissist.io/']) {
      expect(await dispatch(handlers, 'openExternal', { url }, ctx)).toMatchObject({ ok: false, error: { code: 'external-url-refused' } })
    }
    expect(opened).toEqual(['https://support.zendesk.com/hc/en-us'])
  })

  it('redacts known secrets from text put on the clipboard', async () => {
    services.secrets.add('s3cr3t-canary-value', 'app_0123')
    await dispatch(handlers, 'copyText', { text: 'error: s3cr3t-canary-value was rejected' }, ctx)
    expect(ctx.host.clipboard.readText()).toBe('error: [REDACTED] was rejected')
  })
})
