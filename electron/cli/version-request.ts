/** Options that may stand beside `--version` without asking for anything else. */
const HARMLESS = new Set(['--json', '--verbose'])

/**
 * True when the command line only asks for the version (`-V`, `--version`, maybe with `--json` or
 * `--verbose`): the entry answers that without loading commander or any command.
 */
export const isVersionRequest = (argv: readonly string[]): boolean =>
  argv.some((a) => a === '-V' || a === '--version') && argv.every((a) => a === '-V' || a === '--version' || HARMLESS.has(a))
