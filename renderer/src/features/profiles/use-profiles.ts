import { useCallback, useEffect, useState } from 'react'
import type { ProfileView, VaultStatus } from '../../../../shared/contract/vault'
import type { AppError } from '../../../../shared/result'
import { call } from '../../lib/api'

export interface ProfilesState {
  profiles: ProfileView[]
  activeProfileId: string | null
  /** Which profile is the built-in sandbox's (to label it), or null. */
  sandboxProfileId: string | null
  vault: VaultStatus | null
  loading: boolean
  error: AppError | null
  reload(): Promise<void>
}

/** The customer list, the vault's health and the sandbox marker, read together so the screen agrees with itself. */
export const useProfiles = (): ProfilesState => {
  const [state, setState] = useState<Omit<ProfilesState, 'reload'>>({ profiles: [], activeProfileId: null, sandboxProfileId: null, vault: null, loading: true, error: null })
  const reload = useCallback(async () => {
    const [list, vault, sandbox] = await Promise.all([call('listProfiles', {}), call('getVaultStatus', {}), call('getSandboxStatus', {})])
    setState({
      profiles: list.ok ? list.value.profiles : [],
      activeProfileId: list.ok ? list.value.activeProfileId : null,
      sandboxProfileId: sandbox.ok ? sandbox.value.profileId : null,
      vault: vault.ok ? vault.value : null,
      loading: false,
      error: !list.ok ? list.error : !vault.ok ? vault.error : null
    })
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { ...state, reload }
}
