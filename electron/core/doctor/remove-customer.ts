import type { AppError } from '../../../shared/result'
import type { Services } from '../services'
import { deleteDoctorHistory } from './history-store'

/** What deleting a customer removed. */
export interface CustomerRemoval {
  deleted: boolean
  secretsDeleted: number
  /** Whether the customer's kept diagnose runs were there to delete. */
  historyDeleted: boolean
  keychainError?: AppError
}

/**
 * Deletes a customer the one way the app and the command line share: its record, its keychain
 * entries, and its kept diagnose runs, so nothing of a deleted customer lingers in the data folder
 * (a later customer never inherits a timeline that is not its own).
 */
export const removeCustomer = async (services: Services, ref: string): Promise<CustomerRemoval> => {
  const profile = await services.vault.getProfile(ref)
  const r = await services.vault.deleteProfile(profile.id)
  let historyDeleted = false
  try {
    historyDeleted = await deleteDoctorHistory(services.dataDir, profile.id)
  } catch (e) {
    // The customer is gone either way; a history left behind is only disk space.
    services.logger.warn('customer deleted but its diagnose history could not be removed', { profileId: profile.id, error: (e as Error).message })
  }
  return { ...r, historyDeleted }
}
