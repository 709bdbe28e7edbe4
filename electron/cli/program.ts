import { Command, CommanderError } from 'commander'
import { APP_VERSION } from '../core/platform/version'
import { commandRegistrations } from './commands'
import { CliRuntime, type CliIO } from './runtime'

/**
 * Builds the `aissist-zd` program. Each capability registers its own subcommand
 * (`commands/<name>.ts`), the way each feature adds its calls to the contract.
 */
export const buildProgram = (cli: CliRuntime): Command => {
  const program = new Command('aissist-zd')
  program
    .description('Connect Zendesk messaging to the Aissist AI agent gateway, and find out why a connection does not work.')
    .version(APP_VERSION, '-V, --version', 'print the version')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--verbose', 'log what happens (redacted) to stderr')
    .option('--data-dir <dir>', 'the data folder (default: AISSIST_DATA_DIR or the app\'s own)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => cli.io.stdout.write(s),
      writeErr: (s) => cli.io.stderr.write(s)
    })
    .exitOverride()
    .hook('preAction', (_this, action) => {
      cli.globals = { ...program.opts(), ...action.optsWithGlobals() }
    })
  for (const register of commandRegistrations) register(program, cli)
  return program
}

/**
 * Runs the CLI in-process and returns its exit code: the bin script calls it with the process's
 * streams, tests with their own.
 */
export const runCli = async (argv: string[], io: CliIO): Promise<number> => {
  const cli = new CliRuntime(io)
  const program = buildProgram(cli)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors with 64 (EX_USAGE).
      return e.exitCode === 0 ? 0 : 64
    }
    cli.failWith(e, 1)
  } finally {
    // The command is done: its shutdown hooks run (the keychain worker stops).
    await cli.shutdown()
  }
  return cli.exitCode
}
