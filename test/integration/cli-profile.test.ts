import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import keytar from 'keytar'
import { runCli } from '../../electron/cli/program'

/**
 * `aissist-zd profile …` in-process with its own streams, and once as a real process reading the
 * secret from stdin. Secrets never appear in output, argv, the data folder or the logs.
 */
const ROOT = resolve(__dirname, '../..')
const SECRET = 'cli-kéy-secret-🔐-42424242'
const ADD = ['profile', 'add', '--name', 'Acme', '--subdomain', 'acme.zendesk.com', '--app-id', '5e4af71a81966cfff3ef6550', '--key-id', 'app_5723a347f82ba0516cb4ea34']

let dataDir: string
let service: string
let env: NodeJS.ProcessEnv

const collect = (s: PassThrough): (() => string) => {
  let text = ''
  s.on('data', (d) => (text += d.toString()))
  return () => text
}

/** Runs the CLI in-process; `stdinText` is piped, `tty` makes stdin a stand-in terminal. */
const cli = async (argv: string[], opts: { stdinText?: string; tty?: boolean; typed?: string } = {}) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const stdin = Object.assign(new PassThrough(), opts.tty ? { isTTY: true, setRawMode: () => undefined } : {})
  const out = collect(stdout)
  const err = collect(stderr)
  if (opts.stdinText !== undefined) stdin.end(opts.stdinText)
  if (opts.typed !== undefined) setTimeout(() => stdin.write(opts.typed), 50)
  const code = await runCli(argv, { stdout, stderr, stdin, env })
  return { code, out: out(), err: err() }
}

/** The keychain account of a profile's secret: scoped to the data folder's store ID. */
const accountOf = (id: string, kind: 'keySecret' | 'webhookSecret'): string =>
  `${(JSON.parse(readFileSync(join(dataDir, 'profiles.json'), 'utf8')) as { storeId: string }).storeId}/${id}:${kind}`

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]))

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cli-profile-'))
  service = `aissist-test-cli-${randomUUID()}`
  env = { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: service }
})

afterEach(async () => {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  for (const f of filesUnder(dataDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(SECRET)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('aissist-zd profile (in-process)', () => {
  it('adds with --secret-stdin, lists, shows, edits, uses and removes, with --json', async () => {
    const add = await cli([...ADD, '--secret-stdin', '--json'], { stdinText: `${SECRET}\n` })
    expect(add.code).toBe(0)
    const created = JSON.parse(add.out).profile
    expect(created).toMatchObject({ name: 'Acme', subdomain: 'acme', keySecretStatus: 'present' })
    expect(await keytar.getPassword(service, accountOf(created.id, 'keySecret'))).toBe(SECRET)

    const list = await cli(['profile', 'list', '--json'])
    expect(JSON.parse(list.out)).toMatchObject({ ok: true, activeProfileId: created.id, profiles: [{ id: created.id }] })
    expect((await cli(['profile', 'list'])).out).toMatch(/\* Acme .*https:\/\/acme\.zendesk\.com\/sc/)

    const show = await cli(['profile', 'show', 'ACME'])
    expect(show.out).toContain('key secret:   present')

    const edit = await cli(['profile', 'edit', 'acme', '--agent-name', 'Aissist Bot', '--json'])
    expect(JSON.parse(edit.out).profile.agentName).toBe('Aissist Bot')

    await cli([...ADD.slice(0, 3), 'Beta', ...ADD.slice(4)])
    expect(JSON.parse((await cli(['profile', 'use', 'beta', '--json'])).out).activeProfileId).not.toBe(created.id)

    const refused = await cli(['profile', 'remove', 'Acme'])
    expect(refused.code).toBe(64)
    expect(refused.err).toContain('--yes')
    const removed = await cli(['profile', 'remove', created.id, '--yes', '--json'])
    expect(JSON.parse(removed.out)).toMatchObject({ ok: true, deleted: true, secretsDeleted: 1 })
    expect(await keytar.findCredentials(service)).toEqual([])
    for (const r of [add, list, show, edit, removed]) expect(r.out + r.err).not.toContain(SECRET)
  })

  it('asks for the secret on a terminal without echoing it', async () => {
    const add = await cli(ADD, { tty: true, typed: `${SECRET}\r` })
    expect(add.code).toBe(0)
    expect(add.err).toContain('input hidden')
    expect(add.out + add.err).not.toContain(SECRET)
    const { profiles } = JSON.parse((await cli(['profile', 'list', '--json'])).out)
    expect(await keytar.getPassword(service, accountOf(profiles[0].id, 'keySecret'))).toBe(SECRET)
  })

  it('confirms remove on a terminal', async () => {
    await cli(ADD)
    const no = await cli(['profile', 'remove', 'acme'], { tty: true, typed: 'n\n' })
    expect(no.out).toContain('Nothing deleted')
    const yes = await cli(['profile', 'remove', 'acme'], { tty: true, typed: 'y\n' })
    expect(yes.out).toContain('deleted')
  })

  it('exits 64 on invalid values, naming the field, and 1 when a profile is unknown', async () => {
    const bad = await cli(['profile', 'add', '--name', 'X', '--subdomain', '-bad', '--app-id', '1', '--key-id', 'k', '--json'])
    expect(bad.code).toBe(64)
    const err = JSON.parse(bad.out).error
    expect(err.code).toBe('invalid-input')
    expect(err.details.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['appId', 'keyId', 'subdomain'])
    expect((await cli(['profile', 'show', 'nobody'])).code).toBe(1)
    expect((await cli(['profile', 'add', '--bogus'])).code).toBe(64)
  })

  it('manages secrets: set from stdin, status, delete', async () => {
    await cli(ADD)
    expect((await cli(['profile', 'secret', 'set', 'acme', '--kind', 'webhook', '--stdin'], { stdinText: SECRET })).code).toBe(0)
    expect(JSON.parse((await cli(['profile', 'secret', 'status', 'acme', '--json'])).out)).toMatchObject({ keySecretStatus: 'missing', webhookSecretStatus: 'present' })
    expect(JSON.parse((await cli(['profile', 'secret', 'delete', 'acme', '--kind', 'webhook', '--json'])).out)).toMatchObject({ deleted: true })
  })

  it('exports and imports, refusing clashes without --on-conflict', async () => {
    await cli([...ADD, '--secret-stdin'], { stdinText: SECRET })
    const exp = await cli(['profile', 'export'])
    expect(JSON.parse(exp.out).format).toBe('aissist-zendesk-profiles')
    expect(exp.out).not.toContain(SECRET)
    const file = join(dataDir, 'export.json')
    writeFileSync(file, exp.out)
    const clash = await cli(['profile', 'import', file, '--json'])
    expect(clash.code).toBe(1)
    expect(JSON.parse(clash.out).error).toMatchObject({ code: 'import-conflicts', details: { conflicts: [{ name: 'Acme', on: 'id' }] } })
    const renamed = await cli(['profile', 'import', file, '--on-conflict', 'rename', '--json'])
    expect(JSON.parse(renamed.out).imported).toEqual([expect.objectContaining({ name: 'Acme (imported)' })])
    expect((await cli(['profile', 'import', file, '--on-conflict', 'merge'])).code).toBe(64)
  })
})

describe('aissist-zd customer (the word the app uses; profile stays an alias)', () => {
  it('customer and profile are one command, and --customer and --profile one option', async () => {
    const add = await cli(['customer', ...ADD.slice(1), '--json'])
    expect(add.code).toBe(0)
    const { id } = JSON.parse(add.out).profile
    expect(JSON.parse((await cli(['customer', 'list', '--json'])).out)).toEqual(JSON.parse((await cli(['profile', 'list', '--json'])).out))
    const human = await cli(['customer', 'show', 'acme'])
    expect(human.out).toContain(`id:           ${id}`)
    expect((await cli(['customer', 'list'])).out).toMatch(/^\* Acme /m)
    expect((await cli(['customer', 'use', 'acme'])).out).toContain('Active customer: Acme')
    const byCustomer = JSON.parse((await cli(['doctor', '--customer', 'Acme', '--offline', '--json'])).out)
    const byProfile = JSON.parse((await cli(['doctor', '--profile', 'Acme', '--offline', '--json'])).out)
    const byShort = JSON.parse((await cli(['doctor', '-c', 'Acme', '--offline', '--json'])).out)
    for (const r of [byCustomer, byProfile, byShort]) expect(r.profile).toEqual({ id, name: 'Acme' })
    const empty = await cli(['customer', 'remove', id, '--yes'])
    expect(empty.out).toContain('Customer "Acme" deleted')
    expect((await cli(['customer', 'list'])).out).toContain('No customers yet. Add one with `aissist-zd customer add`.')
  })
})

describe('aissist-zd profile (spawned process)', () => {
  it('reads the key secret from stdin with --secret-stdin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/index.ts'), ...ADD, '--secret-stdin', '--json'], { cwd: ROOT, env })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.stdin.end(`${SECRET}\n`)
    const code = await new Promise<number | null>((r) => child.on('exit', r))
    expect(err).toBe('')
    expect(code).toBe(0)
    const { profile } = JSON.parse(out)
    expect(profile.keySecretStatus).toBe('present')
    expect(await keytar.getPassword(service, accountOf(profile.id, 'keySecret'))).toBe(SECRET)
    expect(out).not.toContain(SECRET)
  })
})
