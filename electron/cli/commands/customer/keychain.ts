import type { Command } from 'commander'
import type { OrphanReport } from '../../../../shared/contract/vault'
import { AppFailure } from '../../../core/errors'
import { EX_FAILURE } from '../../exit-codes'
import { confirm } from '../../secret-input'
import type { CliRuntime } from '../../runtime'

const orphans = async (cli: CliRuntime, opts: { remove?: boolean; yes?: boolean }): Promise<void> => {
  const vault = await cli.vault()
  const report = await vault.listOrphanSecrets()
  if (!opts.remove || !report.orphans.length) {
    cli.print({ ok: true, ...report, removed: [] }, () => printOrphans(cli, report, false))
    return
  }
  if (!opts.yes && !(await confirmOrphans(cli, report))) {
    cli.print({ ok: true, ...report, removed: [] }, () => cli.out('Nothing removed.'))
    return
  }
  const { removed, refused } = await vault.removeOrphanSecrets(report.orphans.map((o) => o.account))
  cli.print({ ok: true, ...report, removed, refused }, () => {
    for (const a of removed) cli.out(`removed ${a}`)
    for (const a of refused) cli.out(`kept ${a} (it is no longer an orphan)`)
    cli.out(`✔ ${removed.length} keychain entr${removed.length === 1 ? 'y' : 'ies'} removed.`)
  })
}

/** The orphans, then what is left alone and why. */
const printOrphans = (cli: CliRuntime, report: OrphanReport, willRemove: boolean): void => {
  if (!report.orphans.length) cli.out('No orphan keychain entries in this data folder.')
  else {
    cli.out(`${willRemove ? 'These keychain entries will be removed' : 'Keychain entries of this data folder without a customer'} (${report.orphans.length}):`)
    for (const o of report.orphans) cli.out(`  ${o.account}  (${o.kind === 'keySecret' ? 'key secret' : 'webhook secret'} of deleted customer ${o.profileId})`)
  }
  const k = report.kept
  if (k && k.otherFolders + k.movedAside + k.unclaimed > 0) {
    cli.out(`Left alone: ${k.otherFolders} of other data folders, ${k.movedAside} of a moved-aside customers file, ${k.unclaimed} not claimed by this folder.`)
  }
}

/** Shows exactly what will be removed, then asks on a terminal; without one, --yes is required. */
const confirmOrphans = async (cli: CliRuntime, report: OrphanReport): Promise<boolean> => {
  const n = report.orphans.length
  if (!cli.io.stdin.isTTY || cli.json) {
    throw new AppFailure({
      code: 'confirmation-required',
      message: `Not removing ${n} keychain entr${n === 1 ? 'y' : 'ies'} without confirmation: ${report.orphans.map((o) => o.account).join(', ')}.`,
      fix: 'Check the list (aissist-zd customer orphans), then add --yes to remove exactly these.',
      details: { orphans: report.orphans }
    })
  }
  printOrphans(cli, report, true)
  return confirm(cli, `Remove these ${n} keychain entr${n === 1 ? 'y' : 'ies'}?`)
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
    .description("list this data folder's keychain entries whose customer no longer exists")
    .option('--remove', 'remove them (lists them first; asks, or needs --yes)')
    .option('-y, --yes', 'with --remove: do not ask for confirmation')
    .action((opts: { remove?: boolean; yes?: boolean }) => orphans(cli, opts))
  customer
    .command('status')
    .description('keychain status and customers-file warnings')
    .action(() => status(cli))
}
