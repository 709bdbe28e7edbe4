import { z } from 'zod'
import { CHECK_IDS } from '../doctor/chain'
import { MAX_REPORT_CHARS } from '../doctor/report-limits'
import { FixActions } from './fix-actions'
import { ProfileRef } from '../schemas/profile'
import { FINAL_STATUSES } from '../task/status'
import { defineCall } from './define'
import { AppErrorSchema } from '../result'
import { FinalStatusSchema, TaskId, TaskStatusSchema } from './task'

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

/** The first failing link of a run, named in one sentence. */
export const FirstFailure = z.object({ checkId: z.enum(CHECK_IDS), sentence: z.string() })
export type FirstFailure = z.infer<typeof FirstFailure>

/** One side of a {@link CheckChange}: the link's status then (or now) and only the evidence fields that differ. */
export const CheckChangeSide = z.object({
  status: FinalStatusSchema,
  /** The failure's code (`gateway-unauthorized`…), when the link failed. */
  code: z.string().optional(),
  /** The evidence fields that changed, by dotted path (`webhook.triggers`), with their value on this side. */
  evidence: z.record(z.string(), z.unknown())
})
export type CheckChangeSide = z.infer<typeof CheckChangeSide>

/** A link whose status or evidence changed since the customer's last passing run. */
export const CheckChange = z.object({
  check: z.enum(CHECK_IDS),
  before: CheckChangeSide,
  after: CheckChangeSide
})
export type CheckChange = z.infer<typeof CheckChange>

/**
 * What changed since the customer's last passing run (the last kept run in which nothing failed,
 * not cancelled, not offline): "it worked on Monday; since then the webhook lost
 * conversation:create". `at` is null when none of the kept runs passed.
 */
export const SinceLastPass = z.object({
  /** When the last passing run started, or null. */
  at: z.string().nullable(),
  /** That run's id in the customer's history, to open it. */
  runId: z.string().nullable(),
  /** How many earlier runs were kept to compare with. */
  runsKept: z.number().int().nonnegative(),
  /** The links that changed, in chain order. */
  changes: z.array(CheckChange)
})
export type SinceLastPass = z.infer<typeof SinceLastPass>

/** A whole diagnose run. */
export const DoctorResult = z.object({
  ok: z.boolean(),
  verdict: z.enum(['pass', 'warn', 'fail']),
  profileId: z.string(),
  profileName: z.string(),
  offline: z.boolean(),
  cancelled: z.boolean(),
  firstFailure: FirstFailure.nullable(),
  summary: z.string(),
  checks: z.array(DoctorCheck),
  startedAt: z.string(),
  durationMs: z.number(),
  /**
   * What changed since the customer's last passing run, from its kept history (every run made by
   * this version has it; null when no history could be read, absent in a format-1 report).
   */
  sinceLastPass: SinceLastPass.nullable().optional()
})
export type DoctorResult = z.infer<typeof DoctorResult>

/** The `format` field every support report file carries. */
export const REPORT_FORMAT = 'aissist-zendesk-doctor-report'
/** The report format this version writes: 2 added `result.sinceLastPass`. */
export const REPORT_VERSION = 2

/** The support report: what the guide's "Need help?" asks for, ready to paste into a ticket. */
export const DoctorReport = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
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
  result: DoctorResult.extend({ sinceLastPass: SinceLastPass.nullable() })
})
export type DoctorReport = z.infer<typeof DoctorReport>

/** A format-1 report (before `sinceLastPass`): still read, and shown as what it is. */
export const DoctorReportV1 = DoctorReport.extend({ version: z.literal(1), result: DoctorResult })
export type DoctorReportV1 = z.infer<typeof DoctorReportV1>

/** A report file as read back: the report (in the current format) and where it came from. */
export const OpenedReport = z.object({
  /** The file's name as the user chose it (no folder), when known. */
  fileName: z.string().nullable(),
  /** The format version the file was written in (older ones are brought up to date). */
  formatVersion: z.number().int(),
  report: DoctorReport
})
export type OpenedReport = z.infer<typeof OpenedReport>

/** Where a kept run was started from (the timeline says so). */
export const RUN_SOURCES = ['app', 'app-all', 'cli', 'cli-all'] as const
export type RunSource = (typeof RUN_SOURCES)[number]

/** One kept run of a customer, as the timeline and `doctor history` list it. */
export const HistoryRunSummary = z.object({
  id: z.string(),
  /** When the run started. */
  at: z.string(),
  ok: z.boolean(),
  verdict: z.enum(['pass', 'warn', 'fail']),
  cancelled: z.boolean(),
  offline: z.boolean(),
  firstFailure: FirstFailure.nullable(),
  summary: z.string(),
  durationMs: z.number(),
  source: z.enum(RUN_SOURCES)
})
export type HistoryRunSummary = z.infer<typeof HistoryRunSummary>

/** A customer's last finished (not cancelled) run, for the Customers list and the header. */
export const LastResult = z.object({
  profileId: z.string(),
  at: z.string(),
  ok: z.boolean(),
  verdict: z.enum(['pass', 'warn', 'fail']),
  firstFailure: FirstFailure.nullable()
})
export type LastResult = z.infer<typeof LastResult>

/** The bounds of "Diagnose all": how many customers are diagnosed at once. */
export const DOCTOR_ALL_CONCURRENCY = { min: 1, max: 16, default: 4 } as const

/** One customer of a "Diagnose all" run, pushed live (kind `doctor-all`). */
export const DoctorAllProgress = z.object({
  profileId: z.string(),
  profileName: z.string(),
  /** `pending` until its turn, `running`, then how it ended (`skipped` when cancelled first). */
  status: TaskStatusSchema,
  checksDone: z.number().int().nonnegative(),
  checksTotal: z.number().int().nonnegative(),
  firstFailure: z.object({ checkId: z.enum(CHECK_IDS).nullable(), sentence: z.string() }).nullable(),
  durationMs: z.number().nullable()
})
export type DoctorAllProgress = z.infer<typeof DoctorAllProgress>

/** One customer's line of a finished "Diagnose all". */
export const DoctorAllEntry = z.object({
  id: z.string(),
  name: z.string(),
  ok: z.boolean(),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  status: FinalStatusSchema,
  /** The first broken link; `checkId` null when the diagnose itself could not run. */
  firstFailure: z.object({ checkId: z.enum(CHECK_IDS).nullable(), sentence: z.string() }).nullable(),
  durationMs: z.number(),
  cancelled: z.boolean(),
  /** Why the diagnose could not run at all (the customer's record, the keychain worker…). */
  error: AppErrorSchema.nullable()
})
export type DoctorAllEntry = z.infer<typeof DoctorAllEntry>

/** Every customer diagnosed side by side; `exitCode` is the worst one. */
export const DoctorAllResult = z.object({
  ok: z.boolean(),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  cancelled: z.boolean(),
  concurrency: z.number().int(),
  durationMs: z.number(),
  profiles: z.array(DoctorAllEntry)
})
export type DoctorAllResult = z.infer<typeof DoctorAllResult>

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
  ),
  runDoctorAll: defineCall(
    z
      .object({
        taskId: TaskId,
        concurrency: z.number().int().min(DOCTOR_ALL_CONCURRENCY.min).max(DOCTOR_ALL_CONCURRENCY.max).optional(),
        offline: z.boolean().optional()
      })
      .strict(),
    DoctorAllResult,
    'Diagnose every customer side by side (at most `concurrency` at once, default 4); progress per customer on taskProgress (kind "doctor-all"); cancelling stops every running diagnose.'
  ),
  listLastResults: defineCall(
    z.object({}).strict(),
    z.object({ results: z.array(LastResult) }),
    "Each customer's last finished diagnose (from the kept history): when, the verdict and the first failure."
  ),
  listDoctorHistory: defineCall(
    z.object({ profileRef: ProfileRef }).strict(),
    z.object({ profileId: z.string(), runs: z.array(HistoryRunSummary) }),
    "A customer's kept diagnose runs (the last 50), newest first."
  ),
  getDoctorHistoryRun: defineCall(
    z.object({ profileRef: ProfileRef, runId: z.string().min(1).max(100) }).strict(),
    z.object({ result: DoctorResult }),
    'One kept run of a customer, whole (secret-free), to show read-only.'
  ),
  readReport: defineCall(
    z.object({ text: z.string().max(MAX_REPORT_CHARS), fileName: z.string().max(255).optional() }).strict(),
    z.object({ opened: OpenedReport }),
    "Read a support report file's text (chosen or dropped in the window): validated, older formats brought up to date; never touches the network."
  )
} as const
