import type { vaultCalls } from '../../../../shared/contract/vault'
import type { HandlerGroup } from '../context'
import { removeCustomer } from '../../doctor/remove-customer'

/**
 * The vault's calls. Secrets only travel inwards (create, setSecret); every answer is built from
 * profile fields and presence flags, so no secret can reach the renderer.
 */
export const vaultHandlers: HandlerGroup<keyof typeof vaultCalls> = {
  listProfiles: async (_i, { services }) => {
    const { profiles, activeProfileId } = await services.vault.listProfiles()
    return { profiles: await services.vault.views(profiles), activeProfileId }
  },
  getProfile: async ({ ref }, { services }) => {
    const [profile] = await services.vault.views([await services.vault.getProfile(ref)])
    return { profile }
  },
  createProfile: async (input, { services }) => {
    const [profile] = await services.vault.views([await services.vault.createProfile(input)])
    return { profile }
  },
  updateProfile: async ({ ref, patch }, { services }) => {
    const [profile] = await services.vault.views([await services.vault.updateProfile(ref, patch)])
    return { profile }
  },
  deleteProfile: async ({ ref }, { services }) => {
    const r = await removeCustomer(services, ref)
    return { deleted: r.deleted, secretsDeleted: r.secretsDeleted }
  },
  setActiveProfile: async ({ ref }, { services }) => {
    const p = await services.vault.setActiveProfile(ref)
    return { profile: p ? (await services.vault.views([p]))[0] : null }
  },
  getActiveProfile: async (_i, { services }) => {
    const p = await services.vault.getActiveProfile()
    return { profile: p ? (await services.vault.views([p]))[0] : null }
  },
  setSecret: async ({ ref, kind, value }, { services }) => {
    await services.vault.setSecret(ref, kind, value)
    return { status: 'present' as const }
  },
  deleteSecret: async ({ ref, kind }, { services }) => ({ deleted: await services.vault.deleteSecret(ref, kind) }),
  getSecretStatus: async ({ ref }, { services }) => {
    const p = await services.vault.getProfile(ref)
    return {
      keySecretStatus: await services.vault.hasSecret(p.id, 'keySecret'),
      webhookSecretStatus: await services.vault.hasSecret(p.id, 'webhookSecret')
    }
  },
  copySecretToClipboard: async ({ ref, kind }, { services, host }) => {
    const { clearsAfterMs } = await services.vault.copySecret(host.clipboard, ref, kind)
    return { copied: true as const, clearsAfterMs }
  },
  getKeychainStatus: async (_i, { services }) => services.vault.keychainStatus(),
  getVaultStatus: async (_i, { services }) => services.vault.status(),
  listOrphanSecrets: async (_i, { services }) => services.vault.listOrphanSecrets(),
  removeOrphanSecret: async ({ account }, { services }) => ({ removed: await services.vault.removeOrphanSecret(account) }),
  exportProfiles: async ({ refs }, { services }) => services.vault.exportProfiles(refs),
  importProfiles: async ({ json, strategy }, { services }) => services.vault.importProfiles(json, strategy)
}
