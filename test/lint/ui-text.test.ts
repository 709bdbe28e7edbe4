import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { AppFailure, toAppError } from '../../electron/core/errors'
import { PROFILE_WORD, SHELL, sourceFiles, uiTextsOf, type UiText } from './ui-texts'

/**
 * UI text is for people without a terminal: no backticks, no shell commands, and one word for a
 * customer. Every error and message text the screens can show is read from the sources — core's
 * and shared's message/fix/reason… properties, every text the renderer writes — and scanned.
 * A command belongs in `terminalFix`, which only the command line prints.
 */
const root = resolve(__dirname, '..', '..')

/** Texts that never reach a screen, each with the reason. */
const NOT_ON_SCREEN: { file: RegExp; why: string }[] = [
  { file: /^electron\/core\/vault\/keychain-errors\.ts$/, why: 'worded per audience; each desktop text is built and scanned in keychain-ui-text.test.ts' },
  { file: /^electron\/core\/platform\/paths\.ts$/, why: 'log lines for the data folder, never shown' },
  { file: /^electron\/core\/sandbox\/zendesk\//, why: "the sandbox's Zendesk API answers as Zendesk does (its own error titles)" }
]

const screenTexts = (): UiText[] =>
  ['electron/core', 'electron/main', 'shared', 'renderer/src']
    .flatMap((dir) => sourceFiles(root, dir))
    .filter((file) => !NOT_ON_SCREEN.some((n) => n.file.test(file)))
    .flatMap((file) => uiTextsOf(root, file))

describe('texts the screens show', () => {
  const texts = screenTexts()

  it('are found (the scan reads what it should)', () => {
    expect(texts.length).toBeGreaterThan(500)
    // Known texts from each layer, so a scanner that stopped reading would fail here.
    const all = texts.map((t) => t.text).join('\n')
    expect(all).toContain('Correct the highlighted values')
    expect(all).toContain('Skip to main content')
    expect(all).toContain('The gateway answered 401 Unauthorized')
  })

  it('carry no backticks or shell commands', () => {
    const bad = texts.filter((t) => SHELL.test(t.text)).map((t) => `${t.file}:${t.line} ${JSON.stringify(t.text)}`)
    expect(bad).toEqual([])
  })

  it('say "customer", never "profile"', () => {
    const bad = texts.filter((t) => PROFILE_WORD.test(t.text)).map((t) => `${t.file}:${t.line} ${JSON.stringify(t.text)}`)
    expect(bad).toEqual([])
  })

  it('the scanner catches what it must', () => {
    for (const text of ['Run `npm start`', 'aissist-zd customer list', 'sudo apt install x', 'chmod 600 file', 'a | grep b', 'run --json']) expect(text).toMatch(SHELL)
    for (const text of ['Open Customers → Edit', 'Admin Center → Apps and integrations', 'Start → Try the sandbox', 'Save as file']) expect(text).not.toMatch(SHELL)
    for (const text of ['Edit the profile', 'Profiles: 3', 'the profile.']) expect(text).toMatch(PROFILE_WORD)
    for (const text of ['"aissist-zendesk-profiles"', 'profiles.json', 'profile-form']) expect(text).not.toMatch(PROFILE_WORD)
  })
})

describe('terminalFix', () => {
  it('travels with the error and is redacted like the fix', () => {
    const e = toAppError(new AppFailure({ code: 'x', message: 'm', fix: 'Open Customers.', terminalFix: 'Run aissist-zd customer list with s3cret.' }), (s) => s.replace('s3cret', '***'))
    expect(e).toMatchObject({ fix: 'Open Customers.', terminalFix: 'Run aissist-zd customer list with ***.' })
  })

  it('is left out when there is none', () => {
    expect(toAppError(new AppFailure({ code: 'x', message: 'm', fix: 'f' }))).not.toHaveProperty('terminalFix')
  })
})

describe('the command line', () => {
  it('prints the terminal fix where the screens have their own words', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ui-text-cli-'))
    const [stdout, stderr, stdin] = [new PassThrough(), new PassThrough(), new PassThrough()]
    let err = ''
    stderr.on('data', (d: Buffer) => (err += d.toString()))
    stdin.end()
    try {
      const code = await runCli(['customer', 'show', 'Nobody'], { stdout, stderr, stdin, env: { ...process.env, AISSIST_DATA_DIR: dataDir, AISSIST_KEYCHAIN_SERVICE: `aissist-ui-text-${process.pid}` } })
      expect(code).not.toBe(0)
      expect(err).toContain('There is no customer named "Nobody"')
      expect(err).toContain('aissist-zd customer list')
      expect(err).not.toContain('Open Customers')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
