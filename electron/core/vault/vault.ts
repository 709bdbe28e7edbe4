import { randomUUID } from 'node:crypto'
import {
  apiBase,
  DEFAULT_GATEWAY_URL,
  describeFieldIssue,
  PROFILE_FIELD_MESSAGES,
  ProfileInput,
  type Profile,
  type ProfilePatch,
  type SecretKind
} from '../../../shared/schemas/profile'
import type { AppError } from '../../../shared/result'
import type { ImportResult, ImportStrategy, KeychainStatus, OrphanReport, ProfileView, SecretStatus, VaultStatus } from '../../../shared/contract/vault'
import type { Host } from '../api/host'
import { AppFailure, isAppFailure } from '../errors'
import type { Logger } from '../platform/logger'
import type { SecretRegistry } from '../platform/secret-registry'
import { SecretClipboard } from './clipboard'
import { claimLegacySecret, claimLegacySecrets, SECRET_KINDS, sortAccounts } from './keychain-scope'
import { ProfileStore, type ProfilesDoc, type ProfilesSnapshot } from './profile-store'
import { accountFor, createKeytarSecretStore, type SecretStore, type SecretStoreOptions } from './secret-store'
import { exportProfilesJson, parseExport, planImport, typedFields } from './transfer'

export { SECRET_KINDS } from './keychain-scope'

export interface VaultOptions {
  dataDir: string
  keychainService: string
  logger: Logger
  secrets: SecretRegistry
  /** Timeout of each keychain call (default 10 s). */
  keychainTimeoutMs?: number
  /** How long a copied secret stays on the clipboard (default 30 s). */
  clipboardClearMs?: number
  platform?: NodeJS.Platform
  /** Another secret store (tests of the missing-module path); keytar otherwise. */
  secretStore?: SecretStore
  loadKeytar?: SecretStoreOptions['loadKeytar']
}

/** A new profile: the typed fields plus, optionally, its secrets (write-only). */
export type CreateProfileInput = ProfileInput & { keySecret?: string; webhookSecret?: string }

const KIND_LABEL: Record<SecretKind, string> = { keySecret: 'key secret', webhookSecret: 'webhook secret' }

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase()

/** A validation failure the UI can show inline: `details.issues` carries each field's message. */
const invalid = (issues: { path: string[]; message: string }[]): AppFailure =>
  new AppFailure({
    code: 'invalid-input',
    message: `The customer is not valid: ${issues.map((i) => describeFieldIssue(i.path, i.message).replace(/\.$/, '')).join('; ')}.`,
    fix: 'Correct the highlighted values and try again.',
    details: { issues }
  })

const validateFields = (fields: Record<string, unknown>): ReturnType<typeof ProfileInput.parse> => {
  const r = ProfileInput.safeParse(fields)
  if (!r.success) throw invalid(r.error.issues.slice(0, 8).map((i) => ({ path: i.path.map(String), message: i.message })))
  return r.data
}

const isKeychainFailure = (e: unknown): e is AppFailure => isAppFailure(e) && e.code.startsWith('keychain-')

/**
 * The credential vault: profiles in `profiles.json`, their secrets in the OS keychain. The one
 * door to credentials for every feature: `getProfile(ref)`, `getSecret(profileId, kind)`,
 * `setSecret(...)`, `updateProfile(id, patch)`. Everything that needs no secret keeps working
 * when the keychain is unavailable; secret calls fail with the keychain's own error and fix.
 */
export class Vault {
  readonly store: ProfileStore
  readonly secretStore: SecretStore
  readonly clipboard: SecretClipboard

  constructor(private readonly options: VaultOptions) {
    this.store = new ProfileStore({ dataDir: options.dataDir, onEvent: (m, f) => options.logger.warn(m, f) })
    this.secretStore =
      options.secretStore ??
      createKeytarSecretStore({
        service: options.keychainService,
        timeoutMs: options.keychainTimeoutMs,
        platform: options.platform,
        loadKeytar: options.loadKeytar,
        onSecret: (s) => options.secrets.add(s)
      })
    this.clipboard = new SecretClipboard(options.clipboardClearMs)
  }

  // ── profiles ──────────────────────────────────────────────────────────────

  /** All profiles and the active one's id. */
  async listProfiles(): Promise<{ profiles: Profile[]; activeProfileId: string | null }> {
    const doc = await this.store.read()
    return { profiles: doc.profiles, activeProfileId: doc.activeProfileId }
  }

  /** A profile by id or by name (any case), or null. */
  async findProfile(ref: string): Promise<Profile | null> {
    return resolveRef((await this.store.read()).profiles, ref)
  }

  /** A profile by id or by name (any case); throws `profile-not-found` naming the ref. */
  async getProfile(ref: string): Promise<Profile> {
    return (await this.locate(ref)).profile
  }

  /** Creates a profile; its secrets, when given, go to the keychain first (nothing half-made). */
  async createProfile(input: CreateProfileInput): Promise<Profile> {
    const { keySecret, webhookSecret, ...rest } = input
    for (const s of [keySecret, webhookSecret]) this.options.secrets.add(s)
    const fields = validateFields(rest)
    const id = randomUUID()
    const existing = await this.store.read()
    assertNameFree(existing.profiles, fields.name, null)
    const storeId = keySecret || webhookSecret ? await this.ensureStoreId(existing) : existing.storeId
    const written: SecretKind[] = []
    try {
      for (const [kind, value] of [['keySecret', keySecret], ['webhookSecret', webhookSecret]] as const) {
        if (value && storeId) {
          await this.secretStore.set(accountFor(id, kind, storeId), value)
          written.push(kind)
        }
      }
      const now = new Date().toISOString()
      const profile: Profile = { ...fields, id, createdAt: now, updatedAt: now }
      await this.store.update((doc) => {
        // Restored or replaced meanwhile: the secrets were written under the old store's name.
        if (written.length && doc.storeId !== storeId) throw storeChanged(this.store.file)
        assertNameFree(doc.profiles, fields.name, null)
        doc.profiles.push(profile)
        if (!doc.activeProfileId) doc.activeProfileId = id
        return { doc, result: undefined }
      })
      this.options.logger.info('profile created', { profileId: id, name: profile.name })
      return profile
    } catch (e) {
      for (const kind of written) await this.secretStore.delete(accountFor(id, kind, storeId ?? undefined)).catch(() => undefined)
      throw e
    }
  }

  /**
   * Edits a profile (by id or name); `null` clears an optional field. Validated as a whole, so a
   * value stored before a rule tightened (a name with a control character) must be fixed in the
   * same edit; a patch that only records setup's ids (webhookId, integrationId) is not re-judged.
   */
  async updateProfile(ref: string, patch: ProfilePatch): Promise<Profile> {
    return this.store.update((doc) => {
      const current = resolveRef(doc.profiles, ref)
      if (!current) throw notFound(ref)
      const merged = applyPatch(current, patch)
      const now = new Date().toISOString()
      const recordsOnly = Object.keys(patch).every((k) => k === 'webhookId' || k === 'integrationId')
      let next: Profile
      if (recordsOnly) next = { ...merged, updatedAt: now }
      else {
        const fields = validateFields(typedFields(merged))
        assertNameFree(doc.profiles, fields.name, current.id)
        next = {
          ...fields,
          id: current.id,
          createdAt: current.createdAt,
          updatedAt: now,
          ...(merged.webhookId ? { webhookId: merged.webhookId } : {}),
          ...(merged.integrationId ? { integrationId: merged.integrationId } : {})
        }
      }
      doc.profiles = doc.profiles.map((p) => (p.id === current.id ? next : p))
      return { doc, result: next }
    })
  }

  /**
   * Deletes a profile and its keychain entries. When the keychain cannot be reached the profile
   * is still deleted and its entries show up as orphans to remove later.
   */
  async deleteProfile(ref: string): Promise<{ deleted: boolean; secretsDeleted: number; keychainError?: AppError }> {
    const { removed, scope } = await this.store.update((doc) => {
      const p = resolveRef(doc.profiles, ref)
      if (!p) throw notFound(ref)
      doc.profiles = doc.profiles.filter((x) => x.id !== p.id)
      if (doc.activeProfileId === p.id) doc.activeProfileId = null
      return { doc, result: { removed: p, scope: doc } }
    })
    let secretsDeleted = 0
    try {
      for (const kind of SECRET_KINDS) if (await this.deleteEntry(scope, removed.id, kind)) secretsDeleted++
    } catch (e) {
      if (!isKeychainFailure(e)) throw e
      this.options.logger.warn('profile deleted but its keychain entries could not be removed', { profileId: removed.id, code: e.code })
      return { deleted: true, secretsDeleted, keychainError: e.toData() }
    }
    this.options.logger.info('profile deleted', { profileId: removed.id, secretsDeleted })
    return { deleted: true, secretsDeleted }
  }

  /** The profile every action that writes to Zendesk uses, or null when none is chosen. */
  async getActiveProfile(): Promise<Profile | null> {
    const doc = await this.store.read()
    return doc.profiles.find((p) => p.id === doc.activeProfileId) ?? null
  }

  /** Switches the active profile (null: none). */
  async setActiveProfile(ref: string | null): Promise<Profile | null> {
    return this.store.update((doc) => {
      const p = ref === null ? null : resolveRef(doc.profiles, ref)
      if (ref !== null && !p) throw notFound(ref)
      doc.activeProfileId = p?.id ?? null
      return { doc, result: p }
    })
  }

  // ── secrets ───────────────────────────────────────────────────────────────

  /** Stores or replaces a profile's secret in the keychain. */
  async setSecret(profileId: string, kind: SecretKind, value: string): Promise<void> {
    this.options.secrets.add(value)
    const { profile: p, scope } = await this.locate(profileId)
    if (kind === 'keySecret') this.options.secrets.add(value, p.keyId)
    if (!value) throw invalid([{ path: ['value'], message: 'The secret is empty.' }])
    await this.secretStore.set(accountFor(p.id, kind, scope.storeId), value)
    // An older copy under the pre-version-2 name must not come back later.
    if (scope.legacySecrets) await this.secretStore.delete(accountFor(p.id, kind)).catch(() => undefined)
    this.options.logger.info('secret stored', { profileId: p.id, kind })
  }

  /**
   * Reads a secret for core work (Zendesk calls, test events); never for the renderer. Registered
   * for redaction, the key secret with its key ID so the HTTP Basic form is hidden too.
   */
  async getSecret(profileId: string, kind: SecretKind): Promise<string> {
    const { profile: p, scope } = await this.locate(profileId)
    const value = await this.readEntry(scope, p.id, kind)
    if (!value) {
      throw new AppFailure({
        code: 'credentials-missing',
        message: `The ${KIND_LABEL[kind]} of the customer "${p.name}" is not in the keychain (it was never stored, or was removed outside the app).`,
        fix: kind === 'keySecret'
          ? 'Edit the customer and enter the key secret again (Admin Center → Apps and integrations → Conversations API → the key).'
          : 'Run the guided setup again so it can create or read the webhook secret, or enter it on the customer (Customers → Edit).',
        details: { profileId: p.id, kind }
      })
    }
    this.options.secrets.add(value, kind === 'keySecret' ? p.keyId : undefined)
    return value
  }

  /** Whether a secret is stored: `unavailable` when the keychain cannot be asked. */
  async hasSecret(profileId: string, kind: SecretKind): Promise<SecretStatus> {
    const { profile: p, scope } = await this.locate(profileId)
    try {
      return (await this.readEntry(scope, p.id, kind)) ? 'present' : 'missing'
    } catch (e) {
      if (isKeychainFailure(e)) return 'unavailable'
      throw e
    }
  }

  /** Removes a profile's secret from the keychain; false when there was none. */
  async deleteSecret(profileId: string, kind: SecretKind): Promise<boolean> {
    const { profile: p, scope } = await this.locate(profileId)
    return this.deleteEntry(scope, p.id, kind)
  }

  /** Puts a secret on the host's clipboard, cleared after the configured time if still ours. */
  async copySecret(clipboard: Host['clipboard'], profileId: string, kind: SecretKind): Promise<{ clearsAfterMs: number }> {
    const value = await this.getSecret(profileId, kind)
    this.clipboard.copy(clipboard, value)
    return { clearsAfterMs: this.clipboard.clearsAfterMs }
  }

  /** Hosts call this on quit: a secret never stays on the clipboard after the app is gone. */
  clearClipboardIfOurs(): boolean {
    return this.clipboard.clearIfOurs()
  }

  /**
   * This data folder's keychain entries whose profile no longer exists: never another folder's,
   * never one named in a moved-aside profiles file (restoring it must find its secrets).
   */
  async listOrphanSecrets(): Promise<OrphanReport> {
    const doc = await this.store.read()
    let accounts = await this.secretStore.listAccounts()
    if (await this.claimLegacy(doc, accounts)) accounts = await this.secretStore.listAccounts()
    return sortAccounts(accounts, { storeId: doc.storeId, current: new Set(doc.profiles.map((p) => p.id)), aside: await this.store.asideIds() })
  }

  /** Removes one orphan entry; refuses anything that is not one at this moment. */
  async removeOrphanSecret(account: string): Promise<boolean> {
    const { removed, refused } = await this.removeOrphanSecrets([account])
    if (refused.length) {
      throw new AppFailure({
        code: 'not-an-orphan',
        message: `The keychain entry "${account.slice(0, 200)}" is not an orphan of this data folder: it belongs to an existing customer, to a moved-aside customers file, or to another data folder.`,
        fix: 'Delete the secret from its customer instead, or delete the customer. Entries of another data folder are cleaned up from that folder.'
      })
    }
    return removed.length > 0
  }

  /** Removes the given entries that are orphans right now (checked once, against one listing). */
  async removeOrphanSecrets(accounts: string[]): Promise<{ removed: string[]; refused: string[] }> {
    const orphans = new Set((await this.listOrphanSecrets()).orphans.map((o) => o.account))
    const removed: string[] = []
    const refused: string[] = []
    for (const account of accounts) {
      if (!orphans.has(account)) refused.push(account)
      else if (await this.secretStore.delete(account)) removed.push(account)
    }
    if (removed.length) this.options.logger.info('orphan keychain entries removed', { count: removed.length })
    return { removed, refused }
  }

  // ── status, views, transfer ───────────────────────────────────────────────

  /** Whether the OS keychain answers, with the fix when it does not. */
  keychainStatus(): Promise<KeychainStatus> {
    return this.secretStore.status()
  }

  /** Keychain status plus any profiles file found broken and moved aside. */
  async status(): Promise<VaultStatus> {
    const [keychain, warnings] = await Promise.all([this.keychainStatus(), this.store.warnings()])
    return { keychain, profilesFile: this.store.file, warnings }
  }

  /** Profiles as the UI shows them, with each secret's presence from one keychain listing. */
  async views(profiles: Profile[]): Promise<ProfileView[]> {
    const doc = await this.store.read()
    let accounts: Set<string> | null = null
    try {
      let list = await this.secretStore.listAccounts()
      if (await this.claimLegacy(doc, list)) list = await this.secretStore.listAccounts()
      accounts = new Set(list)
    } catch (e) {
      if (!isKeychainFailure(e)) throw e
      // The keychain cannot list: ask each secret in parallel (the store may still hold some, such
      // as the sandbox's made-up secrets kept in memory); the others read "unavailable".
      const ask = (id: string, kind: SecretKind): Promise<SecretStatus> =>
        this.secretStore.get(accountFor(id, kind, doc.storeId ?? undefined)).then(
          (v) => (v ? 'present' : 'missing'),
          (x: unknown) => (isKeychainFailure(x) ? 'unavailable' : Promise.reject(x))
        )
      return Promise.all(profiles.map(async (p) => ({ ...p, apiBase: apiBase(p), keySecretStatus: await ask(p.id, 'keySecret'), webhookSecretStatus: await ask(p.id, 'webhookSecret') })))
    }
    const storeId = doc.storeId ?? undefined
    const has = (id: string, kind: SecretKind): boolean =>
      accounts !== null && (accounts.has(accountFor(id, kind, storeId)) || (Boolean(doc.legacySecrets) && accounts.has(accountFor(id, kind))))
    const status = (id: string, kind: SecretKind): SecretStatus => (accounts === null ? 'unavailable' : has(id, kind) ? 'present' : 'missing')
    return profiles.map((p) => ({ ...p, apiBase: apiBase(p), keySecretStatus: status(p.id, 'keySecret'), webhookSecretStatus: status(p.id, 'webhookSecret') }))
  }

  /** The profiles (all, or the named ones) as export JSON, without secrets. */
  async exportProfiles(refs?: string[]): Promise<{ json: string; count: number }> {
    const { profiles } = await this.listProfiles()
    const chosen = refs?.length
      ? refs.map((r) => {
          const p = resolveRef(profiles, r)
          if (!p) throw notFound(r)
          return p
        })
      : profiles
    return { json: exportProfilesJson(chosen), count: chosen.length }
  }

  /**
   * Imports an export. With clashes (same id, or same name in any case) and no strategy, nothing
   * is written and the clashes are returned, each saying what replacing would change; `skip`,
   * `rename` or `replace` says what to do. `replace` keeps the existing profile's id, and its
   * keychain secrets only when its API and gateway hosts stay (and private addresses stay off):
   * otherwise they are removed before the new content is written, so no secret is ever sent to a
   * host that an import file named.
   */
  async importProfiles(json: string, strategy?: ImportStrategy): Promise<ImportResult> {
    const { profiles: incoming, notices } = parseExport(json)
    const result = await this.store.update(async (doc) => {
      const plan = planImport(doc, incoming, strategy)
      if (!plan.doc) return { doc: null, result: plan.result }
      for (const drop of plan.dropSecrets) await this.dropSecretsForReplace(doc, drop)
      return { doc: plan.doc, result: plan.result }
    })
    if (result.imported.length) this.options.logger.info('profiles imported', { imported: result.imported.length, skipped: result.skipped.length, secretsDropped: result.secretsDropped?.length ?? 0 })
    return notices.length ? { ...result, notices } : result
  }

  // ── keychain entries of this data folder ──────────────────────────────────

  /** One read for the whole call: the profile and the store it lives in. */
  private async locate(ref: string): Promise<{ profile: Profile; scope: ProfilesSnapshot & { storeId: string } }> {
    const doc = await this.store.read()
    const profile = resolveRef(doc.profiles, ref)
    if (!profile) throw notFound(ref)
    // A profile exists only in a written file, and a written file always has its store ID.
    if (!doc.storeId) throw storeChanged(this.store.file)
    return { profile, scope: doc as ProfilesSnapshot & { storeId: string } }
  }

  /** This folder's store ID, writing a new profiles file for it when there is none yet. */
  private async ensureStoreId(doc: ProfilesSnapshot): Promise<string> {
    return doc.storeId ?? this.store.update((d) => ({ doc: null, result: d.storeId }))
  }

  /** A secret under this folder's name, or under its pre-version-2 name (then moved). */
  private async readEntry(scope: ProfilesSnapshot, id: string, kind: SecretKind): Promise<string | null> {
    const value = await this.secretStore.get(accountFor(id, kind, scope.storeId ?? undefined))
    if (value || !scope.legacySecrets || !scope.storeId) return value
    return claimLegacySecret(this.secretStore, scope.storeId, id, kind)
  }

  private async deleteEntry(scope: ProfilesSnapshot, id: string, kind: SecretKind): Promise<boolean> {
    let deleted = scope.storeId ? await this.secretStore.delete(accountFor(id, kind, scope.storeId)) : false
    if (scope.legacySecrets) deleted = (await this.secretStore.delete(accountFor(id, kind))) || deleted
    return deleted
  }

  /**
   * Moves this folder's pre-version-2 secrets to their scoped names, once: when all moved, the
   * profiles file stops saying there may be some. True when something moved. A keychain that
   * cannot be reached leaves it for next time (reads still find the old names meanwhile).
   */
  private async claimLegacy(doc: ProfilesSnapshot, accounts: string[]): Promise<boolean> {
    const storeId = doc.storeId
    if (!doc.legacySecrets || !storeId) return false
    try {
      const moved = await claimLegacySecrets(this.secretStore, storeId, new Set(doc.profiles.map((p) => p.id)), accounts)
      await this.store.update((d) => {
        if (d.storeId !== storeId || !d.legacySecrets) return { doc: null, result: undefined }
        delete d.legacySecrets
        return { doc: d, result: undefined }
      })
      if (moved) this.options.logger.info('keychain entries moved to this data folder\'s names', { count: moved })
      return moved > 0
    } catch (e) {
      if (!isKeychainFailure(e)) throw e
      this.options.logger.warn('older keychain entries could not be moved yet', { code: e.code })
      return false
    }
  }

  /** Removes a replaced profile's secrets before it points at other hosts; the import stops if it cannot. */
  private async dropSecretsForReplace(doc: ProfilesDoc, drop: { id: string; name: string; reason: string }): Promise<void> {
    try {
      for (const kind of SECRET_KINDS) await this.deleteEntry(doc, drop.id, kind)
    } catch (e) {
      if (!isKeychainFailure(e)) throw e
      throw new AppFailure({
        code: 'import-secrets-not-removed',
        message: `Nothing was imported: replacing "${drop.name}" points it at other hosts, so its stored secrets must be removed first, and the keychain could not be reached (${e.message})`,
        fix: `${e.fix} Or import with "rename" instead, which keeps the existing customer and its secrets as they are.`,
        details: { profileId: drop.id }
      })
    }
  }
}

const storeChanged = (file: string): AppFailure =>
  new AppFailure({
    code: 'profiles-store-changed',
    message: `The customers file ${file} was replaced while this was being saved (another data folder's file was restored over it).`,
    fix: 'Try again: the change is made in the file as it is now.'
  })

/** Finds a profile by exact id, then by name in any case. */
export const resolveRef = (profiles: Profile[], ref: string): Profile | null => {
  const r = ref.trim()
  return profiles.find((p) => p.id === r.toLowerCase() || p.id === r) ?? profiles.find((p) => sameName(p.name, r)) ?? null
}

const notFound = (ref: string): AppFailure =>
  new AppFailure({
    code: 'profile-not-found',
    message: `There is no customer named "${ref.slice(0, 200)}" (by name or id).`,
    fix: 'Open Customers and choose one of the customers listed there.',
    terminalFix: 'List the customers (aissist-zd customer list) and use one of their names or ids.'
  })

const assertNameFree = (profiles: Profile[], name: string, selfId: string | null): void => {
  if (profiles.some((p) => p.id !== selfId && sameName(p.name, name))) throw invalid([{ path: ['name'], message: PROFILE_FIELD_MESSAGES.nameTaken }])
}

/** Applies an edit to a stored profile: null clears, and a new host kind replaces the other. */
const applyPatch = (current: Profile, patch: ProfilePatch): Profile & Record<string, unknown> => {
  const next: Record<string, unknown> = { ...current }
  const defaults: Record<string, unknown> = { gatewayUrl: DEFAULT_GATEWAY_URL, agentName: '', avatarUrl: '', notes: '' }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    if (v === null) {
      if (k in defaults) next[k] = defaults[k]
      else delete next[k]
    } else next[k] = v
  }
  if (typeof patch.subdomain === 'string' && patch.apiBaseUrl === undefined) delete next.apiBaseUrl
  if (typeof patch.apiBaseUrl === 'string' && patch.subdomain === undefined) delete next.subdomain
  return next as Profile & Record<string, unknown>
}

/** Re-exported so hosts and tests can name the file format. */
export type { ProfilesDoc }
