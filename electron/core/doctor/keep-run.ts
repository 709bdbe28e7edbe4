import { randomBytes } from 'node:crypto'
import type { DoctorResult, RunSource } from '../../../shared/contract/doctor'
import { sinceLastPass } from '../../../shared/doctor/changes'
import { newRunId, type StoredRun } from '../../../shared/doctor/history'
import { redactDeep } from '../../../shared/redact'
import type { Profile } from '../../../shared/schemas/profile'
import { toAppError } from '../errors'
import { reportRedactor } from '../report/build-report'
import type { Services } from '../services'
import { appendDoctorRun, readDoctorHistory } from './history-store'

/**
 * The history side of one diagnose run: the customer's earlier runs are read while the checks
 * run; when the run ends it gets its `sinceLastPass` and is kept. Kept runs are redacted as
 * reports are (the process's secrets and the customer's own, read fresh), so the data folder
 * never holds a secret. A history that cannot be read or written never fails the run itself.
 */
export const keepRun = (services: Services, profile: Profile): { finish(result: DoctorResult, source: RunSource): Promise<DoctorResult> } => {
  const earlier = readDoctorHistory(services.dataDir, profile.id).catch((e: unknown) => {
    services.logger.warn('diagnose history could not be read', { profileId: profile.id, code: toAppError(e).code })
    return null
  })
  return {
    finish: async (result, source) => {
      const runs = await earlier
      const redact = await reportRedactor(services, profile)
      const withHistory: DoctorResult = redactDeep({ ...result, sinceLastPass: runs ? sinceLastPass(runs, result) : null }, redact)
      const run: StoredRun = { id: newRunId(result.startedAt, randomBytes(4).toString('hex')), source, result: withHistory }
      try {
        await appendDoctorRun(services.dataDir, run, services.logger)
      } catch (e) {
        const err = toAppError(e, services.secrets.redact)
        services.logger.warn('diagnose run could not be kept in the history', { profileId: profile.id, code: err.code, message: err.message })
      }
      return withHistory
    }
  }
}
