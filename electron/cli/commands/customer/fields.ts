import { Option, type Command } from 'commander'
import type { ProfileView } from '../../../../shared/contract/vault'
import type { Vault } from '../../../core/vault/vault'
import { storedProfileIssues, type SecretKind } from '../../../../shared/schemas/profile'
import { AppFailure } from '../../../core/errors'
import type { CliRuntime } from '../../runtime'
import { promptHidden, readSecretFromStdin } from '../../secret-input'

/** The options `customer add` and `customer edit` share: one per field of a customer. */
export interface FieldOptions {
  name?: string
  subdomain?: string
  apiUrl?: string
  appId?: string
  keyId?: string
  gatewayUrl?: string
  agentName?: string
  avatarUrl?: string
  allowPrivate?: boolean
  notes?: string
  secretStdin?: boolean
}

/** Adds an option per field; `forEdit` also shows `--no-allow-private` (turning it off). */
export const addFieldOptions = (cmd: Command, forEdit: boolean): Command =>
  cmd
    .option('--name <name>', 'customer name (unique, any case)')
    .option('--subdomain <subdomain>', 'Zendesk subdomain ("acme" or acme.zendesk.com)')
    .option('--api-url <url>', 'explicit API base URL instead of a subdomain (legacy regions, the sandbox)')
    .option('--app-id <id>', 'Sunshine Conversations app ID (24 hex characters)')
    .option('--key-id <id>', 'API key ID (app_… or act_…)')
    .option('--gateway-url <url>', 'Aissist gateway webhook URL')
    .option('--agent-name <name>', 'agent display name')
    .option('--avatar-url <url>', 'agent avatar URL')
    .option('--allow-private', 'allow private and loopback addresses (the sandbox)')
    .addOption(new Option('--no-allow-private', 'disallow private addresses').hideHelp(!forEdit))
    .option('--notes <text>', 'free notes')
    .option('--secret-stdin', 'read the key secret from stdin (never from the command line)')

/** Short human lines for one customer (values escaped by `cli.out`, like everything printed). */
export const describeCustomer = (cli: CliRuntime, p: ProfileView, active: boolean): void => {
  cli.out(`${active ? '* ' : ''}${p.name}`)
  cli.out(`  id:           ${p.id}`)
  cli.out(`  API base:     ${p.apiBase}`)
  cli.out(`  app ID:       ${p.appId}`)
  cli.out(`  key ID:       ${p.keyId}`)
  cli.out(`  key secret:   ${p.keySecretStatus}`)
  cli.out(`  webhook secret: ${p.webhookSecretStatus}`)
  cli.out(`  gateway:      ${p.gatewayUrl}`)
  if (p.agentName) cli.out(`  agent name:   ${p.agentName}`)
  if (p.avatarUrl) cli.out(`  avatar:       ${p.avatarUrl}`)
  if (p.allowPrivate) cli.out('  private addresses allowed')
  if (p.webhookId) cli.out(`  webhook ID:   ${p.webhookId}`)
  if (p.notes) cli.out(`  notes:        ${p.notes}`)
  for (const i of storedProfileIssues(p)) cli.out(`  ▲ ${i.message} Fix it with: aissist-zd customer edit ${p.id} --${FLAG_OF[i.field] ?? i.field} …`)
}

/** The option that sets each field, for the fix a flagged customer shows. */
const FLAG_OF: Record<string, string> = { name: 'name', subdomain: 'subdomain', apiBaseUrl: 'api-url', appId: 'app-id', keyId: 'key-id', gatewayUrl: 'gateway-url', agentName: 'agent-name', avatarUrl: 'avatar-url', notes: 'notes' }

/** Lines about accepted values worth a word (an API base completed with /sc, an account key). */
export const printNotices = (cli: CliRuntime, notices: { message: string }[]): void => {
  for (const n of notices) cli.err(`ℹ ${n.message}`)
}

/** A secret from stdin when asked, else a hidden prompt on a terminal, else none. */
export const obtainSecret = async (cli: CliRuntime, fromStdin: boolean | undefined, question: string): Promise<string | undefined> => {
  if (fromStdin) return readSecretFromStdin(cli.io.stdin)
  if (cli.io.stdin.isTTY) return (await promptHidden(cli, question)) || undefined
  return undefined
}

/** `--kind key|webhook` (or the stored names) → the secret's kind. */
export const kindOf = (k: string): SecretKind => {
  if (k === 'key' || k === 'keySecret') return 'keySecret'
  if (k === 'webhook' || k === 'webhookSecret') return 'webhookSecret'
  throw new AppFailure({ code: 'invalid-input', message: `--kind must be "key" or "webhook", not "${k}".`, fix: 'Use --kind key or --kind webhook.' })
}

/** A secret whose presence could not be read gets the keychain's reason and fix on stderr (a locked keyring). */
export const explainUnavailable = async (cli: CliRuntime, vault: Vault, statuses: string[]): Promise<void> => {
  if (!statuses.includes('unavailable')) return
  const { error } = await vault.keychainStatus()
  if (error) cli.err(`▲ ${error.message}`, `  → ${error.fix}`)
}
