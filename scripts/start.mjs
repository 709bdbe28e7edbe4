// `npm start`: install what is missing, build, and run the desktop app. Where Electron's binary
// cannot be had (it is downloaded from GitHub), serve the same app in the browser harness instead.
// With no customer profile yet, the app offers the built-in sandbox.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, ensureDependencies, root, run } from './lib.mjs'
import { missingSecretService, secretServiceLine } from './secret-service.mjs'

if (process.platform === 'linux' && run('bash', ['scripts/ensure-system.sh']) !== 0) process.exit(1)
if (ensureDependencies() !== 0) process.exit(1)
if (build() !== 0) process.exit(1)

const electronDir = join(root, 'node_modules', 'electron')
const binary = () => {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron')
  const pathTxt = join(electronDir, 'path.txt')
  return existsSync(pathTxt) ? join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim()) : null
}

if (!binary() || !existsSync(binary())) {
  console.log('▶ downloading Electron (once)')
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' }, timeout: 180_000 })
  if (r.status !== 0) {
    const why = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => l.trim()) ?? (r.error ? r.error.message : `exit ${r.status}`)
    console.log(`  the download failed: ${why.trim()}`)
  }
}

// A headless Linux box has no keychain: say so once, before the app starts.
const noSecretService = missingSecretService()
if (noSecretService) console.log(secretServiceLine(noSecretService))

// With no profile yet, the app creates the built-in "Sandbox" profile and makes it active.
const appEnv = { ...process.env, AISSIST_AUTO_SANDBOX: process.env.AISSIST_AUTO_SANDBOX ?? '1' }

const exe = binary()
if (exe && existsSync(exe)) {
  const child = spawn(exe, [join(root, 'out', 'main', 'index.js')], { cwd: root, stdio: 'inherit', env: appEnv })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('▲ Electron\'s binary is not available on this machine (it is downloaded from GitHub).')
  console.log('  Serving the same app in the browser harness instead; open the URL below in a browser.')
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'harness.js'), '--port', process.env.PORT ?? '4700'], { cwd: root, stdio: 'inherit', env: appEnv })
  const stop = () => child.kill('SIGTERM')
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  child.on('exit', (code) => process.exit(code ?? 0))
}
