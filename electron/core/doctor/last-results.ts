import type { DoctorResult } from '../../../shared/contract/doctor'
import type { Services } from '../services'

/**
 * The last run per profile, in memory only, so "Export report" and "Copy report" work from what the
 * user just saw — the renderer never hands a report (or anything that could hold a secret) back.
 */
const stores = new WeakMap<Services, Map<string, DoctorResult>>()

const storeOf = (services: Services): Map<string, DoctorResult> => {
  let s = stores.get(services)
  if (!s) {
    s = new Map()
    stores.set(services, s)
  }
  return s
}

/** Remembers a run (by profile id). */
export const rememberResult = (services: Services, result: DoctorResult): void => {
  storeOf(services).set(result.profileId, result)
}

/** The last run of a profile id, or null. */
export const lastResult = (services: Services, profileId: string): DoctorResult | null => storeOf(services).get(profileId) ?? null
