import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { APP_ID, KEY_ID, makeFolder, removeFolder, requireBuiltCli, testService, type Folder } from './vault-cli-fixture'

/**
 * Issue 15, findings 5 and 8, and issue 13's guardrails, at the command line: names that would
 * forge what a terminal shows are refused by the shared schema (naming "Customer name"); a file
 * that already holds one still loads, flagged, and `edit` fixes it; URLs whose host is not what
 * it seems are refused; a zendesk.com API base is completed with /sc and an act_ key warned about.
 */
let svc: ReturnType<typeof testService>
let f: Folder

beforeAll(requireBuiltCli)
beforeEach(() => {
  svc = testService('names')
  f = makeFolder(svc.service, 'vault-names')
})
afterEach(async () => {
  await svc.cleanup()
  removeFolder(f)
})

const ESCAPE_NAMES = [
  '\u001b]0;pwned\u0007Acme',
  'Acme\u001b]52;c;ZXZpbA==\u0007',
  'Acme\u001b[2K\rkey secret: present',
  'Acme\nkey secret: present',
  'Ac\u0000me',
  'Acme\u202eevil',
  '\u200b\u200b'
]

describe('names', () => {
  it.each(ESCAPE_NAMES)('add refuses %j, naming "Customer name", exit 64', async (name) => {
    const r = await f.cli(['profile', 'add', '--name', name.replace('\u0000', '\u0001'), '--subdomain', 'acme', '--app-id', APP_ID, '--key-id', KEY_ID, '--json'])
    expect(r.code).toBe(64)
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('Customer name'), details: { issues: [{ path: ['name'] }] } })
  })

  it('an import with escape-sequence names is refused whole, and its message shows no raw control character', async () => {
    const file = join(f.dir, 'names.json')
    writeFileSync(file, JSON.stringify({ format: 'aissist-zendesk-profiles', version: 1, profiles: ESCAPE_NAMES.map((name, i) => ({ name, subdomain: `n${i}`, appId: APP_ID, keyId: KEY_ID })) }))
    const r = await f.cli(['profile', 'import', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain('Customer name contains a control character')
    expect(r.err).toContain('<U+001B>')
    // eslint-disable-next-line no-control-regex -- finding raw control characters is the point
    expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
    expect(JSON.parse((await f.cli(['profile', 'list', '--json'])).out).profiles).toEqual([])
  })

  it('a profiles.json that already holds such a name still loads, is flagged, and edit fixes it', async () => {
    const id = randomUUID()
    const bad = 'Old\u001b]0;x\u0007Corp'
    writeFileSync(
      join(f.dir, 'profiles.json'),
      JSON.stringify({
        schemaVersion: 2, storeId: randomUUID(), activeProfileId: id,
        profiles: [{ id, name: bad, subdomain: 'old', appId: APP_ID, keyId: KEY_ID, gatewayUrl: 'https://gateway.aissist.io/gateway/zendesk/conversation', agentName: '', avatarUrl: '', allowPrivate: false, notes: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }]
      })
    )
    const list = await f.cli(['profile', 'list', '--json'])
    expect(JSON.parse(list.out).profiles).toEqual([expect.objectContaining({ id, name: bad })])
    const show = await f.cli(['profile', 'show', id])
    expect(show.out).toContain('Customer name contains a control character (U+001B ESC)')
    expect(show.out).toContain(`customer edit ${id} --name`)

    const other = await f.cli(['profile', 'edit', id, '--notes', 'just a note', '--json'])
    expect(other.code).toBe(64)
    expect(JSON.parse(other.out).error.message).toContain('Customer name')
    const fixed = await f.cli(['profile', 'edit', id, '--name', 'Old Corp', '--json'])
    expect(fixed.code, fixed.out).toBe(0)
    expect(JSON.parse(readFileSync(join(f.dir, 'profiles.json'), 'utf8')).profiles[0]).toMatchObject({ id, name: 'Old Corp' })
  })
})

describe('URLs and the Zendesk API base', () => {
  it.each([['--gateway-url'], ['--avatar-url']])('%s https://evil.example\\@gateway.aissist.io/x is refused', async (flag) => {
    const r = await f.cli(['profile', 'add', '--name', 'Acme', '--subdomain', 'acme', '--app-id', APP_ID, '--key-id', KEY_ID, flag, 'https://evil.example\\@gateway.aissist.io/x', '--json'])
    expect(r.code).toBe(64)
    expect(JSON.parse(r.out).error.message).toContain('backslash')
  })

  it('--api-url https://acme.zendesk.com is stored as https://acme.zendesk.com/sc, and the user is told', async () => {
    const r = await f.cli(['profile', 'add', '--name', 'Acme', '--api-url', 'https://acme.zendesk.com', '--app-id', APP_ID, '--key-id', KEY_ID])
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('https://acme.zendesk.com/sc')
    expect(JSON.parse((await f.cli(['profile', 'show', 'Acme', '--json'])).out).profile).toMatchObject({ apiBaseUrl: 'https://acme.zendesk.com/sc', apiBase: 'https://acme.zendesk.com/sc' })
  })

  it('a host-mapped domain is explained, as a subdomain and as an API URL', async () => {
    const sub = await f.cli(['profile', 'add', '--name', 'Acme', '--subdomain', 'support.acme.com', '--app-id', APP_ID, '--key-id', KEY_ID, '--json'])
    expect(sub.code).toBe(64)
    expect(JSON.parse(sub.out).error.message).toContain('host mapping')
    const api = await f.cli(['profile', 'add', '--name', 'Acme', '--api-url', 'https://support.acme.com', '--app-id', APP_ID, '--key-id', KEY_ID])
    expect(api.code).toBe(0)
    expect(api.err).toContain('.zendesk.com/sc')
  })

  it('warns about an act_ key and refuses an int_ key with the fix', async () => {
    const act = await f.cli(['profile', 'add', '--name', 'Acme', '--subdomain', 'acme', '--app-id', APP_ID, '--key-id', 'act_5963ceb97cde542d000dbdb1'])
    expect(act.code).toBe(0)
    expect(act.err).toContain('account-scoped key')
    const int = await f.cli(['profile', 'add', '--name', 'Beta', '--subdomain', 'beta', '--app-id', APP_ID, '--key-id', 'int_5e4b0f225aca01092928f917', '--json'])
    expect(int.code).toBe(64)
    expect(JSON.parse(int.out).error.message).toContain('Create an app key')
  })
})
