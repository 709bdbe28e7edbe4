import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import type { ProfileView } from '../../../shared/contract/vault'
import type { AppError } from '../../../shared/result'
import { call } from '../lib/api'

interface ActiveProfileState {
  /** The profile every action writes to, or null before one is chosen. */
  profile: ProfileView | null
  loading: boolean
  error: AppError | null
  /** Re-reads the active profile (after an edit, a switch, a setup that stored the webhook id). */
  refresh(): Promise<void>
  /** Switches the active profile. */
  select(ref: string | null): Promise<void>
}

const ActiveProfileContext = createContext<ActiveProfileState>({
  profile: null,
  loading: true,
  error: null,
  refresh: async () => undefined,
  select: async () => undefined
})

/**
 * The active customer, shared by every screen: which account an action will write to must always
 * be visible and the same everywhere.
 */
export const ActiveProfileProvider = ({ children }: { children: ReactNode }) => {
  const [profile, setProfile] = useState<ProfileView | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<AppError | null>(null)
  const refresh = useCallback(async () => {
    const r = await call('getActiveProfile', {})
    setLoading(false)
    if (r.ok) {
      setProfile(r.value.profile)
      setError(null)
    } else setError(r.error)
  }, [])
  const select = useCallback(async (ref: string | null) => {
    const r = await call('setActiveProfile', { ref })
    if (r.ok) {
      setProfile(r.value.profile)
      setError(null)
    } else setError(r.error)
  }, [])
  useEffect(() => {
    void refresh()
  }, [refresh])
  return <ActiveProfileContext.Provider value={{ profile, loading, error, refresh, select }}>{children}</ActiveProfileContext.Provider>
}

/** The active customer and how to change it. */
export const useActiveProfile = (): ActiveProfileState => useContext(ActiveProfileContext)

/** How the UI names the Zendesk account a profile points at: the subdomain, or the API host. */
export const accountLabel = (p: Pick<ProfileView, 'subdomain' | 'apiBase'>): string => {
  if (p.subdomain) return `${p.subdomain}.zendesk.com`
  try {
    return new URL(p.apiBase).host
  } catch {
    return p.apiBase
  }
}
