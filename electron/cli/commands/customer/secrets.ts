import type { Command } from 'commander'
import { AppFailure } from '../../../core/errors'
import type { CliRuntime } from '../../runtime'
import { explainUnavailable, kindOf, obtainSecret } from './fields'

const setSecret = async (cli: CliRuntime, ref: string, opts: { kind: string; stdin?: boolean }): Promise<void> => {
  const kind = kindOf(opts.kind)
  const value = await obtainSecret(cli, opts.stdin, `${kind === 'keySecret' ? 'Key' : 'Webhook'} secret (input hidden): `)
  if (!value) throw new AppFailure({ code: 'invalid-input', message: 'No secret given.', fix: 'Type it at the prompt, or pipe it in with --stdin.' })
  await (await cli.vault()).setSecret(ref, kind, value)
  cli.print({ ok: true, kind: opts.kind, status: 'present' }, () => cli.out(`✔ Stored the ${opts.kind} secret in the keychain.`))
}

const deleteSecret = async (cli: CliRuntime, ref: string, opts: { kind: string }): Promise<void> => {
  const deleted = await (await cli.vault()).deleteSecret(ref, kindOf(opts.kind))
  cli.print({ ok: true, deleted }, () => cli.out(deleted ? '✔ Secret deleted.' : 'There was no such secret.'))
}

const secretStatus = async (cli: CliRuntime, ref: string): Promise<void> => {
  const vault = await cli.vault()
  const p = await vault.getProfile(ref)
  const s = { keySecretStatus: await vault.hasSecret(p.id, 'keySecret'), webhookSecretStatus: await vault.hasSecret(p.id, 'webhookSecret') }
  await explainUnavailable(cli, vault, [s.keySecretStatus, s.webhookSecretStatus])
  cli.print({ ok: true, ...s }, () => cli.out(`key secret: ${s.keySecretStatus}`, `webhook secret: ${s.webhookSecretStatus}`))
}

/** `customer secret set|delete|status`: a customer's keychain secrets (never printed). */
export const registerSecretCommands = (customer: Command, cli: CliRuntime): void => {
  const secret = customer.command('secret').description("set, delete or check a customer's keychain secrets")
  secret
    .command('set <customer>')
    .description('store a secret (hidden prompt, or --stdin)')
    .requiredOption('--kind <kind>', 'key or webhook')
    .option('--stdin', 'read the secret from stdin')
    .action((ref: string, opts: { kind: string; stdin?: boolean }) => setSecret(cli, ref, opts))
  secret
    .command('delete <customer>')
    .description('delete a secret from the keychain')
    .requiredOption('--kind <kind>', 'key or webhook')
    .action((ref: string, opts: { kind: string }) => deleteSecret(cli, ref, opts))
  secret
    .command('status <customer>')
    .description('say whether each secret is in the keychain')
    .action((ref: string) => secretStatus(cli, ref))
}
