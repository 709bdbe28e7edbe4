import { arch, platform, release } from 'node:os'
import { REPORT_FORMAT, REPORT_VERSION, type DoctorReport, type DoctorResult } from '../../../shared/contract/doctor'
import { composeRedactors, profileSecretRedactor, redactReport, type Redact } from '../../../shared/doctor/redact-report'
import { renderJson, renderMarkdown } from '../../../shared/doctor/render'
import { apiBase, type Profile, type SecretKind } from '../../../shared/schemas/profile'
import type { Host } from '../api/host'
import { PRODUCT_NAME } from '../platform/paths'
import { APP_VERSION } from '../platform/version'
import type { Services } from '../services'

/**
 * The support report leaves the machine, so it is redacted twice over: by the process's secret
 * registry AND by a redactor built from the profile's own secrets read fresh from the keychain
 * (a secret the process never touched — say, after a restart — is still hidden).
 */
export const reportRedactor = async (services: Services, profile: Profile): Promise<Redact> => {
  const read = async (kind: SecretKind): Promise<string | null> => {
    try {
      return await services.vault.getSecret(profile.id, kind)
    } catch {
      return null
    }
  }
  const [keySecret, webhookSecret] = await Promise.all([read('keySecret'), read('webhookSecret')])
  return composeRedactors(profileSecretRedactor({ keyId: profile.keyId, keySecret, webhookSecret }), services.secrets.redact)
}

/** Builds the report of a finished run: app, OS, the profile without secrets, every check. */
export const buildDoctorReport = async (services: Services, hostKind: Host['kind'], result: DoctorResult): Promise<{ report: DoctorReport; redact: Redact }> => {
  const profile = await services.vault.getProfile(result.profileId)
  const status = async (kind: SecretKind): Promise<string> => {
    try {
      return await services.vault.hasSecret(profile.id, kind)
    } catch {
      return 'unknown'
    }
  }
  const [keyStored, hookStored] = await Promise.all([status('keySecret'), status('webhookSecret')])
  const redact = await reportRedactor(services, profile)
  const report: DoctorReport = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    app: { name: PRODUCT_NAME, version: APP_VERSION, host: hostKind, platform: platform(), arch: arch(), osRelease: release(), node: process.versions.node },
    profile: {
      id: profile.id,
      name: profile.name,
      apiBase: apiBase(profile),
      appId: profile.appId,
      keyId: profile.keyId,
      gatewayUrl: profile.gatewayUrl,
      agentName: profile.agentName,
      avatarUrl: profile.avatarUrl,
      allowPrivate: profile.allowPrivate,
      integrationId: profile.integrationId ?? null,
      webhookId: profile.webhookId ?? null,
      keySecretStored: keyStored,
      webhookSecretStored: hookStored
    },
    result: { ...result, sinceLastPass: result.sinceLastPass ?? null }
  }
  return { report: redactReport(report, redact), redact }
}

/** The report as text in one format, with a final redaction pass over the text itself. */
export const renderReport = (report: DoctorReport, format: 'md' | 'json', redact: Redact): string =>
  redact(format === 'md' ? renderMarkdown(report) : renderJson(report))
