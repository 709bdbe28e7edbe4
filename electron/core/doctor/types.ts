import type { CheckId } from '../../../shared/doctor/chain'
import type { FinalStatus } from '../../../shared/task/status'
import type { Profile } from '../../../shared/schemas/profile'
import type { FixAction } from '../../../shared/fix-actions'
import type { AccountInspection } from '../../../shared/setup/types'
import type { DetailedInspection } from '../setup/inspect'
import type { Services } from '../services'
import type { ZendeskClient } from '../zendesk/client'

/** What one check found; the scheduler adds id, title and duration. */
export interface CheckOutput {
  status: FinalStatus
  message: string
  fix: string
  code?: string
  evidence: Record<string, unknown>
  zendeskMessage?: string
  gatewayMessage?: string
  /** Fixes the app can carry out (buttons beside the finding). */
  actions?: FixAction[]
}

/**
 * What every check may use: the profile, the cancel signal, and the Zendesk client and account
 * inspection shared by every check that needs them (ONE getApp-backed client, ONE inspectAccount).
 */
export interface DoctorEnv {
  services: Services
  profile: Profile
  offline: boolean
  signal: AbortSignal
  /** The client for this profile, built on first use (reads the key secret from the keychain). */
  client(): Promise<ZendeskClient>
  /** The account inspection, read once for every integration check. */
  inspection(): Promise<AccountInspection>
  /** The same read with Zendesk's webhook secret (for comparing it with the stored one; never returned). */
  account(): Promise<DetailedInspection>
  /** Gateway request timeout (Zendesk waits 20 s). */
  gatewayTimeoutMs: number
  /** Connect timeout of the reachability probe. */
  connectTimeoutMs: number
}

/** One check's implementation. */
export type CheckFn = (env: DoctorEnv) => Promise<CheckOutput>

/** The checks by id. */
export type CheckTable = Record<CheckId, CheckFn>
