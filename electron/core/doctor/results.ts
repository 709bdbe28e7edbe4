import type { DoctorResult } from '../../../shared/contract/doctor'

/**
 * The last diagnose run per customer, in memory only and owned by the process's `Services`, so
 * "Export report" and "Copy report" work from what the user just saw — the renderer never hands a
 * report (or anything that could hold a secret) back.
 */
export class DoctorResults {
  private readonly byProfile = new Map<string, DoctorResult>()

  /** Remembers a run as its customer's last. */
  remember(result: DoctorResult): void {
    this.byProfile.set(result.profileId, result)
  }

  /** The last run of a customer (by profile id), or null. */
  last(profileId: string): DoctorResult | null {
    return this.byProfile.get(profileId) ?? null
  }
}
