import type { Command } from 'commander'
import type { CliRuntime } from '../runtime'

/** Fills in one top-level command (named and described from its entry): options, subcommands, actions. */
export type RegisterCommand = (command: Command, cli: CliRuntime) => void

/** One top-level command, as `--help` lists it before anything of it is loaded. */
export interface CommandEntry {
  name: string
  /** Older names that keep working (`profile` for `customer`). */
  aliases?: readonly string[]
  /** One line for `--help`. */
  summary: string
  /** Exit codes this command documents for particular core error codes (the rest: `exitCodeFor`). */
  errorExits?: Readonly<Record<string, number>>
  /** The command's module, imported only when the command runs (or its own help is asked for). */
  load(): Promise<{ register: RegisterCommand }>
}

/**
 * Every top-level command, in the order `--help` lists them. A static table, so `--help` and
 * `--version` load nothing but commander, and each command loads only its own module and what that
 * uses: `avatar rewrite` never loads sharp, undici, keytar or zod. Each capability adds one entry.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'customer',
    aliases: ['profile'],
    summary: 'manage customers (their Zendesk account, app and gateway) and their keychain secrets',
    load: () => import('./customer/index')
  },
  {
    name: 'sandbox',
    summary: 'run a local simulated Zendesk, Aissist gateway and image host (Ctrl-C stops it)',
    load: () => import('./sandbox')
  },
  {
    name: 'avatar',
    summary: 'check an agent avatar URL, or rewrite a share link to a direct image link',
    load: () => import('./avatar')
  },
  {
    name: 'setup',
    summary: 'create or repair the Aissist integration in Zendesk, step by step (shows the plan first; exit 0 when configured; --plan: 0 nothing to change, 3 changes pending)',
    errorExits: { 'profile-not-found': 2 },
    load: () => import('./setup')
  },
  {
    name: 'events',
    summary: 'send Zendesk-shaped webhook test events to the gateway and explain the answers',
    errorExits: { 'invalid-payload': 64 },
    load: () => import('./events')
  },
  {
    name: 'doctor',
    summary: 'check every link (keychain → Zendesk → integration → gateway → agent → channel bot); exit 0 all pass, 1 warnings, 2 failed',
    load: () => import('./doctor')
  },
  {
    name: 'report',
    summary: 'read a support report file someone sent (offline): the chain it recorded; exit 0/1/2 from its result',
    // A file that is not a readable report is bad input data (sysexits EX_DATAERR / EX_NOINPUT),
    // never 1 or 2, which are the report's own result.
    errorExits: {
      'report-file-not-found': 66,
      'report-file-unreadable': 66,
      'report-too-large': 65,
      'report-empty': 65,
      'report-markdown': 65,
      'report-malformed': 65,
      'report-truncated': 65,
      'report-foreign': 65,
      'report-unknown-version': 65,
      'report-newer-version': 65,
      'report-newer-checks': 65,
      'report-invalid': 65
    },
    load: () => import('./report')
  }
]

/** The entry of a top-level command, by its name or an alias. */
export const commandEntry = (name: string): CommandEntry | undefined => COMMANDS.find((c) => c.name === name || c.aliases?.includes(name))
