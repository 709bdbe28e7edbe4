import type { OrphanReport } from '../../../shared/contract/vault'
import type { SecretKind } from '../../../shared/schemas/profile'
import { accountFor, parseAccount, type SecretStore } from './secret-store'

export const SECRET_KINDS: SecretKind[] = ['keySecret', 'webhookSecret']

/** What a data folder knows when it sorts the keychain's entries: who it is and whose ids are its own. */
export interface ScopeView {
  /** The folder's store ID; null while it has no profiles file (then nothing is its own). */
  storeId: string | null
  /** Ids of the profiles in `profiles.json`. */
  current: ReadonlySet<string>
  /** Ids found in moved-aside profiles files: restoring one must find its secrets. */
  aside: ReadonlySet<string>
}

/**
 * Sorts every entry under the shared keychain service for one data folder. An orphan is an entry
 * of this folder's store whose profile is neither in `profiles.json` nor in a moved-aside file:
 * the only kind that may ever be removed. Other folders' entries, pre-version-2 names (which any
 * folder may still claim) and foreign entries are counted and left alone.
 */
export const sortAccounts = (accounts: string[], scope: ScopeView): OrphanReport => {
  const report: Required<OrphanReport> = { orphans: [], kept: { otherFolders: 0, movedAside: 0, unclaimed: 0 } }
  for (const account of accounts) {
    const parsed = parseAccount(account)
    if (!parsed) report.kept.unclaimed++
    else if (parsed.storeId === null) {
      if (!scope.current.has(parsed.profileId)) report.kept.unclaimed++
    } else if (parsed.storeId !== scope.storeId) report.kept.otherFolders++
    else if (scope.current.has(parsed.profileId)) continue
    else if (scope.aside.has(parsed.profileId.toLowerCase())) report.kept.movedAside++
    else report.orphans.push({ account, profileId: parsed.profileId, kind: parsed.kind })
  }
  return report
}

/**
 * Moves one pre-version-2 secret (`<profileId>:<kind>`) to this folder's name, never losing it:
 * the new entry is written first (unless one exists already, which is newer and wins), the old
 * one removed after. Returns the secret, or null when there was none under the old name.
 */
export const claimLegacySecret = async (secrets: SecretStore, storeId: string, profileId: string, kind: SecretKind): Promise<string | null> => {
  const legacy = accountFor(profileId, kind)
  const value = await secrets.get(legacy)
  if (!value) return null
  const scoped = accountFor(profileId, kind, storeId)
  const current = await secrets.get(scoped)
  if (!current) await secrets.set(scoped, value)
  await secrets.delete(legacy)
  return current ?? value
}

/**
 * Claims every pre-version-2 secret of this folder's profiles found in a keychain listing. Returns
 * how many were moved; throws (the keychain's error) when one could not be, so the caller keeps
 * looking for old names next time.
 */
export const claimLegacySecrets = async (secrets: SecretStore, storeId: string, ids: ReadonlySet<string>, accounts: string[]): Promise<number> => {
  let moved = 0
  for (const account of accounts) {
    const parsed = parseAccount(account)
    if (!parsed || parsed.storeId !== null || !ids.has(parsed.profileId)) continue
    if (await claimLegacySecret(secrets, storeId, parsed.profileId, parsed.kind)) moved++
  }
  return moved
}
