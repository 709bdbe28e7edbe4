import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'aissist-en-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs scripts/electronegativity.mjs on a fixture folder with the given suppressions. */
const scan = (suppressions: unknown[]) => {
  const file = join(dir, 'suppressions.json')
  writeFileSync(file, JSON.stringify(suppressions))
  const r = spawnSync(process.execPath, ['scripts/electronegativity.mjs'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRONEGATIVITY_INPUT: join(dir, 'src'), ELECTRONEGATIVITY_SUPPRESSIONS: file }
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('scripts/electronegativity.mjs (the CI gate)', () => {
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(
    join(dir, 'src', 'bad-window.ts'),
    "import { BrowserWindow } from 'electron'\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })\n"
  )

  it('fails on a finding nobody explained, naming it', () => {
    const r = scan([])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/unexplained finding: CONTEXT_ISOLATION_JS_CHECK bad-window\.ts/)
  })

  it('refuses a suppression without a real reason', () => {
    const r = scan([{ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'bad-window.ts', reason: 'ok' }])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/needs "check", "file" and a "reason"/)
  })
})
