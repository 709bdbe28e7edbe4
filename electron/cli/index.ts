import { APP_VERSION } from '../core/platform/version'
import { startsAvatarCheck } from './early-start'
import { isVersionRequest } from './version-request'

/**
 * Entry point of the built CLI (`out/main/cli.js`), started by `bin/aissist-zd`. Kept tiny: it
 * answers `--version` itself, and imports the program (commander and the command table) only for
 * anything else; each command then imports only what it uses. An avatar check's checker process
 * is started first of all, so its own start runs while this process loads the program.
 */
const main = async (argv: string[]): Promise<void> => {
  if (isVersionRequest(argv)) {
    process.stdout.write(`${APP_VERSION}\n`)
    return
  }
  if (startsAvatarCheck(argv)) (await import('../core/avatar/image-decoder')).sharedImageDecoder().warm()
  const { runCli } = await import('./program')
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env })
}

void main(process.argv.slice(2))
