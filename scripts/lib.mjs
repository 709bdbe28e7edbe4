// Helpers shared by the project's scripts (plain Node, no dependencies: they run before npm ci).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const root = resolve(import.meta.dirname, '..')

/** Runs a command in the project folder, streaming its output; returns its exit code. */
export const run = (command, args, options = {}) => {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...(options.env ?? {}) } })
  if (r.error) {
    console.error(`✖ could not run ${command}: ${r.error.message}`)
    return 127
  }
  return r.status ?? 1
}

/** The fields that say which exact package is installed at a path. */
const sameInstall = (a, b) => a.version === b.version && a.resolved === b.resolved && a.integrity === b.integrity && Boolean(a.link) === Boolean(b.link)

/**
 * Why node_modules does not match package-lock.json, or null when it does. Compares contents, not
 * times: npm's record of what it installed (`node_modules/.package-lock.json`) against the lockfile,
 * package by package. A fresh clone's lockfile is newer than any install, and a checkout that only
 * touches it changes nothing: neither calls for `npm ci`. Optional packages may be absent (another
 * platform's builds); everything installed must be what the lockfile names, and nothing else.
 */
export const dependenciesOutOfDate = (dir = root) => {
  const installedFile = join(dir, 'node_modules', '.package-lock.json')
  if (!existsSync(installedFile)) return 'node_modules is missing or was not installed by npm'
  let wanted
  let installed
  try {
    wanted = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages ?? {}
    installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {}
  } catch (e) {
    return `a lockfile cannot be read (${e.message})`
  }
  for (const [path, pkg] of Object.entries(installed)) {
    if (!wanted[path]) return `${path} is installed but not in package-lock.json`
    if (!sameInstall(pkg, wanted[path])) return `${path} is ${pkg.version}, package-lock.json wants ${wanted[path].version}`
  }
  for (const [path, pkg] of Object.entries(wanted)) {
    if (path && !installed[path] && !pkg.optional && !pkg.devOptional) return `${path} is not installed`
  }
  return null
}

/** Installs the npm dependencies from the lockfile when node_modules does not match it. */
export const ensureDependencies = () => {
  const why = dependenciesOutOfDate()
  if (!why) return 0
  console.log(`▶ installing npm dependencies (npm ci): ${why}`)
  // Electron's own binary comes from GitHub; where that is unreachable the app runs in the harness.
  const env = { ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' }
  return run('npm', ['ci', '--no-audit', '--no-fund'], { env })
}

/** Builds the app (electron-vite: main, CLI, harness, preload and renderer; a few seconds). */
export const build = () => {
  console.log('▶ building (electron-vite build)')
  return run('npx', ['electron-vite', 'build'])
}
