import { runCli } from './program'

/** Entry point of the built CLI (`out/main/cli.js`), started by `bin/aissist-zd`. */
const main = async (): Promise<void> => {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env
  })
  process.exitCode = code
}

void main()
