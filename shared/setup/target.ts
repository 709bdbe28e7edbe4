import { apiBase, type Profile } from '../schemas/profile'
import type { WriteTargetInfo } from './types'

/** The account a write goes to, as every output names it. */
export const writeTargetOf = (profile: Pick<Profile, 'name' | 'subdomain' | 'apiBaseUrl' | 'appId'>): WriteTargetInfo => ({
  customer: profile.name,
  account: profile.subdomain ? `${profile.subdomain}.zendesk.com` : apiBase(profile),
  appId: profile.appId
})

/** "Acme — acme.zendesk.com, app ID 5f…": the words every write message ends with. */
export const targetWords = (t: WriteTargetInfo): string => `${t.customer} — ${t.account}, app ID ${t.appId}`
