import { z } from 'zod'
import { defineCall } from './define'
import { NoInput } from './app'
import { AppErrorSchema } from '../result'
import { Profile, ProfilePatch, ProfileRef, SecretKind, profileFieldsShape } from '../schemas/profile'

/** A secret as it travels renderer→main: write-only, never sent back. */
const SecretValue = z.string().min(1, 'The secret is empty.').max(10_000, 'The secret is longer than 10,000 characters.')

/** Whether a profile's secret is in the keychain; `unavailable` when the keychain cannot be asked. */
export const SecretStatus = z.enum(['present', 'missing', 'unavailable'])
export type SecretStatus = z.infer<typeof SecretStatus>

/** A profile as the UI shows it: the stored fields, the derived API base and each secret's presence. */
export const ProfileView = Profile.extend({
  apiBase: z.string(),
  /** Flat names on purpose: a JSON key named "keySecret" is redacted wherever it is printed. */
  keySecretStatus: SecretStatus,
  webhookSecretStatus: SecretStatus
})
export type ProfileView = z.infer<typeof ProfileView>

/** What the keychain status badge shows: reachable or not, which OS store, and why not. */
export const KeychainStatus = z.object({
  available: z.boolean(),
  backend: z.enum(['Secret Service', 'macOS Keychain', 'Windows Credential Manager']),
  error: AppErrorSchema.optional(),
  /** The built-in sandbox's made-up secrets are kept in memory for this session (the keychain is unavailable). */
  sandboxInMemory: z.boolean().optional()
})
export type KeychainStatus = z.infer<typeof KeychainStatus>

/** The vault's health: keychain, and any profiles file that was found broken and moved aside. */
export const VaultStatus = z.object({
  keychain: KeychainStatus,
  profilesFile: z.string(),
  warnings: z.array(AppErrorSchema)
})
export type VaultStatus = z.infer<typeof VaultStatus>

/** Import never overwrites silently: a clash is reported unless the caller picks what to do. */
export const ImportStrategy = z.enum(['skip', 'rename', 'replace'])
export type ImportStrategy = z.infer<typeof ImportStrategy>

export const ImportConflict = z.object({
  name: z.string(),
  id: z.string(),
  /** Which existing profile it clashes with, and on what. */
  existingId: z.string(),
  on: z.enum(['id', 'name']),
  /** What replacing would change that matters for its secrets (hosts, flags, key), in words. */
  changes: z.array(z.string()).optional(),
  /** Whether `replace` keeps its keychain secrets: only when its API and gateway hosts stay, and private addresses stay off. */
  keepsSecrets: z.boolean().optional()
})
export type ImportConflict = z.infer<typeof ImportConflict>

export const ImportResult = z.object({
  imported: z.array(z.object({ id: z.string(), name: z.string() })),
  skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
  conflicts: z.array(ImportConflict),
  /** Replaced profiles whose secrets were removed because they now point at other hosts. */
  secretsDropped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })).optional(),
  /** Values that were completed or deserve a warning (an API base given without /sc, an account key). */
  notices: z.array(z.object({ name: z.string(), message: z.string() })).optional()
})
export type ImportResult = z.infer<typeof ImportResult>

/**
 * This data folder's keychain entries whose profile no longer exists (the only ones that may be
 * removed), and counts of entries left alone: other data folders', those of a moved-aside profiles
 * file, and entries this folder cannot claim (older names, foreign entries).
 */
export const OrphanReport = z.object({
  orphans: z.array(z.object({ account: z.string(), profileId: z.string(), kind: z.string() })),
  kept: z.object({ otherFolders: z.number(), movedAside: z.number(), unclaimed: z.number() }).optional()
})
export type OrphanReport = z.infer<typeof OrphanReport>

/** Who is on the active profile: what every screen that writes to Zendesk shows in its header. */
export const ActiveProfile = z.object({ profile: ProfileView.nullable() })

const Ref = z.object({ ref: ProfileRef }).strict()

export const vaultCalls = {
  listProfiles: defineCall(NoInput, z.object({ profiles: z.array(ProfileView), activeProfileId: z.string().nullable() }), 'Every profile, with secret presence, and which one is active.'),
  getProfile: defineCall(Ref, z.object({ profile: ProfileView }), 'One profile by id or name (any case).'),
  createProfile: defineCall(
    z
      .object({ ...profileFieldsShape, keySecret: SecretValue.optional(), webhookSecret: SecretValue.optional() })
      .strict(),
    z.object({ profile: ProfileView }),
    'Create a profile; the secrets, if given, go straight to the keychain and are never returned.'
  ),
  updateProfile: defineCall(z.object({ ref: ProfileRef, patch: ProfilePatch }).strict(), z.object({ profile: ProfileView }), 'Edit a profile (null clears an optional field).'),
  deleteProfile: defineCall(Ref, z.object({ deleted: z.boolean(), secretsDeleted: z.number() }), 'Delete a profile and its keychain entries.'),
  setActiveProfile: defineCall(z.object({ ref: ProfileRef.nullable() }).strict(), ActiveProfile, 'Switch the active profile (null: none).'),
  getActiveProfile: defineCall(NoInput, ActiveProfile, 'The profile actions will write to.'),
  setSecret: defineCall(z.object({ ref: ProfileRef, kind: SecretKind, value: SecretValue }).strict(), z.object({ status: SecretStatus }), 'Store or replace a secret in the keychain.'),
  deleteSecret: defineCall(z.object({ ref: ProfileRef, kind: SecretKind }).strict(), z.object({ deleted: z.boolean() }), 'Remove a secret from the keychain.'),
  getSecretStatus: defineCall(Ref, z.object({ keySecretStatus: SecretStatus, webhookSecretStatus: SecretStatus }), 'Whether each secret is in the keychain (never its value).'),
  copySecretToClipboard: defineCall(
    z.object({ ref: ProfileRef, kind: SecretKind }).strict(),
    z.object({ copied: z.literal(true), clearsAfterMs: z.number() }),
    'Copy a secret to the clipboard; cleared after 30 s if it still holds it.'
  ),
  getKeychainStatus: defineCall(NoInput, KeychainStatus, 'Whether the OS keychain answers, with the fix when it does not.'),
  getVaultStatus: defineCall(NoInput, VaultStatus, 'Keychain status and warnings such as a corrupt profiles file moved aside.'),
  listOrphanSecrets: defineCall(NoInput, OrphanReport, 'Keychain entries of this data folder whose profile no longer exists, and what is left alone.'),
  removeOrphanSecret: defineCall(z.object({ account: z.string().min(1).max(300) }).strict(), z.object({ removed: z.boolean() }), 'Remove one orphan keychain entry.'),
  exportProfiles: defineCall(z.object({ refs: z.array(ProfileRef).max(10_000).optional() }).strict(), z.object({ json: z.string(), count: z.number() }), 'Profiles as JSON, without secrets, to hand to a colleague.'),
  importProfiles: defineCall(
    z.object({ json: z.string().min(1).max(20_000_000), strategy: ImportStrategy.optional() }).strict(),
    ImportResult,
    'Import exported profiles; clashes are reported unless a strategy (skip, rename, replace) is given.'
  )
} as const
