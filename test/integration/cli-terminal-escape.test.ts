/* eslint-disable no-control-regex -- finding control characters is what these patterns are for */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedProfile } from '../support/profile-fixture'

/**
 * Terminal escape injection (issue 15, item 5), as a real CLI process: a profiles.json written by
 * hand (an old version, another tool) and a hostile gateway's answer hold escape sequences that
 * would set the title, erase a line, write the clipboard (OSC 52) and forge a line reading
 * "key secret: present". Whatever reaches the terminal shows them as visible escapes instead.
 */
const ROOT = resolve(__dirname, '../..')
const HOSTILE = 'Acme\x1b]0;pwned-title\x07\x1b[2K\r\nkey secret: present\n\x1b]52;c;ZXZpbCBjbGlwYm9hcmQ=\x07\u202eevil\x00\x7f\x9b2J\x1b[31m'
/** Every byte a terminal would obey: C0 except the line ends we print ourselves, DEL, C1, bidi. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

let dataDir: string
let service: string

const cli = (args: string[], stdin?: string): Promise<{ code: number | null; out: string; err: string }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/index.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: service }
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.stdin.end(stdin ?? '')
    child.on('exit', (code) => done({ code, out, err }))
  })

const writeProfiles = (profiles: ReturnType<typeof storedProfile>[]): void =>
  writeFileSync(join(dataDir, 'profiles.json'), JSON.stringify({ schemaVersion: 1, activeProfileId: profiles[0].id, profiles }, null, 2))

/** No raw control byte, and no line the value forged. */
const expectHarmless = (text: string, label: string): void => {
  expect(text, label).not.toMatch(RAW_CONTROL)
  expect(text.split('\n').filter((l) => /^\s*key secret: present/.test(l)), label).toEqual([])
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cli-escape-'))
  service = `aissist-test-cli-escape-${randomUUID()}`
})

afterEach(async () => {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('aissist-zd prints hostile values as visible escapes', () => {
  it('customer list and show (and their old name, profile) never print the raw bytes of a name, agent name or notes', async () => {
    const p = storedProfile(1, { name: HOSTILE, agentName: HOSTILE, notes: HOSTILE })
    writeProfiles([p])
    for (const args of [['customer', 'list'], ['profile', 'list'], ['customer', 'show', p.id], ['profile', 'show', p.id]]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(0)
      expectHarmless(r.out + r.err, args.join(' '))
      expect(r.out, args.join(' ')).toContain('Acme\\x1b]0;pwned-title\\x07\\x1b[2K\\r\\nkey secret: present\\n\\x1b]52;c;')
      expect(r.out, args.join(' ')).toContain('\\u202eevil\\x00\\x7f\\x9b2J')
    }
    const show = await cli(['customer', 'show', p.id])
    expect(show.out.split('\n').filter((l) => /^\s*key secret:/.test(l))).toEqual(['  key secret:   missing'])
  }, 30_000)

  it('--json keeps the exact value and escapes what JSON.stringify leaves raw', async () => {
    const p = storedProfile(1, { name: HOSTILE })
    writeProfiles([p])
    const r = await cli(['--json', 'customer', 'show', p.id])
    expect(r.code).toBe(0)
    expectHarmless(r.out.replace(/\n/g, ' '), 'json')
    expect(JSON.parse(r.out).profile.name).toBe(HOSTILE)
  }, 30_000)

  describe('a hostile gateway', () => {
    let server: Server
    afterEach(() => new Promise<void>((r) => server.close(() => r())))

    it("events send shows the gateway's body and status text escaped", async () => {
      server = createServer((req, res) => {
        req.resume()
        res.writeHead(400, { 'content-type': 'text/plain' })
        res.end(`bad request ${HOSTILE}`)
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      const p = storedProfile(1, { name: 'Acme', gatewayUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`, allowPrivate: true })
      writeProfiles([p])
      expect((await cli(['customer', 'secret', 'set', p.id, '--kind', 'webhook', '--stdin'], 'escape-test-webhook-secret')).code).toBe(0)
      const r = await cli(['events', 'send', '--customer', 'Acme'])
      expect(r.code).not.toBe(0)
      expectHarmless(r.out + r.err, 'events send')
      expect(r.out).toContain('bad request Acme\\x1b]0;pwned-title\\x07')
      expect(r.out + r.err).not.toContain('escape-test-webhook-secret')
    }, 30_000)
  })
})
