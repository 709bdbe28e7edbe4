import type { Readable, Writable } from 'node:stream'
import type { AppError } from '../../shared/result'
import { toAppError } from '../core/errors'
import type { Services } from '../core/services'
import type { Vault } from '../core/vault/vault'
import { escapeForTerminal, escapeJsonForTerminal } from './terminal-text'

/** The process streams and environment a CLI run uses; tests pass their own to run in-process. */
export interface CliIO {
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable & { isTTY?: boolean }
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
  env: NodeJS.ProcessEnv
}

/** Global options every command sees (`--json`, `--verbose`, `--data-dir`). */
export interface GlobalOptions {
  json?: boolean
  verbose?: boolean
  dataDir?: string
}

/**
 * What a command needs from the CLI around it: the streams, the core services (imported and built
 * on first use, so `--help` and offline commands never load the keychain, the HTTP client or the
 * disk), output in human or JSON form — always escaped for the terminal and redacted — and the
 * exit code.
 */
export class CliRuntime {
  exitCode = 0
  globals: GlobalOptions = {}
  /** Exit codes the running command documents for particular error codes (see `exitCodeFor`). */
  errorExits: Readonly<Record<string, number>> = {}
  private built: Services | null = null
  private building: Promise<Services> | null = null

  constructor(readonly io: CliIO) {}

  /** The core services, loaded and built on first use with the global options. */
  services(): Promise<Services> {
    this.building ??= import('../core/services').then(({ createServices }) => {
      this.built = createServices({
        dataDir: this.globals.dataDir ?? this.io.env.AISSIST_DATA_DIR ?? undefined,
        keychainService: this.io.env.AISSIST_KEYCHAIN_SERVICE || undefined,
        verbose: this.globals.verbose,
        // Keychain fixes in a terminal's words (the headless recipe), not the app's menus.
        audience: 'terminal'
      })
      return this.built
    })
    return this.building
  }

  /** The customers and their keychain secrets. */
  async vault(): Promise<Vault> {
    return (await this.services()).vault
  }

  /** Runs the services' shutdown hooks once the command is done (nothing when none were built). */
  async shutdown(): Promise<void> {
    await this.built?.shutdown()
  }

  get json(): boolean {
    return Boolean(this.globals.json)
  }

  /** True when stdout is a terminal a person watches (spinners, colours, prompts). */
  get interactive(): boolean {
    return Boolean(this.io.stdout.isTTY) && !this.json
  }

  /**
   * Text as it may reach a terminal: secrets redacted, then every control and bidi character made
   * visible. The one place human output passes through, so a customer name, a Zendesk message or
   * a gateway body can never forge a line, set the title or write the clipboard.
   */
  safe(text: string): string {
    return escapeForTerminal(this.redact(text))
  }

  /** Writes each argument as one line to stdout (a newline inside a value is shown as `\n`). */
  out(...lines: string[]): void {
    if (lines.length === 0) lines = ['']
    for (const line of lines) this.io.stdout.write(`${this.safe(line)}\n`)
  }

  /** Writes each argument as one line to stderr. */
  err(...lines: string[]): void {
    if (lines.length === 0) lines = ['']
    for (const line of lines) this.io.stderr.write(`${this.safe(line)}\n`)
  }

  /** Writes a question on stderr, without a newline (the answer follows on the same line). */
  ask(question: string): void {
    this.io.stderr.write(this.safe(question))
  }

  /**
   * Writes JSON text to stdout, redacted, with what JSON.stringify leaves raw (C1, bidi) escaped:
   * a script parses the same value, a terminal shows it harmlessly.
   */
  writeJsonText(json: string): void {
    this.io.stdout.write(`${escapeJsonForTerminal(this.redact(json.replace(/\n$/, '')))}\n`)
  }

  /** Prints a value as JSON (with `--json`) or through the human formatter. */
  print(value: unknown, human: () => void): void {
    if (this.json) this.writeJsonText(JSON.stringify(value, null, 2))
    else human()
  }

  /** Reports a failure in the chosen form and sets the exit code (1 unless told). */
  fail(error: AppError, exitCode = 1): void {
    this.exitCode = exitCode
    if (this.json) {
      this.writeJsonText(JSON.stringify({ ok: false, error }, null, 2))
    } else {
      this.err(`✖ ${error.message}`)
      // The screens' words name menus and buttons; a terminal gets its own where they differ.
      const fix = error.terminalFix ?? error.fix
      if (fix) this.err(`  → ${fix}`)
    }
  }

  /** Turns anything thrown by a command into a printed failure. */
  failWith(e: unknown, exitCode = 1): void {
    this.fail(toAppError(e, this.redact), exitCode)
  }

  redact = (text: string): string => (this.built ? this.built.secrets.redact(text) : text)
}
