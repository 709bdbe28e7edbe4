/** Global options that take a value (`--data-dir d`), so the value is not read as a command word. */
const VALUED = new Set(['--data-dir'])

/** The command words of a command line (options and their values skipped). */
const commandWords = (argv: readonly string[]): string[] => {
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') break
    if (VALUED.has(a)) i++
    else if (!a.startsWith('-')) words.push(a)
  }
  return words
}

/**
 * True when the command line runs an avatar check: the entry then starts the checker process
 * before loading anything else, so that process's start (Node, undici, sharp) overlaps the
 * command line's own loading instead of following it. A wrong guess costs only an idle process,
 * which ends with the command line.
 */
export const startsAvatarCheck = (argv: readonly string[]): boolean => {
  const [command, sub] = commandWords(argv)
  return command === 'avatar' && sub === 'check'
}
