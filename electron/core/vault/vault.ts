import { randomUUID } from 'node:crypto'
import {
  apiBase,
  DEFAULT_GATEWAY_URL,
  PROFILE_FIELD_MESSAGES,
  ProfileInput,
  type Profile,
  type ProfilePatch,
  type SecretKind
} from '../../../shared/schemas/profile'
import type { AppError } from '../../../shared/result'
import type { ImportResult, ImportStrategy, KeychainStatus, ProfileView, SecretStatus, VaultStatus } from '../../../shared/contract/vault'
import type { Host } from '../api/host'
import { AppFailure, isAppFailure } from '../errors'
import type { Logger } from '../platform/logger'
import type { SecretRegistry } from '../platform/secret-registry'
import { SecretClipboard } from './clipboard'
import { ProfileStore, type ProfilesDoc } from './profile-store'
import { accountFor, createKeytarSecretStore, parseAccount, type SecretStore, type SecretStoreOptions } from './secret-store'
import { exportProfilesJson, parseExport, typedFields } from './transfer'

export const SECRET_KINDS: SecretKind[] = ['keySecret', 'webhookSecret']

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
    message: `The profile is not valid: ${issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message.replace(/\.$/, '')}`).join('; ')}.`,
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
    const p = await this.findProfile(ref)
    if (!p) throw notFound(ref)
    return p
  }

  /** Creates a profile; its secrets, when given, go to the keychain first (nothing half-made). */
  async createProfile(input: CreateProfileInput): Promise<Profile> {
    const { keySecret, webhookSecret, ...rest } = input
    for (const s of [keySecret, webhookSecret]) this.options.secrets.add(s)
    const fields = validateFields(rest)
    const id = randomUUID()
    const existing = await this.store.read()
    assertNameFree(existing.profiles, fields.name, null)
    const written: SecretKind[] = []
    try {
      for (const [kind, value] of [['keySecret', keySecret], ['webhookSecret', webhookSecret]] as const) {
        if (value) {
          await this.secretStore.set(accountFor(id, kind), value)
          written.push(kind)
        }
      }
      const now = new Date().toISOString()
      const profile: Profile = { ...fields, id, createdAt: now, updatedAt: now }
      await this.store.update((doc) => {
        assertNameFree(doc.profiles, fields.name, null)
        doc.profiles.push(profile)
        if (!doc.activeProfileId) doc.activeProfileId = id
        return { doc, result: undefined }
      })
      this.options.logger.info('profile created', { profileId: id, name: profile.name })
      return profile
    } catch (e) {
      for (const kind of written) await this.secretStore.delete(accountFor(id, kind)).catch(() => undefined)
      throw e
    }
  }

  /** Edits a profile (by id or name); `null` clears an optional field. Validated as a whole. */
  async updateProfile(ref: string, patch: ProfilePatch): Promise<Profile> {
    return this.store.update((doc) => {
      const current = resolveRef(doc.profiles, ref)
      if (!current) throw notFound(ref)
      const merged = applyPatch(current, patch)
      const fields = validateFields(typedFields(merged))
      assertNameFree(doc.profiles, fields.name, current.id)
      const next: Profile = {
        ...fields,
        id: current.id,
        createdAt: current.createdAt,
        updatedAt: new Date().toISOString(),
        ...(merged.webhookId ? { webhookId: merged.webhookId } : {}),
        ...(merged.integrationId ? { integrationId: merged.integrationId } : {})
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
    const removed = await this.store.update((doc) => {
      const p = resolveRef(doc.profiles, ref)
      if (!p) throw notFound(ref)
      doc.profiles = doc.profiles.filter((x) => x.id !== p.id)
      if (doc.activeProfileId === p.id) doc.activeProfileId = null
      return { doc, result: p }
    })
    let secretsDeleted = 0
    try {
      for (const kind of SECRET_KINDS) if (await this.secretStore.delete(accountFor(removed.id, kind))) secretsDeleted++
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
    const p = await this.getProfile(profileId)
    if (kind === 'keySecret') this.options.secrets.add(value, p.keyId)
    if (!value) throw invalid([{ path: ['value'], message: 'The secret is empty.' }])
    await this.secretStore.set(accountFor(p.id, kind), value)
    this.options.logger.info('secret stored', { profileId: p.id, kind })
  }

  /**
   * Reads a secret for core work (Zendesk calls, test events); never for the renderer. Registered
   * for redaction, the key secret with its key ID so the HTTP Basic form is hidden too.
   */
  async getSecret(profileId: string, kind: SecretKind): Promise<string> {
    const p = await this.getProfile(profileId)
    const value = await this.secretStore.get(accountFor(p.id, kind))
    if (!value) {
      throw new AppFailure({
        code: 'credentials-missing',
        message: `The ${KIND_LABEL[kind]} of profile "${p.name}" is not in the keychain (it was never stored, or was removed outside the app).`,
        fix: kind === 'keySecret'
          ? 'Edit the profile and enter the key secret again (Admin Center → Apps and integrations → Conversations API → the key).'
          : 'Run the guided setup again so it can create or read the webhook secret, or enter it in the profile.',
        details: { profileId: p.id, kind }
      })
    }
    this.options.secrets.add(value, kind === 'keySecret' ? p.keyId : undefined)
    return value
  }

  /** Whether a secret is stored: `unavailable` when the keychain cannot be asked. */
  async hasSecret(profileId: string, kind: SecretKind): Promise<SecretStatus> {
    const p = await this.getProfile(profileId)
    try {
      return (await this.secretStore.get(accountFor(p.id, kind))) ? 'present' : 'missing'
    } catch (e) {
      if (isKeychainFailure(e)) return 'unavailable'
      throw e
    }
  }

  /** Removes a profile's secret from the keychain; false when there was none. */
  async deleteSecret(profileId: string, kind: SecretKind): Promise<boolean> {
    const p = await this.getProfile(profileId)
    return this.secretStore.delete(accountFor(p.id, kind))
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

  /** Keychain entries under our service whose profile no longer exists. */
  async listOrphanSecrets(): Promise<{ account: string; profileId: string; kind: string }[]> {
    const [accounts, doc] = await Promise.all([this.secretStore.listAccounts(), this.store.read()])
    const ids = new Set(doc.profiles.map((p) => p.id))
    return accounts.flatMap((account) => {
      const parsed = parseAccount(account)
      if (parsed && ids.has(parsed.profileId)) return []
      return [{ account, profileId: parsed?.profileId ?? '', kind: parsed?.kind ?? 'unknown' }]
    })
  }

  /** Removes one orphan entry; refuses an entry that still belongs to a profile. */
  async removeOrphanSecret(account: string): Promise<boolean> {
    const parsed = parseAccount(account)
    if (parsed && (await this.findProfile(parsed.profileId))?.id === parsed.profileId) {
      throw new AppFailure({
        code: 'not-an-orphan',
        message: `The keychain entry "${account}" belongs to an existing profile.`,
        fix: 'Delete the secret from the profile instead, or delete the profile.'
      })
    }
    return this.secretStore.delete(account)
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
    let accounts: Set<string> | null = null
    try {
      accounts = new Set(await this.secretStore.listAccounts())
    } catch (e) {
      if (!isKeychainFailure(e)) throw e
      // The keychain cannot list: ask each secret in parallel (the store may still hold some, such
      // as the sandbox's made-up secrets kept in memory); the others read "unavailable".
      const ask = (id: string, kind: SecretKind): Promise<SecretStatus> =>
        this.secretStore.get(accountFor(id, kind)).then(
          (v) => (v ? 'present' : 'missing'),
          (x: unknown) => (isKeychainFailure(x) ? 'unavailable' : Promise.reject(x))
        )
      return Promise.all(profiles.map(async (p) => ({ ...p, apiBase: apiBase(p), keySecretStatus: await ask(p.id, 'keySecret'), webhookSecretStatus: await ask(p.id, 'webhookSecret') })))
    }
    const status = (id: string, kind: SecretKind): SecretStatus =>
      accounts === null ? 'unavailable' : accounts.has(accountFor(id, kind)) ? 'present' : 'missing'
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
   * is written and the clashes are returned; `skip`, `rename` or `replace` says what to do.
   * `replace` keeps the existing profile's id, so its keychain entries stay attached.
   */
  async importProfiles(json: string, strategy?: ImportStrategy): Promise<ImportResult> {
    const incoming = parseExport(json)
    return this.store.update((doc) => {
      const result: ImportResult = { imported: [], skipped: [], conflicts: [] }
      const working = [...doc.profiles]
      const plan: { p: Profile; clash: Profile | null; on: 'id' | 'name' }[] = []
      for (const p of incoming) {
        const byId = working.find((x) => x.id === p.id) ?? null
        const byName = working.find((x) => sameName(x.name, p.name)) ?? null
        const clash = byId ?? byName
        plan.push({ p, clash, on: byId ? 'id' : 'name' })
        if (clash) result.conflicts.push({ name: p.name, id: p.id, existingId: clash.id, on: byId ? 'id' : 'name' })
        working.push(p)
      }
      if (result.conflicts.length > 0 && !strategy) return { doc, result }
      const ids = new Set(doc.profiles.map((x) => x.id))
      for (const { p, clash, on } of plan) {
        if (!clash) {
          doc.profiles.push(p)
          ids.add(p.id)
          result.imported.push({ id: p.id, name: p.name })
        } else if (strategy === 'skip') {
          result.skipped.push({ id: p.id, name: p.name, reason: `same ${on} as an existing profile` })
        } else if (strategy === 'rename') {
          const id = ids.has(p.id) ? randomUUID() : p.id
          const name = freeName(doc.profiles, p.name)
          doc.profiles.push({ ...p, id, name })
          ids.add(id)
          result.imported.push({ id, name })
        } else {
          const target = doc.profiles.find((x) => x.id === clash.id)
          const otherNameClash = doc.profiles.find((x) => x.id !== clash.id && sameName(x.name, p.name))
          if (!target || otherNameClash) {
            result.skipped.push({ id: p.id, name: p.name, reason: 'clashes with two existing profiles (one by id, one by name)' })
            continue
          }
          const next: Profile = { ...p, id: target.id, createdAt: target.createdAt }
          doc.profiles = doc.profiles.map((x) => (x.id === target.id ? next : x))
          result.imported.push({ id: target.id, name: p.name })
        }
      }
      if (!doc.activeProfileId && doc.profiles.length) doc.activeProfileId = doc.profiles[0].id
      return { doc, result: { ...result, conflicts: strategy ? result.conflicts : [] } }
    })
  }
}

/** Finds a profile by exact id, then by name in any case. */
export const resolveRef = (profiles: Profile[], ref: string): Profile | null => {
  const r = ref.trim()
  return profiles.find((p) => p.id === r.toLowerCase() || p.id === r) ?? profiles.find((p) => sameName(p.name, r)) ?? null
}

const notFound = (ref: string): AppFailure =>
  new AppFailure({
    code: 'profile-not-found',
    message: `There is no profile named "${ref.slice(0, 200)}" (by name or id).`,
    fix: 'List the profiles (aissist-zd profile list) and use one of their names or ids.'
  })

const assertNameFree = (profiles: Profile[], name: string, selfId: string | null): void => {
  if (profiles.some((p) => p.id !== selfId && sameName(p.name, name))) throw invalid([{ path: ['name'], message: PROFILE_FIELD_MESSAGES.nameTaken }])
}

const freeName = (profiles: Profile[], name: string): string => {
  for (let n = 1; ; n++) {
    const candidate = `${name} (imported${n > 1 ? ` ${n}` : ''})`
    if (!profiles.some((p) => sameName(p.name, candidate))) return candidate
  }
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
