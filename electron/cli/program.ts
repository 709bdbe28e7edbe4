import { Command, CommanderError } from 'commander'
import { APP_VERSION } from '../core/platform/version'
import { COMMANDS, commandEntry } from './commands/index'
import { EX_USAGE, exitCodeFor } from './exit-codes'
import { CliRuntime, type CliIO } from './runtime'
import { escapeForTerminal } from './terminal-text'

/** Imports a top-level command's module and lets it add its options, subcommands and actions (once). */
const loadCommand = async (command: Command, cli: CliRuntime, loaded: WeakSet<Command>): Promise<void> => {
  const entry = commandEntry(command.name())
  if (!entry || loaded.has(command)) return
  loaded.add(command)
  cli.errorExits = entry.errorExits ?? {}
  const { register } = await entry.load()
  register(command, cli)
}

/**
 * `aissist-zd help [command…]`: commander's own help command would show a command before its
 * module is loaded (without its subcommands), so this one loads it first.
 */
const addHelpCommand = (program: Command, load: (c: Command) => Promise<void>): void => {
  program.helpCommand(false)
  program
    .command('help [command...]')
    .description('show help for a command')
    .action(async (path: string[]) => {
      let target = program
      for (const name of path) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name))
        if (!next) target.error(`error: unknown command '${name}'`, { exitCode: EX_USAGE, code: 'commander.unknownCommand' })
        else {
          if (target === program) await load(next)
          target = next
        }
      }
      target.help()
    })
}

/**
 * Builds the `aissist-zd` program from the command table: each top-level command is only a name
 * and a line until it runs, when its module is imported (`commands/<name>.ts`) and fills it in.
 */
export const buildProgram = (cli: CliRuntime): Command => {
  const program = new Command('aissist-zd')
  const loaded = new WeakSet<Command>()
  const load = (command: Command): Promise<void> => loadCommand(command, cli, loaded)
  program
    .description('Connect Zendesk messaging to the Aissist AI agent gateway, and find out why a connection does not work.')
    .version(APP_VERSION, '-V, --version', 'print the version')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--verbose', 'log what happens (redacted) to stderr')
    .option('--data-dir <dir>', 'the data folder (default: AISSIST_DATA_DIR or the app\'s own)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      // Commander echoes what was typed in its errors: escaped like everything else we print.
      writeOut: (s) => cli.io.stdout.write(escapeForTerminal(s, { keepNewlines: true })),
      writeErr: (s) => cli.io.stderr.write(escapeForTerminal(s, { keepNewlines: true }))
    })
    .exitOverride()
    .hook('preSubcommand', (_program, sub) => load(sub))
    .hook('preAction', (_this, action) => {
      cli.globals = { ...program.opts(), ...action.optsWithGlobals() }
    })
  for (const entry of COMMANDS) {
    program
      .command(entry.name)
      .aliases(entry.aliases ?? [])
      .description(entry.summary)
  }
  addHelpCommand(program, load)
  return program
}

/**
 * Runs the CLI in-process and returns its exit code: the bin script calls it with the process's
 * streams, tests with their own. Whatever a command throws ends here, the one place errors become
 * exit codes.
 */
export const runCli = async (argv: string[], io: CliIO): Promise<number> => {
  const cli = new CliRuntime(io)
  const program = buildProgram(cli)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (e) {
    const code = exitCodeFor(e, cli.errorExits)
    // Commander has already printed its own message (or the help, or the version).
    if (e instanceof CommanderError) return code
    cli.failWith(e, code)
  } finally {
    // The command is done: its shutdown hooks run (the keychain worker stops).
    await cli.shutdown()
  }
  return cli.exitCode
}
