import { startImageHost } from './test/integration/avatar-host'
import { runCli } from './electron/cli/program'
const main = async () => {
const h = await startImageHost()
for (const p of process.argv.slice(2)) {
  const code = await runCli(['avatar','check', `${h.base}/${p}`, '--allow-private'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env })
  console.log('exit', code, '\n')
}
await h.close()
}
void main()
