import { CHAIN, SKIPPED_CANCELLED, SKIPPED_OFFLINE, checkDefinition, readiness, skippedForPrerequisite, type CheckId } from '../../../shared/doctor/chain'
import { exitCodeFor, firstFailure, overallVerdict, summaryLine } from '../../../shared/doctor/verdict'
import { redactDeep } from '../../../shared/redact'
import type { DoctorCheck, DoctorProgress, DoctorResult, RunSource } from '../../../shared/contract/doctor'
import type { FinalStatus } from '../../../shared/task/status'
import type { Profile } from '../../../shared/schemas/profile'
import { apiBase } from '../../../shared/schemas/profile'
import { toAppError } from '../errors'
import type { Services } from '../services'
import { clientForProfile } from '../setup/client-for-profile'
import { inspectAccountDetailed, type DetailedInspection } from '../setup/inspect'
import type { ZendeskClient } from '../zendesk/client'
import { CHECKS } from './checks'
import { keepRun } from './keep-run'
import { detectOffline } from './network'
import type { CheckOutput, CheckTable, DoctorEnv } from './types'

export interface RunDoctorOptions {
  /** Treat the machine as offline (tests, a user on a plane who knows). */
  offline?: boolean
  signal?: AbortSignal
  /** Called when a check starts and when it ends (already redacted). */
  onProgress?: (event: DoctorProgress) => void
  /** Gateway request timeout (default 20 s, as Zendesk). */
  gatewayTimeoutMs?: number
  connectTimeoutMs?: number
  /** Replaces some checks (the bench measures each one alone). */
  checks?: Partial<CheckTable>
  /** Only these checks run (the bench's single-check timing); the rest are skipped. */
  only?: readonly CheckId[]
  /**
   * Where the run was started (the timeline says so). Every run is kept in the customer's history
   * and compared with its last passing one, unless `keep` is false or only some checks ran.
   */
  source?: RunSource
  keep?: boolean
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

/** The links of one run as they finish: who runs, who is done, and each finished check. */
class ChainRun {
  readonly results = new Map<CheckId, DoctorCheck>()
  readonly statuses = new Map<CheckId, FinalStatus>()
  private readonly running = new Map<CheckId, Promise<void>>()

  constructor(
    private readonly env: DoctorEnv,
    private readonly table: CheckTable,
    private readonly onProgress?: RunDoctorOptions['onProgress']
  ) {}

  /** Records a finished link, redacted, and reports it. */
  finish(id: CheckId, out: CheckOutput, durationMs: number): void {
    const check: DoctorCheck = redactDeep(
      {
        id,
        title: checkDefinition(id).title,
        status: out.status,
        message: out.message,
        fix: out.fix,
        durationMs: Math.round(durationMs * 10) / 10,
        evidence: out.evidence,
        ...(out.code ? { code: out.code } : {}),
        ...(out.zendeskMessage ? { zendeskMessage: out.zendeskMessage } : {}),
        ...(out.gatewayMessage ? { gatewayMessage: out.gatewayMessage } : {}),
        ...(out.actions?.length ? { actions: out.actions } : {})
      },
      this.env.services.secrets.redact
    )
    this.results.set(id, check)
    this.statuses.set(id, check.status)
    this.onProgress?.({ check, id, status: check.status, message: check.message })
  }

  skip(id: CheckId, message: string, evidence: Record<string, unknown> = {}): void {
    this.finish(id, { status: 'skipped', message, fix: '', evidence }, 0)
  }

  /** Starts a link; a check that throws is a failed link, never a failed run. */
  private start(id: CheckId): void {
    this.onProgress?.({ check: null, id, status: 'running', message: `${checkDefinition(id).title}…` })
    const t0 = performance.now()
    const p = (async () => {
      let out: CheckOutput
      try {
        out = await this.table[id](this.env)
      } catch (e) {
        const err = toAppError(e, this.env.services.secrets.redact)
        out = { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: {} }
      }
      if (this.env.signal.aborted) return
      this.finish(id, out, performance.now() - t0)
    })().finally(() => this.running.delete(id))
    this.running.set(id, p)
  }

  /** Starts (or skips) every link that can go now. */
  private step(only: RunDoctorOptions['only'], offlineReason: string | null): void {
    for (const def of CHAIN) {
      if (this.statuses.has(def.id) || this.running.has(def.id)) continue
      if (only && !only.includes(def.id)) {
        this.skip(def.id, 'skipped: not part of this run')
      } else if (this.env.offline && def.needsNetwork) {
        this.skip(def.id, SKIPPED_OFFLINE, offlineReason ? { reason: offlineReason } : {})
      } else {
        const r = readiness(def.id, this.statuses)
        if (r === 'skip') this.skip(def.id, skippedForPrerequisite(def.id))
        else if (r === 'run') this.start(def.id)
      }
    }
  }

  /** Runs links until every one has finished, nothing more can start, or the run is cancelled. */
  async walk(only: RunDoctorOptions['only'], offlineReason: string | null): Promise<void> {
    const { signal } = this.env
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve()
      else signal.addEventListener('abort', () => resolve(), { once: true })
    })
    while (!signal.aborted) {
      this.step(only, offlineReason)
      if (this.statuses.size === CHAIN.length || this.running.size === 0) break
      await Promise.race([...this.running.values(), aborted])
    }
    for (const def of CHAIN) if (!this.statuses.has(def.id)) this.skip(def.id, signal.aborted ? SKIPPED_CANCELLED : skippedForPrerequisite(def.id))
  }
}

/**
 * Runs the whole chain for one customer: independent links in parallel (keychain, Zendesk, gateway
 * and avatar do not wait for each other), dependent links as soon as what they need has passed, one
 * shared Zendesk client and one account inspection. Never throws for a broken link — that is a
 * verdict — only for a customer that does not exist.
 */
export const runDoctor = async (services: Services, profileRef: string, options: RunDoctorOptions = {}): Promise<DoctorResult> => {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const profile: Profile = await services.vault.getProfile(profileRef)
  const keep = options.keep !== false && !options.only
  // The customer's history is read while the checks run (it is only needed at the end).
  const kept = keep ? keepRun(services, profile) : null
  const signal = options.signal ?? new AbortController().signal
  const hosts = [hostOf(apiBase(profile)), hostOf(profile.gatewayUrl), profile.avatarUrl ? hostOf(profile.avatarUrl) : null].filter((h): h is string => Boolean(h))
  const { offline, reason: offlineReason } = await detectOffline(hosts, options.offline)

  // One client and one inspection for every check that needs them, made on first use.
  const shared: { client: Promise<ZendeskClient> | null; account: Promise<DetailedInspection> | null } = { client: null, account: null }
  const env: DoctorEnv = {
    services,
    profile,
    offline,
    signal,
    gatewayTimeoutMs: options.gatewayTimeoutMs ?? 20_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    client: () => (shared.client ??= clientForProfile(services, profile.id).then((r) => r.client)),
    account: () => (shared.account ??= env.client().then((c) => inspectAccountDetailed(c, profile, { signal }))),
    inspection: () => env.account().then((a) => a.inspection)
  }
  const run = new ChainRun(env, { ...CHECKS, ...options.checks }, options.onProgress)
  try {
    await run.walk(options.only, offlineReason ?? null)
  } finally {
    void shared.client?.then((c) => c.close()).catch(() => undefined)
  }

  const cancelled = signal.aborted
  const checks = CHAIN.flatMap((d) => run.results.get(d.id) ?? [])
  const verdict = overallVerdict(checks)
  const result: DoctorResult = {
    ok: verdict !== 'fail' && !cancelled,
    verdict,
    profileId: profile.id,
    profileName: profile.name,
    offline,
    cancelled,
    firstFailure: firstFailure(checks),
    summary: summaryLine(checks),
    checks,
    startedAt,
    durationMs: Math.round((performance.now() - started) * 10) / 10
  }
  services.logger.info('doctor finished', { profileId: profile.id, verdict, firstFailure: result.firstFailure?.checkId ?? null, offline, cancelled, durationMs: result.durationMs })
  const redacted = redactDeep(result, services.secrets.redact)
  return kept ? kept.finish(redacted, options.source ?? 'app') : redacted
}

/** The CLI's exit code for a result. */
export const doctorExitCode = (r: DoctorResult): 0 | 1 | 2 => (r.cancelled ? 2 : exitCodeFor(r.verdict))
