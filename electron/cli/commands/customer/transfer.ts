import { readFile, writeFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import type { ImportResult } from '../../../../shared/contract/vault'
import { AppFailure } from '../../../core/errors'
import type { CliRuntime } from '../../runtime'
import { readSecretFromStdin } from '../../secret-input'
import { printNotices } from './fields'

type OnConflict = 'skip' | 'rename' | 'replace'

const exportCustomers = async (cli: CliRuntime, refs: string[], opts: { output?: string }): Promise<void> => {
  const { json, count } = await (await cli.vault()).exportProfiles(refs)
  if (!opts.output) {
    cli.writeJsonText(json)
    return
  }
  await writeFile(opts.output, json, { mode: 0o600 })
  cli.print({ ok: true, count, file: opts.output }, () => cli.out(`✔ ${count} customer(s) exported to ${opts.output}.`))
}

const importCustomers = async (cli: CliRuntime, file: string, opts: { onConflict?: OnConflict }): Promise<void> => {
  const text = file === '-' ? await readSecretFromStdin(cli.io.stdin).catch(() => '') : await readFile(file, 'utf8')
  const r = await (await cli.vault()).importProfiles(text, opts.onConflict)
  if (r.conflicts.length && !opts.onConflict) throw conflictsFailure(r.conflicts)
  cli.print({ ok: true, ...r }, () => {
    printNotices(cli, (r.notices ?? []).map((n) => ({ message: `"${n.name}": ${n.message}` })))
    cli.out(`✔ Imported ${r.imported.length}, skipped ${r.skipped.length}.`)
    for (const s of r.skipped) cli.out(`  skipped "${s.name}": ${s.reason}`)
    for (const d of r.secretsDropped ?? []) cli.out(`  ▲ "${d.name}": ${d.reason}`)
  })
}

/** The clash error of an import without --on-conflict: each clash and what replacing would change. */
const conflictsFailure = (conflicts: ImportResult['conflicts']): AppFailure => {
  const lines = conflicts.slice(0, 20).map((c) => {
    const changes = c.changes?.length ? `; replace would change ${c.changes.join(', ')}` : ''
    const secrets = c.keepsSecrets === false ? ' and remove its stored secrets' : ''
    return `"${c.name}" by ${c.on}${changes}${secrets}`
  })
  const more = conflicts.length > 20 ? `; and ${conflicts.length - 20} more` : ''
  return new AppFailure({
    code: 'import-conflicts',
    message: `Nothing imported: ${conflicts.length} customer(s) clash with existing ones (${lines.join('; ')}${more}).`,
    fix: "Run again with --on-conflict skip, rename or replace. Replace keeps a customer's secrets only when its API and gateway hosts stay the same.",
    details: { conflicts }
  })
}

/** `customer export|import`: customers as JSON, never with their secrets. */
export const registerTransferCommands = (customer: Command, cli: CliRuntime): void => {
  customer
    .command('export [customers...]')
    .description('write customers as JSON, without secrets (all unless named)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((refs: string[], opts: { output?: string }) => exportCustomers(cli, refs, opts))
  customer
    .command('import <file>')
    .description('import customers exported as JSON ("-" reads stdin); clashes need --on-conflict')
    .addOption(new Option('--on-conflict <strategy>', 'what to do with a customer whose name or id exists').choices(['skip', 'rename', 'replace']))
    .action((file: string, opts: { onConflict?: OnConflict }) => importCustomers(cli, file, opts))
}
