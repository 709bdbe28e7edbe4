import { CHAIN, SKIPPED_CANCELLED, SKIPPED_OFFLINE, readiness, skippedForPrerequisite, type CheckId } from '../../../shared/doctor/chain'
import { exitCodeFor, firstFailure, overallVerdict, summaryLine } from '../../../shared/doctor/verdict'
import { redactDeep } from '../../../shared/redact'
import type { DoctorCheck, DoctorProgress, DoctorResult } from '../../../shared/contract/doctor'
import type { FinalStatus } from '../../../shared/task/status'
import type { Profile } from '../../../shared/schemas/profile'
import type { AccountInspection } from '../../../shared/setup/types'
import { apiBase } from '../../../shared/schemas/profile'
import { toAppError } from '../errors'
import type { Services } from '../services'
import { clientForProfile } from '../setup/client-for-profile'
import { inspectAccount } from '../setup/inspect'
import type { ZendeskClient } from '../zendesk/client'
import { CHECKS } from './checks'
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
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

/**
 * Runs the whole chain for one profile: independent links in parallel (keychain, Zendesk, gateway
 * and avatar do not wait for each other), dependent links as soon as what they need has passed, one
 * shared Zendesk client and one account inspection. Never throws for a broken link — that is a
 * verdict — only for a profile that does not exist.
 */
export const runDoctor = async (services: Services, profileRef: string, options: RunDoctorOptions = {}): Promise<DoctorResult> => {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const profile: Profile = await services.vault.getProfile(profileRef)
  const signal = options.signal ?? new AbortController().signal
  const redact = services.secrets.redact
  const hosts = [hostOf(apiBase(profile)), hostOf(profile.gatewayUrl), profile.avatarUrl ? hostOf(profile.avatarUrl) : null].filter((h): h is string => Boolean(h))
  const { offline, reason: offlineReason } = await detectOffline(hosts, options.offline)

  let clientPromise: Promise<ZendeskClient> | null = null
  let inspectionPromise: Promise<AccountInspection> | null = null
  const env: DoctorEnv = {
    services,
    profile,
    offline,
    signal,
    gatewayTimeoutMs: options.gatewayTimeoutMs ?? 20_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    client: () => (clientPromise ??= clientForProfile(services, profile.id).then((r) => r.client)),
    inspection: () => (inspectionPromise ??= env.client().then((c) => inspectAccount(c, profile, { signal })))
  }
  const table: CheckTable = { ...CHECKS, ...options.checks }
  const results = new Map<CheckId, DoctorCheck>()
  const statuses = new Map<CheckId, FinalStatus>()
  const running = new Map<CheckId, Promise<void>>()

  const finish = (id: CheckId, out: CheckOutput, durationMs: number): void => {
    const def = CHAIN.find((c) => c.id === id)!
    const check: DoctorCheck = redactDeep(
      {
        id,
        title: def.title,
        status: out.status,
        message: out.message,
        fix: out.fix,
        durationMs: Math.round(durationMs * 10) / 10,
        evidence: out.evidence,
        ...(out.code ? { code: out.code } : {}),
        ...(out.zendeskMessage ? { zendeskMessage: out.zendeskMessage } : {}),
        ...(out.gatewayMessage ? { gatewayMessage: out.gatewayMessage } : {})
      },
      redact
    )
    results.set(id, check)
    statuses.set(id, check.status)
    options.onProgress?.({ check, id, status: check.status, message: check.message })
  }

  const skip = (id: CheckId, message: string, evidence: Record<string, unknown> = {}): void => finish(id, { status: 'skipped', message, fix: '', evidence }, 0)

  const start = (id: CheckId): void => {
    options.onProgress?.({ check: null, id, status: 'running', message: `${CHAIN.find((c) => c.id === id)!.title}…` })
    const t0 = performance.now()
    const p = (async () => {
      let out: CheckOutput
      try {
        out = await table[id](env)
      } catch (e) {
        const err = toAppError(e, redact)
        out = { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: {} }
      }
      if (signal.aborted) return
      finish(id, out, performance.now() - t0)
    })().finally(() => running.delete(id))
    running.set(id, p)
  }

  const abortPromise = new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })

  try {
    for (;;) {
      if (signal.aborted) break
      for (const def of CHAIN) {
        if (statuses.has(def.id) || running.has(def.id)) continue
        if (options.only && !options.only.includes(def.id)) {
          skip(def.id, 'skipped: not part of this run')
          continue
        }
        if (offline && def.needsNetwork) {
          skip(def.id, SKIPPED_OFFLINE, offlineReason ? { reason: offlineReason } : {})
          continue
        }
        const r = readiness(def.id, statuses)
        if (r === 'skip') skip(def.id, skippedForPrerequisite(def.id))
        else if (r === 'run') start(def.id)
      }
      if (statuses.size === CHAIN.length) break
      if (running.size === 0) break
      await Promise.race([...running.values(), abortPromise])
    }
  } finally {
    if (clientPromise) void (clientPromise as Promise<ZendeskClient>).then((c) => c.close()).catch(() => undefined)
  }

  const cancelled = signal.aborted
  for (const def of CHAIN) if (!statuses.has(def.id)) skip(def.id, cancelled ? SKIPPED_CANCELLED : skippedForPrerequisite(def.id))
  const checks = CHAIN.map((d) => results.get(d.id)!)
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
  return redactDeep(result, redact)
}

/** The CLI's exit code for a result. */
export const doctorExitCode = (r: DoctorResult): 0 | 1 | 2 => (r.cancelled ? 2 : exitCodeFor(r.verdict))
