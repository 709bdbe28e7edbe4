import type { Readable, Writable } from 'node:stream'
import type { AppError } from '../../shared/result'
import { toAppError } from '../core/errors'
import { createServices, type Services } from '../core/services'

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
 * What a command needs from the CLI around it: the streams, lazily built services (so `--help`
 * never touches the keychain or the disk), output in human or JSON form, and the exit code.
 */
export class CliRuntime {
  exitCode = 0
  private services: Services | null = null
  globals: GlobalOptions = {}

  constructor(readonly io: CliIO) {}

  /** The core services, built on first use with the global options. */
  getServices(): Services {
    if (!this.services) {
      this.services = createServices({
        dataDir: this.globals.dataDir ?? this.io.env.AISSIST_DATA_DIR ?? undefined,
        keychainService: this.io.env.AISSIST_KEYCHAIN_SERVICE || undefined,
        verbose: this.globals.verbose,
        // Keychain fixes in a terminal's words (the headless recipe), not the app's menus.
        audience: 'terminal'
      })
    }
    return this.services
  }

  /** Runs the services' shutdown hooks once the command is done (nothing when none were built). */
  async shutdown(): Promise<void> {
    await this.services?.shutdown()
  }

  get json(): boolean {
    return Boolean(this.globals.json)
  }

  /** True when stdout is a terminal a person watches (spinners, colours, prompts). */
  get interactive(): boolean {
    return Boolean(this.io.stdout.isTTY) && !this.json
  }

  /** Writes a line to stdout. */
  out(text = ''): void {
    this.io.stdout.write(`${this.redact(text)}\n`)
  }

  /** Writes a line to stderr. */
  err(text = ''): void {
    this.io.stderr.write(`${this.redact(text)}\n`)
  }

  /** Prints a value as JSON (with `--json`) or through the human formatter. */
  print(value: unknown, human: () => void): void {
    if (this.json) this.out(JSON.stringify(value, null, 2))
    else human()
  }

  /** Reports a failure in the chosen form and sets the exit code (1 unless told). */
  fail(error: AppError, exitCode = 1): void {
    this.exitCode = exitCode
    if (this.json) {
      this.out(JSON.stringify({ ok: false, error }, null, 2))
    } else {
      this.err(`✖ ${error.message}`)
      if (error.fix) this.err(`  → ${error.fix}`)
    }
  }

  /** Turns anything thrown by a command into a printed failure. */
  failWith(e: unknown, exitCode = 1): void {
    this.fail(toAppError(e), exitCode)
  }

  redact = (text: string): string => (this.services ? this.services.secrets.redact(text) : text)
}
