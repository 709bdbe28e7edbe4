import { readFile, writeFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import { AppFailure } from '../../../core/errors'
import type { CliRuntime } from '../../runtime'
import { readSecretFromStdin } from '../../secret-input'

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
  if (r.conflicts.length && !opts.onConflict) {
    throw new AppFailure({
      code: 'import-conflicts',
      message: `Nothing imported: ${r.conflicts.length} customer(s) clash with existing ones (${r.conflicts.map((c) => `"${c.name}" by ${c.on}`).join(', ')}).`,
      fix: 'Run again with --on-conflict skip, rename or replace.',
      details: { conflicts: r.conflicts }
    })
  }
  cli.print({ ok: true, ...r }, () => {
    cli.out(`✔ Imported ${r.imported.length}, skipped ${r.skipped.length}.`)
    for (const s of r.skipped) cli.out(`  skipped "${s.name}": ${s.reason}`)
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
