import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, matchesGlob, relative, resolve } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Packaging checks (what `npm run dist` would build, without downloading Electron): the
 * electron-builder config as electron-builder itself loads and validates it, the fuses of the
 * Electron security checklist, the asar unpacking of keytar's and sharp's native parts, and icons.
 */
const root = resolve(__dirname, '..', '..')
const require = createRequire(join(root, 'package.json'))
// electron-builder's own loader and schema validator (app-builder-lib, resolved through it).
const builderDir = dirname(require.resolve('electron-builder/package.json'))
const { getConfig, validateConfiguration } = require(require.resolve('app-builder-lib/out/util/config/config', { paths: [builderDir] })) as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = require(require.resolve('builder-util', { paths: [builderDir] })) as { DebugLogger: new (enabled: boolean) => unknown }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let config: Record<string, any>
beforeAll(async () => {
  config = await getConfig(root, null, null)
})

const targets = (platform: { target?: unknown }): string[] =>
  (Array.isArray(platform.target) ? platform.target : [platform.target]).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target))

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('names the app', () => {
    expect(config.appId).toBe('io.aissist.zendesk-setup')
    expect(config.productName).toBe('Aissist Zendesk Setup')
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; productName: string }
    expect(pkg.productName).toBe(config.productName)
    expect(pkg.main.startsWith('out/')).toBe(true)
  })

  it('flips the Electron fuses (security checklist)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('ships only the build output in an asar, with keytar\'s and sharp\'s native parts unpacked', () => {
    expect(config.asar).toBe(true)
    // electron-builder normalizes `files` into file sets; ours is one set with one filter list.
    const patterns = (config.files as (string | { filter: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter))
    expect(patterns.filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json'])
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/keytar/**', '**/node_modules/sharp/**', '**/node_modules/@img/**']))
    // Every native binary the app loads is matched by an unpack pattern.
    const natives: string[] = []
    const walk = (dir: string): void => {
      if (!existsSync(dir)) return
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (e.name.endsWith('.node') || /\.(so|dylib|dll)(\.|$)/.test(e.name)) natives.push(relative(root, p).split('\\').join('/'))
      }
    }
    for (const m of ['keytar', 'sharp', '@img']) walk(join(root, 'node_modules', m))
    expect(natives.some((n) => n.includes('keytar.node'))).toBe(true)
    expect(natives.some((n) => n.startsWith('node_modules/@img/'))).toBe(true)
    for (const n of natives) expect(config.asarUnpack.some((g: string) => matchesGlob(`/app/${n}`, g)), n).toBe(true)
  })

  it('builds AppImage and deb (with libsecret), a hardened dmg, and nsis', () => {
    expect(targets(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(config.linux.category).toBeTruthy()
    expect(config.linux.maintainer).toMatch(/@/)
    expect(config.deb.depends).toContain('libsecret-1-0')
    expect(targets(config.mac)).toContain('dmg')
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(targets(config.win)).toContain('nsis')
  })

  it('asks for no macOS entitlement beyond JIT', () => {
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8')
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])
    expect(keys).toEqual(['com.apple.security.cs.allow-jit'])
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements)
  })

  it('has its icons in resources/, rendered from icon.svg at the right sizes', async () => {
    expect(existsSync(join(root, 'resources', 'icon.svg'))).toBe(true)
    const main = await sharp(join(root, config.mac.icon)).metadata()
    expect([main.width, main.height, main.format]).toEqual([1024, 1024, 'png'])
    expect(config.win.icon).toBe(config.mac.icon)
    const set = join(root, config.linux.icon)
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const m = await sharp(join(set, `${size}x${size}.png`)).metadata()
      expect([m.width, m.height], `${size}x${size}.png`).toEqual([size, size])
    }
  })
})
