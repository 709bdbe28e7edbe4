import { readFile, writeFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import type { ProfileView } from '../../../shared/contract/vault'
import type { ProfilePatch, SecretKind } from '../../../shared/schemas/profile'
import { AppFailure, isAppFailure } from '../../core/errors'
import type { CliRuntime } from '../runtime'
import { confirm, promptHidden, readSecretFromStdin } from '../secret-input'
import type { RegisterCommand } from './index'

const EX_USAGE = 64

interface FieldOptions {
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

/** Runs a command body, turning failures into printed errors (usage problems exit 64). */
const run = (cli: CliRuntime, body: (...args: never[]) => Promise<void>) =>
  async (...args: unknown[]): Promise<void> => {
    try {
      await (body as (...a: unknown[]) => Promise<void>)(...args)
    } catch (e) {
      const usage = isAppFailure(e) && ['invalid-input', 'confirmation-required', 'import-conflicts'].includes(e.code)
      cli.failWith(e, usage && e.code !== 'import-conflicts' ? EX_USAGE : 1)
    }
  }

const addFieldOptions = (cmd: Command, forEdit: boolean): Command =>
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

/** Short human lines for one profile. */
const describe = (cli: CliRuntime, p: ProfileView, active: boolean): void => {
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
}

/** The key secret for add/edit: stdin when asked, a hidden prompt on a terminal, else none. */
const obtainSecret = async (cli: CliRuntime, opts: FieldOptions, question: string): Promise<string | undefined> => {
  if (opts.secretStdin) return readSecretFromStdin(cli.io.stdin)
  if (cli.io.stdin.isTTY) return (await promptHidden(cli.io, question)) || undefined
  return undefined
}

const kindOf = (k: string): SecretKind => {
  if (k === 'key' || k === 'keySecret') return 'keySecret'
  if (k === 'webhook' || k === 'webhookSecret') return 'webhookSecret'
  throw new AppFailure({ code: 'invalid-input', message: `--kind must be "key" or "webhook", not "${k}".`, fix: 'Use --kind key or --kind webhook.' })
}

/** `aissist-zd profile …`: the vault on the command line, for support engineers who script. */
export const registerProfileCommand: RegisterCommand = (program, cli) => {
  const profile = program.command('profile').description('manage customer profiles and their keychain secrets')
  const vault = () => cli.getServices().vault
  /** A secret whose presence could not be read gets the keychain's reason and fix on stderr (a locked keyring). */
  const explainUnavailable = async (statuses: string[]): Promise<void> => {
    if (!statuses.includes('unavailable')) return
    const { error } = await vault().keychainStatus()
    if (error) cli.err(`▲ ${error.message}\n  → ${error.fix}`)
  }

  addFieldOptions(profile.command('add').description('add a profile (the key secret from a hidden prompt or --secret-stdin)'), false).action(
    run(cli, async (opts: FieldOptions) => {
      const keySecret = await obtainSecret(cli, opts, 'Key secret (input hidden; Enter to skip): ')
      const created = await vault().createProfile({
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
      const [view] = await vault().views([created])
      cli.print({ ok: true, profile: view }, () => {
        cli.out(`✔ Profile "${view.name}" added (${view.id}).`)
        if (view.keySecretStatus !== 'present') cli.out('  No key secret stored yet: run `aissist-zd profile secret set <profile> --kind key`.')
      })
    })
  )

  profile
    .command('list')
    .description('list profiles (* marks the active one)')
    .action(
      run(cli, async () => {
        const { profiles, activeProfileId } = await vault().listProfiles()
        const views = await vault().views(profiles)
        await explainUnavailable(views.flatMap((v) => [v.keySecretStatus, v.webhookSecretStatus]))
        cli.print({ ok: true, activeProfileId, profiles: views }, () => {
          if (!views.length) return cli.out('No profiles yet. Add one with `aissist-zd profile add`.')
          for (const p of views) {
            cli.out(`${p.id === activeProfileId ? '*' : ' '} ${p.name.padEnd(28)} ${p.apiBase.padEnd(40)} app ${p.appId}  key secret: ${p.keySecretStatus}`)
          }
        })
      })
    )

  profile
    .command('show <profile>')
    .description('show one profile (by name or id)')
    .action(
      run(cli, async (ref: string) => {
        const p = await vault().getProfile(ref)
        const active = await vault().getActiveProfile()
        const [view] = await vault().views([p])
        await explainUnavailable([view.keySecretStatus, view.webhookSecretStatus])
        cli.print({ ok: true, profile: view, active: active?.id === p.id }, () => describe(cli, view, active?.id === p.id))
      })
    )

  addFieldOptions(profile.command('edit <profile>').description('change fields of a profile; --secret-stdin replaces the key secret'), true).action(
    run(cli, async (ref: string, opts: FieldOptions) => {
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
      const secret = opts.secretStdin ? await readSecretFromStdin(cli.io.stdin) : undefined
      let updated = await vault().getProfile(ref)
      if (Object.keys(patch).length) updated = await vault().updateProfile(updated.id, patch)
      if (secret) await vault().setSecret(updated.id, 'keySecret', secret)
      const [view] = await vault().views([updated])
      cli.print({ ok: true, profile: view }, () => cli.out(`✔ Profile "${view.name}" updated.`))
    })
  )

  profile
    .command('remove <profile>')
    .alias('rm')
    .description('delete a profile and its keychain secrets')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(
      run(cli, async (ref: string, opts: { yes?: boolean }) => {
        const p = await vault().getProfile(ref)
        if (!opts.yes) {
          if (!cli.io.stdin.isTTY) {
            throw new AppFailure({
              code: 'confirmation-required',
              message: `Not deleting profile "${p.name}": there is no terminal to confirm on.`,
              fix: 'Add --yes to delete without asking.'
            })
          }
          if (!(await confirm(cli.io, `Delete profile "${p.name}" and its keychain secrets?`))) {
            cli.print({ ok: true, deleted: false }, () => cli.out('Nothing deleted.'))
            return
          }
        }
        const r = await vault().deleteProfile(p.id)
        cli.print({ ok: true, ...r }, () => {
          cli.out(`✔ Profile "${p.name}" deleted (${r.secretsDeleted} keychain entr${r.secretsDeleted === 1 ? 'y' : 'ies'} removed).`)
          if (r.keychainError) cli.err(`▲ Its keychain entries could not be removed: ${r.keychainError.message}\n  → ${r.keychainError.fix}`)
        })
      })
    )

  profile
    .command('use <profile>')
    .description('make a profile the active one')
    .action(
      run(cli, async (ref: string) => {
        const p = await vault().setActiveProfile(ref)
        cli.print({ ok: true, activeProfileId: p?.id ?? null }, () => cli.out(`✔ Active profile: ${p?.name} (${p?.subdomain ?? p?.apiBaseUrl}, app ${p?.appId}).`))
      })
    )

  profile
    .command('export [profiles...]')
    .description('write profiles as JSON, without secrets (all unless named)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      run(cli, async (refs: string[], opts: { output?: string }) => {
        const { json, count } = await vault().exportProfiles(refs)
        if (!opts.output) {
          cli.io.stdout.write(json)
          return
        }
        await writeFile(opts.output, json, { mode: 0o600 })
        cli.print({ ok: true, count, file: opts.output }, () => cli.out(`✔ ${count} profile(s) exported to ${opts.output}.`))
      })
    )

  profile
    .command('import <file>')
    .description('import profiles exported as JSON ("-" reads stdin); clashes need --on-conflict')
    .addOption(new Option('--on-conflict <strategy>', 'what to do with a profile whose name or id exists').choices(['skip', 'rename', 'replace']))
    .action(
      run(cli, async (file: string, opts: { onConflict?: 'skip' | 'rename' | 'replace' }) => {
        const text = file === '-' ? await readSecretFromStdin(cli.io.stdin).catch(() => '') : await readFile(file, 'utf8')
        const r = await vault().importProfiles(text, opts.onConflict)
        if (r.conflicts.length && !opts.onConflict) {
          throw new AppFailure({
            code: 'import-conflicts',
            message: `Nothing imported: ${r.conflicts.length} profile(s) clash with existing ones (${r.conflicts.map((c) => `"${c.name}" by ${c.on}`).join(', ')}).`,
            fix: 'Run again with --on-conflict skip, rename or replace.',
            details: { conflicts: r.conflicts }
          })
        }
        cli.print({ ok: true, ...r }, () => {
          cli.out(`✔ Imported ${r.imported.length}, skipped ${r.skipped.length}.`)
          for (const s of r.skipped) cli.out(`  skipped "${s.name}": ${s.reason}`)
        })
      })
    )

  const secret = profile.command('secret').description('set, delete or check a profile\'s keychain secrets')
  secret
    .command('set <profile>')
    .description('store a secret (hidden prompt, or --stdin)')
    .requiredOption('--kind <kind>', 'key or webhook')
    .option('--stdin', 'read the secret from stdin')
    .action(
      run(cli, async (ref: string, opts: { kind: string; stdin?: boolean }) => {
        const kind = kindOf(opts.kind)
        const value = await obtainSecret(cli, { secretStdin: opts.stdin }, `${kind === 'keySecret' ? 'Key' : 'Webhook'} secret (input hidden): `)
        if (!value) {
          throw new AppFailure({ code: 'invalid-input', message: 'No secret given.', fix: 'Type it at the prompt, or pipe it in with --stdin.' })
        }
        await vault().setSecret(ref, kind, value)
        cli.print({ ok: true, kind: opts.kind, status: 'present' }, () => cli.out(`✔ Stored the ${opts.kind} secret in the keychain.`))
      })
    )
  secret
    .command('delete <profile>')
    .requiredOption('--kind <kind>', 'key or webhook')
    .action(
      run(cli, async (ref: string, opts: { kind: string }) => {
        const deleted = await vault().deleteSecret(ref, kindOf(opts.kind))
        cli.print({ ok: true, deleted }, () => cli.out(deleted ? '✔ Secret deleted.' : 'There was no such secret.'))
      })
    )
  secret
    .command('status <profile>')
    .action(
      run(cli, async (ref: string) => {
        const p = await vault().getProfile(ref)
        const s = { keySecretStatus: await vault().hasSecret(p.id, 'keySecret'), webhookSecretStatus: await vault().hasSecret(p.id, 'webhookSecret') }
        await explainUnavailable([s.keySecretStatus, s.webhookSecretStatus])
        cli.print({ ok: true, ...s }, () => cli.out(`key secret: ${s.keySecretStatus}\nwebhook secret: ${s.webhookSecretStatus}`))
      })
    )

  profile
    .command('orphans')
    .description('list keychain entries whose profile no longer exists')
    .option('--remove', 'remove them')
    .action(
      run(cli, async (opts: { remove?: boolean }) => {
        const orphans = await vault().listOrphanSecrets()
        if (opts.remove) for (const o of orphans) await vault().removeOrphanSecret(o.account)
        cli.print({ ok: true, orphans, removed: Boolean(opts.remove) }, () => {
          if (!orphans.length) return cli.out('No orphan keychain entries.')
          for (const o of orphans) cli.out(`${opts.remove ? 'removed ' : ''}${o.account}`)
        })
      })
    )

  profile
    .command('status')
    .description('keychain status and profiles-file warnings')
    .action(
      run(cli, async () => {
        const s = await vault().status()
        cli.print({ ok: true, ...s }, () => {
          cli.out(`${s.keychain.backend}: ${s.keychain.available ? 'available' : 'unavailable'}`)
          if (s.keychain.error) cli.out(`  ${s.keychain.error.message}\n  → ${s.keychain.error.fix}`)
          cli.out(`profiles file: ${s.profilesFile}`)
          for (const w of s.warnings) cli.out(`▲ ${w.message}\n  → ${w.fix}`)
        })
        if (!s.keychain.available) cli.exitCode = 1
      })
    )
}
