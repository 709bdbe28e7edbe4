import type { Command } from 'commander'
import { profileNotices, storedProfileIssues, type ProfilePatch } from '../../../../shared/schemas/profile'
import { AppFailure } from '../../../core/errors'
import type { CliRuntime } from '../../runtime'
import { confirm, readSecretFromStdin } from '../../secret-input'
import { addFieldOptions, describeCustomer, explainUnavailable, obtainSecret, printNotices, type FieldOptions } from './fields'

/** The fields given on the command line, as a patch (only what was given changes). */
const patchOf = (opts: FieldOptions): ProfilePatch => {
  const patch: ProfilePatch = {}
  if (opts.name !== undefined) patch.name = opts.name
  if (opts.subdomain !== undefined) patch.subdomain = opts.subdomain
  if (opts.apiUrl !== undefined) patch.apiBaseUrl = opts.apiUrl
  if (opts.appId !== undefined) patch.appId = opts.appId
  if (opts.keyId !== undefined) patch.keyId = opts.keyId
  if (opts.gatewayUrl !== undefined) patch.gatewayUrl = opts.gatewayUrl
  if (opts.agentName !== undefined) patch.agentName = opts.agentName
  if (opts.avatarUrl !== undefined) patch.avatarUrl = opts.avatarUrl
  if (opts.allowPrivate !== undefined) patch.allowPrivate = opts.allowPrivate
  if (opts.notes !== undefined) patch.notes = opts.notes
  return patch
}

const add = async (cli: CliRuntime, opts: FieldOptions): Promise<void> => {
  const keySecret = await obtainSecret(cli, opts.secretStdin, 'Key secret (input hidden; Enter to skip): ')
  const vault = await cli.vault()
  const created = await vault.createProfile({
    name: opts.name ?? '',
    ...(opts.subdomain !== undefined ? { subdomain: opts.subdomain } : {}),
    ...(opts.apiUrl !== undefined ? { apiBaseUrl: opts.apiUrl } : {}),
    appId: opts.appId ?? '',
    keyId: opts.keyId ?? '',
    ...(opts.gatewayUrl !== undefined ? { gatewayUrl: opts.gatewayUrl } : {}),
    ...(opts.agentName !== undefined ? { agentName: opts.agentName } : {}),
    ...(opts.avatarUrl !== undefined ? { avatarUrl: opts.avatarUrl } : {}),
    allowPrivate: Boolean(opts.allowPrivate),
    ...(opts.notes !== undefined ? { notes: opts.notes } : {}),
    ...(keySecret ? { keySecret } : {})
  })
  const [view] = await vault.views([created])
  const notices = profileNotices({ apiBaseUrl: opts.apiUrl, keyId: opts.keyId })
  cli.print({ ok: true, profile: view, notices }, () => {
    printNotices(cli, notices)
    cli.out(`✔ Customer "${view.name}" added (${view.id}).`)
    if (view.keySecretStatus !== 'present') cli.out('  No key secret stored yet: run `aissist-zd customer secret set <customer> --kind key`.')
  })
}

const list = async (cli: CliRuntime): Promise<void> => {
  const vault = await cli.vault()
  const { profiles, activeProfileId } = await vault.listProfiles()
  const views = await vault.views(profiles)
  await explainUnavailable(cli, vault, views.flatMap((v) => [v.keySecretStatus, v.webhookSecretStatus]))
  cli.print({ ok: true, activeProfileId, profiles: views }, () => {
    if (!views.length) return cli.out('No customers yet. Add one with `aissist-zd customer add`.')
    for (const p of views) {
      cli.out(`${p.id === activeProfileId ? '*' : ' '} ${p.name.padEnd(28)} ${p.apiBase.padEnd(40)} app ${p.appId}  key secret: ${p.keySecretStatus}`)
      const issues = storedProfileIssues(p)
      if (issues.length) cli.out(`  ▲ ${issues[0].message} (id ${p.id}; see: aissist-zd customer show ${p.id})`)
    }
  })
}

const show = async (cli: CliRuntime, ref: string): Promise<void> => {
  const vault = await cli.vault()
  const p = await vault.getProfile(ref)
  const active = await vault.getActiveProfile()
  const [view] = await vault.views([p])
  await explainUnavailable(cli, vault, [view.keySecretStatus, view.webhookSecretStatus])
  cli.print({ ok: true, profile: view, active: active?.id === p.id }, () => describeCustomer(cli, view, active?.id === p.id))
}

const edit = async (cli: CliRuntime, ref: string, opts: FieldOptions): Promise<void> => {
  const patch = patchOf(opts)
  const secret = opts.secretStdin ? await readSecretFromStdin(cli.io.stdin) : undefined
  const vault = await cli.vault()
  let updated = await vault.getProfile(ref)
  if (Object.keys(patch).length) updated = await vault.updateProfile(updated.id, patch)
  if (secret) await vault.setSecret(updated.id, 'keySecret', secret)
  const [view] = await vault.views([updated])
  const notices = profileNotices({ apiBaseUrl: opts.apiUrl, keyId: opts.keyId })
  cli.print({ ok: true, profile: view, notices }, () => {
    printNotices(cli, notices)
    cli.out(`✔ Customer "${view.name}" updated.`)
  })
}

const remove = async (cli: CliRuntime, ref: string, opts: { yes?: boolean }): Promise<void> => {
  const services = await cli.services()
  const p = await services.vault.getProfile(ref)
  if (!opts.yes) {
    if (!cli.io.stdin.isTTY) {
      throw new AppFailure({ code: 'confirmation-required', message: `Not deleting customer "${p.name}": there is no terminal to confirm on.`, fix: 'Add --yes to delete without asking.' })
    }
    if (!(await confirm(cli, `Delete customer "${p.name}" and its keychain secrets?`))) {
      cli.print({ ok: true, deleted: false }, () => cli.out('Nothing deleted.'))
      return
    }
  }
  const { removeCustomer } = await import('../../../core/doctor/remove-customer')
  const r = await removeCustomer(services, p.id)
  cli.print({ ok: true, ...r }, () => {
    cli.out(`✔ Customer "${p.name}" deleted (${r.secretsDeleted} keychain entr${r.secretsDeleted === 1 ? 'y' : 'ies'} removed).`)
    if (r.keychainError) cli.err(`▲ Its keychain entries could not be removed: ${r.keychainError.message}`, `  → ${r.keychainError.fix}`)
  })
}

const use = async (cli: CliRuntime, ref: string): Promise<void> => {
  const p = await (await cli.vault()).setActiveProfile(ref)
  cli.print({ ok: true, activeProfileId: p?.id ?? null }, () => cli.out(`✔ Active customer: ${p?.name} (${p?.subdomain ?? p?.apiBaseUrl}, app ${p?.appId}).`))
}

/** `customer add|list|show|edit|remove|use`: the customers themselves. */
export const registerRecordCommands = (customer: Command, cli: CliRuntime): void => {
  addFieldOptions(customer.command('add').description('add a customer (the key secret from a hidden prompt or --secret-stdin)'), false).action((opts: FieldOptions) => add(cli, opts))
  customer
    .command('list')
    .description('list customers (* marks the active one)')
    .action(() => list(cli))
  customer
    .command('show <customer>')
    .description('show one customer (by name or id)')
    .action((ref: string) => show(cli, ref))
  addFieldOptions(customer.command('edit <customer>').description('change fields of a customer; --secret-stdin replaces the key secret'), true).action((ref: string, opts: FieldOptions) => edit(cli, ref, opts))
  customer
    .command('remove <customer>')
    .alias('rm')
    .description('delete a customer and its keychain secrets')
    .option('-y, --yes', 'do not ask for confirmation')
    .action((ref: string, opts: { yes?: boolean }) => remove(cli, ref, opts))
  customer
    .command('use <customer>')
    .description('make a customer the active one')
    .action((ref: string) => use(cli, ref))
}
