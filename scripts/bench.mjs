// `npm run bench`: every benchmark in bench/*.bench.ts, one after the other, printing figures.
// Benchmarks measure; they never assert. The keychain ones run inside a private D-Bus session.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, ensureDependencies, root, run } from './lib.mjs'

if (ensureDependencies() !== 0) process.exit(1)
if (build() !== 0) process.exit(1)
const only = process.argv.slice(2)
const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).filter((f) => !only.length || only.some((o) => f.includes(o))).sort()
let failed = 0
for (const f of files) {
  console.log(`\n=== ${f} ===`)
  const cmd = `echo -n aissist-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec node --import tsx --expose-gc ${JSON.stringify(join('bench', f))}`
  // A keyring of its own, as in npm test: never the user's, never one with another password.
  const keyringHome = mkdtempSync(join(tmpdir(), 'aissist-keyring-'))
  const code = process.platform === 'linux' ? run('dbus-run-session', ['--', 'sh', '-c', cmd], { env: { XDG_DATA_HOME: keyringHome } }) : run('node', ['--import', 'tsx', '--expose-gc', join('bench', f)])
  rmSync(keyringHome, { recursive: true, force: true })
  if (code !== 0) failed++
}
process.exit(failed ? 1 : 0)
