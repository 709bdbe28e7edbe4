import { z } from 'zod'
import { CHECK_IDS } from '../doctor/chain'
import { FixActions } from './fix-actions'
import { ProfileRef } from '../schemas/profile'
import { FINAL_STATUSES } from '../task/status'
import { defineCall } from './define'
import { FinalStatusSchema, TaskId } from './task'

/** One finished link of the diagnose chain, secret-free (evidence is redacted before it leaves core). */
export const DoctorCheck = z.object({
  id: z.enum(CHECK_IDS),
  title: z.string(),
  status: FinalStatusSchema,
  /** What was found, with any Zendesk or gateway message verbatim. */
  message: z.string(),
  /** What to do; empty when there is nothing to do. */
  fix: z.string(),
  durationMs: z.number(),
  /** Stable code of the failure (`zendesk-unauthorized`, `gateway-unauthorized`…), when there is one. */
  code: z.string().optional(),
  /** What was seen: hosts, addresses, HTTP statuses, ids, settings. Never a secret. */
  evidence: z.record(z.string(), z.unknown()),
  /** Zendesk's own error text (its `errors[].title`), verbatim. */
  zendeskMessage: z.string().optional(),
  /** The gateway's own answer body (trimmed), verbatim. */
  gatewayMessage: z.string().optional(),
  /** Fixes the app can carry out for this finding: buttons on screen, words in the CLI and the report. */
  actions: FixActions.optional()
})
export type DoctorCheck = z.infer<typeof DoctorCheck>

/** A link pushed live: started (`running`, no check yet) or finished with its check. */
export const DoctorProgress = z.object({
  id: z.enum(CHECK_IDS),
  status: z.enum(['running', ...FINAL_STATUSES]),
  message: z.string(),
  check: DoctorCheck.nullable()
})
export type DoctorProgress = z.infer<typeof DoctorProgress>

/** A whole diagnose run. */
export const DoctorResult = z.object({
  ok: z.boolean(),
  verdict: z.enum(['pass', 'warn', 'fail']),
  profileId: z.string(),
  profileName: z.string(),
  offline: z.boolean(),
  cancelled: z.boolean(),
  firstFailure: z.object({ checkId: z.enum(CHECK_IDS), sentence: z.string() }).nullable(),
  summary: z.string(),
  checks: z.array(DoctorCheck),
  startedAt: z.string(),
  durationMs: z.number()
})
export type DoctorResult = z.infer<typeof DoctorResult>

/** The support report: what the guide's "Need help?" asks for, ready to paste into a ticket. */
export const DoctorReport = z.object({
  format: z.literal('aissist-zendesk-doctor-report'),
  version: z.literal(1),
  generatedAt: z.string(),
  app: z.object({ name: z.string(), version: z.string(), host: z.string(), platform: z.string(), arch: z.string(), osRelease: z.string(), node: z.string() }),
  /** The customer's stored record (its profile) without secrets: only whether each secret is stored. */
  profile: z.object({
    id: z.string(),
    name: z.string(),
    apiBase: z.string(),
    appId: z.string(),
    keyId: z.string(),
    gatewayUrl: z.string(),
    agentName: z.string(),
    avatarUrl: z.string(),
    allowPrivate: z.boolean(),
    integrationId: z.string().nullable(),
    webhookId: z.string().nullable(),
    keySecretStored: z.string(),
    webhookSecretStored: z.string()
  }),
  result: DoctorResult
})
export type DoctorReport = z.infer<typeof DoctorReport>

export const ReportFormat = z.enum(['md', 'json', 'both'])
export type ReportFormat = z.infer<typeof ReportFormat>

export const doctorCalls = {
  runDoctor: defineCall(
    z.object({ profileRef: ProfileRef, taskId: TaskId, offline: z.boolean().optional() }).strict(),
    DoctorResult,
    'Check every link of the chain (keychain → Zendesk → integration → gateway → agent → channel bot); progress per check on taskProgress (kind "doctor").'
  ),
  getLastDoctorResult: defineCall(
    z.object({ profileRef: ProfileRef }).strict(),
    z.object({ result: DoctorResult.nullable() }),
    'The last diagnose run of this customer in this session, or null.'
  ),
  exportDoctorReport: defineCall(
    z.object({ profileRef: ProfileRef, format: ReportFormat }).strict(),
    z.object({ saved: z.boolean(), paths: z.array(z.string()) }),
    'Save the last run\'s support report (Markdown and/or JSON, secrets redacted) where the user chooses.'
  ),
  copyDoctorReport: defineCall(
    z.object({ profileRef: ProfileRef, format: z.enum(['md', 'json']).optional() }).strict(),
    z.object({ copied: z.boolean(), chars: z.number() }),
    'Copy the last run\'s support report (Markdown by default, secrets redacted) to the clipboard.'
  )
} as const
