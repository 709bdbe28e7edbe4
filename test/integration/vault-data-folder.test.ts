import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../electron/core/platform/logger'
import { SecretRegistry } from '../../electron/core/platform/secret-registry'
import { APP_ID, KEY_ID, makeFolder, removeFolder, requireBuiltCli, testService, type Folder } from './vault-cli-fixture'

/**
 * Issue 15, finding 6: a symlinked `logs/` or `logs/aissist.log` made the app append to the link's
 * target. The app never writes (or reads its profiles) through a link in its data folder, and a
 * data folder others can read is tightened. As CLI processes, and the logger on its own.
 */
const unix = process.platform !== 'win32'
let svc: ReturnType<typeof testService>
let f: Folder
let outside: string

beforeAll(requireBuiltCli)
beforeEach(() => {
  svc = testService('data-folder')
  f = makeFolder(svc.service, 'vault-data-folder')
  outside = mkdtempSync(join(tmpdir(), 'vault-outside-'))
})
afterEach(async () => {
  await svc.cleanup()
  removeFolder(f)
  rmSync(outside, { recursive: true, force: true })
})

const add = (name: string) => f.cli(['profile', 'add', '--name', name, '--subdomain', name.toLowerCase(), '--app-id', APP_ID, '--key-id', KEY_ID, '--json'])

describe.skipIf(!unix)('links in the data folder', () => {
  it('a symlinked logs/ folder: nothing is written to its target, the work still succeeds', async () => {
    symlinkSync(outside, join(f.dir, 'logs'))
    const r = await add('Acme')
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('symbolic link')
    expect(readdirSync(outside)).toEqual([])
  })

  it('a symlinked logs/aissist.log: the target is left as it was', async () => {
    mkdirSync(join(f.dir, 'logs'))
    const target = join(outside, 'victim.txt')
    writeFileSync(target, 'do not touch\n')
    symlinkSync(target, join(f.dir, 'logs', 'aissist.log'))
    expect((await add('Acme')).code).toBe(0)
    expect(readFileSync(target, 'utf8')).toBe('do not touch\n')
  })

  it('a hard-linked log file is refused too, and the logger says once why', () => {
    const dir = join(f.dir, 'hard')
    mkdirSync(join(dir, 'logs'), { recursive: true })
    const target = join(outside, 'victim.txt')
    writeFileSync(target, 'do not touch\n')
    linkSync(target, join(dir, 'logs', 'aissist.log'))
    const logger = createLogger({ dir, secrets: new SecretRegistry() })
    logger.info('hello')
    expect(readFileSync(target, 'utf8')).toBe('do not touch\n')
    expect(logger.refused()).toContain('not a plain file')
  })

  it('a symlinked profiles.json is neither read nor replaced', async () => {
    const target = join(outside, 'profiles.json')
    writeFileSync(target, '{"schemaVersion": 2}')
    symlinkSync(target, join(f.dir, 'profiles.json'))
    const r = await f.cli(['profile', 'list', '--json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'data-file-symlink' })
    expect((await add('Acme')).code).toBe(1)
    expect(readFileSync(target, 'utf8')).toBe('{"schemaVersion": 2}')
  })
})

describe.skipIf(!unix || process.getuid?.() === undefined)('a data folder others can read', () => {
  it('is tightened to 700, and the log says so', async () => {
    chmodSync(f.dir, 0o755)
    expect((await add('Acme')).code).toBe(0)
    expect(statSync(f.dir).mode & 0o777).toBe(0o700)
    expect(readFileSync(join(f.dir, 'logs', 'aissist.log'), 'utf8')).toContain('tightened to 700')
  })
})
