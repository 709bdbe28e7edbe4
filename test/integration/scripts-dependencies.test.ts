import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
// @ts-expect-error a plain-Node script with no types (it runs before npm ci)
import { dependenciesOutOfDate } from '../../scripts/lib.mjs'

const check = dependenciesOutOfDate as (dir: string) => string | null

const pkg = (version: string, extra: Record<string, unknown> = {}) => ({ version, resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`, integrity: `sha512-${version}`, ...extra })

/** A project folder with a lockfile and npm's record of what it installed. */
const project = (wanted: Record<string, unknown>, installed: Record<string, unknown> | null): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aissist-deps-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'p' }, ...wanted } }))
  if (installed) {
    mkdirSync(join(dir, 'node_modules'))
    writeFileSync(join(dir, 'node_modules', '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: installed }))
  }
  return dir
}
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('dependenciesOutOfDate (scripts/lib.mjs: when npm run bench, start, test… run npm ci)', () => {
  it('trusts an install that matches the lockfile, however old it is (a fresh clone, a checkout)', () => {
    const lock = { 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('2.0.0'), 'node_modules/b-darwin': pkg('2.0.0', { optional: true, os: ['darwin'] }) }
    const dir = project(lock, { 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('2.0.0') })
    // The lockfile written after the install (as a clone or a checkout does): still up to date.
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'p' }, ...lock } }))
    expect(check(dir)).toBeNull()
  })

  it('asks for an install when nothing was installed, a version differs, one is missing or one is extra', () => {
    expect(check(project({ 'node_modules/a': pkg('1.0.0') }, null))).toMatch(/missing/)
    expect(check(project({ 'node_modules/a': pkg('1.1.0') }, { 'node_modules/a': pkg('1.0.0') }))).toMatch(/node_modules\/a is 1\.0\.0, package-lock\.json wants 1\.1\.0/)
    expect(check(project({ 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('1.0.0') }, { 'node_modules/a': pkg('1.0.0') }))).toMatch(/node_modules\/b is not installed/)
    expect(check(project({ 'node_modules/a': pkg('1.0.0') }, { 'node_modules/a': pkg('1.0.0'), 'node_modules/c': pkg('1.0.0') }))).toMatch(/node_modules\/c is installed but not in/)
    expect(check(project({ 'node_modules/a': pkg('1.0.0') }, { 'node_modules/a': { ...pkg('1.0.0'), integrity: 'sha512-other' } }))).toMatch(/node_modules\/a/)
  })

  it('finds this checkout up to date (its node_modules was installed from its lockfile)', () => {
    expect(check(join(import.meta.dirname, '..', '..'))).toBeNull()
  })
})
