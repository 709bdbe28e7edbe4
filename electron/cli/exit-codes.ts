import { CommanderError } from 'commander'
import { isAppFailure } from '../core/errors'

/** Every command: success. */
export const EX_OK = 0
/** Every command: something failed (named on stderr, or in the JSON's `error`). */
export const EX_FAILURE = 1
/** Every command: the command line itself was wrong (sysexits.h's EX_USAGE). */
export const EX_USAGE = 64

/** Core error codes that mean "the command line asked for something invalid", not "it failed". */
const USAGE_ERRORS: ReadonlySet<string> = new Set(['invalid-input', 'confirmation-required'])

/**
 * The one mapping from a thrown error to an exit code, used by the one place that catches what a
 * command throws (`runCli`): commander's own errors (bad option, unknown command) and invalid
 * input exit 64, `--help`/`--version` 0, everything else 1 — unless the command documents its own
 * code for an error (`own`, from its entry in `commands/index.ts`).
 */
export const exitCodeFor = (e: unknown, own: Readonly<Record<string, number>> = {}): number => {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EX_OK : EX_USAGE
  if (isAppFailure(e)) return own[e.code] ?? (USAGE_ERRORS.has(e.code) ? EX_USAGE : EX_FAILURE)
  return EX_FAILURE
}
