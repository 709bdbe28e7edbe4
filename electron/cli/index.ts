import { APP_VERSION } from '../core/platform/version'
import { isVersionRequest } from './version-request'

/**
 * Entry point of the built CLI (`out/main/cli.js`), started by `bin/aissist-zd`. Kept tiny: it
 * answers `--version` itself, and imports the program (commander and the command table) only for
 * anything else; each command then imports only what it uses.
 */
const main = async (argv: string[]): Promise<void> => {
  if (isVersionRequest(argv)) {
    process.stdout.write(`${APP_VERSION}\n`)
    return
  }
  const { runCli } = await import('./program')
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env })
}

void main(process.argv.slice(2))
