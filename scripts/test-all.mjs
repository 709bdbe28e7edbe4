// `npm test`: every test of the project, each installing what it needs, then one summary line.
//   system packages → npm ci → build → typecheck → lint → electronegativity →
//   (inside a private D-Bus session with an unlocked gnome-keyring) vitest → Playwright in Chromium
//   → Playwright Electron (skipped with a reason when there is no Electron binary).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, ensureDependencies, root, run } from './lib.mjs'

const results = join(root, 'test-results')
const inner = process.argv.includes('--inner')

const steps = []
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}
const record = (name, code) => {
  steps.push({ name, ok: code === 0 })
  console.log(code === 0 ? `✔ ${name}` : `✖ ${name} (exit ${code})`)
  return code === 0
}

if (!inner) {
  if (process.platform === 'linux') record('system packages', run('bash', ['scripts/ensure-system.sh']))
  if (!record('npm dependencies', ensureDependencies())) process.exit(1)
  if (!record('build', build())) process.exit(1)
  record('typecheck', run('npm', ['run', '--silent', 'typecheck']))
  record('lint', run('npm', ['run', '--silent', 'lint']))
  if (existsSync(join(root, 'scripts', 'electronegativity.mjs'))) record('electronegativity', run('node', ['scripts/electronegativity.mjs']))
  rmSync(results, { recursive: true, force: true })
  mkdirSync(results, { recursive: true })

  let code
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS_FOR_TESTS) {
    // A private session bus with an unlocked keyring: the real Secret Service, nothing of the user's.
    // A keyring of its own (XDG_DATA_HOME in a temp folder): a login keyring left by someone else
    // with another password would make gnome-keyring prompt, and tests must not touch the user's.
    const keyringHome = mkdtempSync(join(tmpdir(), 'aissist-keyring-'))
    const script = 'echo -n aissist-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node scripts/test-all.mjs --inner'
    code = run('dbus-run-session', ['--', 'sh', '-c', script], { env: { XDG_DATA_HOME: keyringHome } })
    rmSync(keyringHome, { recursive: true, force: true })
  } else {
    code = run('node', ['scripts/test-all.mjs', '--inner'])
  }
  const failedSteps = steps.filter((s) => !s.ok).map((s) => s.name)
  const counts = readJson(join(results, 'summary.json')) ?? [{ suite: 'tests (did not run)', passed: 0, failed: 1, skipped: 0 }]
  console.log('\nSummary')
  for (const s of steps) console.log(`  ${s.ok ? '✔' : '✖'} ${s.name}`)
  for (const c of counts) console.log(`  ${c.suite}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`)
  const passed = counts.reduce((a, c) => a + c.passed, 0)
  const failed = counts.reduce((a, c) => a + c.failed, 0) + failedSteps.length
  const skipped = counts.reduce((a, c) => a + c.skipped, 0)
  if (failedSteps.length) console.log(`  failed steps (each counted as one failure): ${failedSteps.join(', ')}`)
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
  process.exit(code !== 0 || failed > 0 ? 1 : 0)
}

// ---- inside the keyring session ----
const counts = []

const vitestJson = join(results, 'vitest-report.json')
const vitestCode = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
const v = readJson(vitestJson)
counts.push({
  suite: 'vitest (unit + integration)',
  passed: v?.numPassedTests ?? 0,
  failed: (v?.numFailedTests ?? 0) + (v ? 0 : 1) + (vitestCode !== 0 && v && v.numFailedTests === 0 ? 1 : 0),
  skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0)
})

const playwright = (name, config, report) => {
  const code = run('npx', ['playwright', 'test', '-c', config])
  const r = readJson(join(results, report))
  const s = r?.stats ?? {}
  counts.push({ suite: name, passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) + (r ? 0 : 1) + (code !== 0 && r && !s.unexpected ? 1 : 0), skipped: s.skipped ?? 0 })
}
playwright('playwright e2e (Chromium + harness)', 'playwright.config.ts', 'e2e-report.json')

const electronCheck = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./test/support/electron-binary.ts').then(m => { const r = (m.findElectronBinary ?? m.default.findElectronBinary)(); console.log('reason' in r ? r.reason : '') })"], { cwd: root, encoding: 'utf8' })
const electronReason = (electronCheck.stdout ?? '').trim()
if (electronReason) console.log(`▲ Playwright Electron suite skipped: ${electronReason}`)
playwright('playwright electron', 'playwright.electron.config.ts', 'electron-report.json')

writeFileSync(join(results, 'summary.json'), JSON.stringify(counts, null, 2))
process.exit(counts.some((c) => c.failed > 0) ? 1 : 0)
