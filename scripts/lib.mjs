// Helpers shared by the project's scripts (plain Node, no dependencies: they run before npm ci).
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
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

/** Installs the npm dependencies from the lockfile when they are missing or older than it. */
export const ensureDependencies = () => {
  const marker = join(root, 'node_modules', '.package-lock.json')
  const lock = join(root, 'package-lock.json')
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return 0
  console.log('▶ installing npm dependencies (npm ci)')
  // Electron's own binary comes from GitHub; where that is unreachable the app runs in the harness.
  const env = { ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' }
  return run('npm', ['ci', '--no-audit', '--no-fund'], { env })
}

/** True when the built app is older than any source file (a quick mtime check). */
export const build = () => {
  console.log('▶ building (electron-vite build)')
  return run('npx', ['electron-vite', 'build'])
}
