// `npm run harness`: the developer's browser harness — builds if needed, then serves the real UI
// and core on 127.0.0.1 and prints the URL (with its per-run token) to open in a browser.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { build, ensureDependencies, root } from './lib.mjs'

if (ensureDependencies() !== 0) process.exit(1)
if (build() !== 0) process.exit(1)
const child = spawn(process.execPath, [join(root, 'out', 'main', 'harness.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
const stop = () => child.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
child.on('exit', (code) => process.exit(code ?? 0))
