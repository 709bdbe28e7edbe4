import type { Command } from 'commander'
import { EX_FAILURE } from '../../exit-codes'
import type { CliRuntime } from '../../runtime'

const orphans = async (cli: CliRuntime, opts: { remove?: boolean }): Promise<void> => {
  const vault = await cli.vault()
  const found = await vault.listOrphanSecrets()
  if (opts.remove) for (const o of found) await vault.removeOrphanSecret(o.account)
  cli.print({ ok: true, orphans: found, removed: Boolean(opts.remove) }, () => {
    if (!found.length) return cli.out('No orphan keychain entries.')
    for (const o of found) cli.out(`${opts.remove ? 'removed ' : ''}${o.account}`)
  })
}

const status = async (cli: CliRuntime): Promise<void> => {
  const s = await (await cli.vault()).status()
  cli.print({ ok: true, ...s }, () => {
    cli.out(`${s.keychain.backend}: ${s.keychain.available ? 'available' : 'unavailable'}`)
    if (s.keychain.error) cli.out(`  ${s.keychain.error.message}`, `  → ${s.keychain.error.fix}`)
    cli.out(`customers file: ${s.profilesFile}`)
    for (const w of s.warnings) cli.out(`▲ ${w.message}`, `  → ${w.fix}`)
  })
  if (!s.keychain.available) cli.exitCode = EX_FAILURE
}

/** `customer orphans|status`: the keychain and the customers file as a whole. */
export const registerKeychainCommands = (customer: Command, cli: CliRuntime): void => {
  customer
    .command('orphans')
    .description('list keychain entries whose customer no longer exists')
    .option('--remove', 'remove them')
    .action((opts: { remove?: boolean }) => orphans(cli, opts))
  customer
    .command('status')
    .description('keychain status and customers-file warnings')
    .action(() => status(cli))
}
