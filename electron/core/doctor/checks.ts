import { checkAgentName } from '../../../shared/avatar/agent-name'
import { verdictOf } from '../../../shared/avatar/problems'
import { rewriteAvatarUrl } from '../../../shared/avatar/rewrite'
import { apiBase } from '../../../shared/schemas/profile'
import type { AppError } from '../../../shared/result'
import { checkAvatar } from '../avatar/check-avatar'
import { toAppError } from '../errors'
import { probeGatewayHead, sendWebhookEvent, type GatewayResponse } from '../gateway/send-event'
import { buildTestEvent } from '../gateway/test-event'
import { readSandboxMarker } from '../sandbox/marker'
import { SANDBOX_MEMORY_LABEL } from '../vault/sandbox-routing-store'
import { probeConnect } from './network'
import type { CheckOutput, CheckTable, DoctorEnv } from './types'

/**
 * The twelve links of the chain, each a small function over the shared {@link DoctorEnv}. They run
 * the checks the other capabilities provide (vault, Zendesk client, account inspection, gateway
 * sender, avatar checker) and only phrase the verdict; none of them throws for a broken link.
 */

const ADMIN_KEYS = 'Admin Center → Apps and integrations → Conversations API'

/** Zendesk's own error titles, verbatim, from a client error. */
const zendeskMessageOf = (e: AppError): string | undefined => {
  const errors = (e.details?.errors ?? []) as { code?: string; title?: string }[]
  const text = errors.map((x) => (x.title ? `${x.code ?? ''}: ${x.title}`.replace(/^: /, '') : x.code ?? '')).filter(Boolean).join('; ')
  return text || undefined
}

const failFrom = (e: unknown, env: DoctorEnv, evidence: Record<string, unknown> = {}): CheckOutput => {
  const err = toAppError(e, env.services.secrets.redact)
  const zendeskMessage = zendeskMessageOf(err)
  const details = err.details ?? {}
  return {
    status: 'fail',
    message: err.message,
    fix: err.fix,
    code: err.code,
    evidence: {
      ...evidence,
      ...('request' in details ? { request: details.request } : {}),
      ...('status' in details ? { status: details.status } : {}),
      ...('networkCode' in details ? { networkCode: details.networkCode } : {}),
      ...('attempts' in details ? { attempts: details.attempts } : {})
    },
    ...(zendeskMessage ? { zendeskMessage } : {})
  }
}

const gatewayEvidence = (r: GatewayResponse): Record<string, unknown> => ({
  request: `${r.request.method} ${r.request.url}`,
  status: r.status,
  totalMs: Math.round(r.timings.totalMs),
  ...(r.redirect ? { redirect: r.redirect.location } : {}),
  ...(r.headers['content-type'] ? { contentType: r.headers['content-type'] } : {}),
  ...(r.headers.server ? { server: r.headers.server } : {}),
  zendeskView: r.zendeskView.verdict
})

const bodyText = (r: GatewayResponse): string | undefined => {
  const t = r.body.trim()
  return t ? (t.length > 500 ? `${t.slice(0, 500)}…` : t) : undefined
}

/** True when the profile is the built-in sandbox's (the data folder's sandbox marker names it). */
const isSandboxProfile = async (env: DoctorEnv): Promise<boolean> => (await readSandboxMarker(env.services.dataDir))?.profileId === env.profile.id

const keychain: CheckTable['keychain'] = async (env) => {
  const s = await env.services.vault.keychainStatus()
  if (s.available) return { status: 'pass', message: `The ${s.backend} answers.`, fix: '', evidence: { backend: s.backend } }
  // The sandbox's made-up secrets never need the keychain: a broken keychain is not its broken link.
  if (s.sandboxInMemory && (await isSandboxProfile(env))) {
    return {
      status: 'pass',
      message: `Not used for the sandbox: its made-up secrets are kept in memory for this session. Real customers' secrets need the ${s.backend}, which is unavailable here.`,
      fix: '',
      evidence: { backend: s.backend, keychainAvailable: false, keychainError: s.error?.code ?? 'keychain-unavailable', sandboxSecrets: SANDBOX_MEMORY_LABEL }
    }
  }
  return {
    status: 'fail',
    message: s.error?.message ?? `The ${s.backend} does not answer.`,
    fix: s.error?.fix ?? 'Unlock or start the OS keychain and try again.',
    code: s.error?.code ?? 'keychain-unavailable',
    evidence: { backend: s.backend }
  }
}

const credentialsPresent: CheckTable['credentials-present'] = async (env) => {
  const { services, profile } = env
  const [key, hook] = await Promise.all([services.vault.hasSecret(profile.id, 'keySecret'), services.vault.hasSecret(profile.id, 'webhookSecret')])
  const evidence = { keyId: profile.keyId, keySecretStored: key, webhookSecretStored: hook }
  if (key === 'unavailable' || hook === 'unavailable') {
    const s = await services.vault.keychainStatus()
    return { status: 'fail', message: s.error?.message ?? 'The keychain could not be read.', fix: s.error?.fix ?? 'Unlock the OS keychain.', code: s.error?.code ?? 'keychain-unavailable', evidence }
  }
  if (key === 'missing') {
    return {
      status: 'fail',
      message: `The key secret of customer "${profile.name}" is not in the keychain`,
      fix: `Edit the customer and enter the key secret of key ${profile.keyId} again (${ADMIN_KEYS}).`,
      code: 'credentials-missing',
      evidence
    }
  }
  if (hook === 'missing') {
    return {
      status: 'fail',
      message: `The webhook secret of customer "${profile.name}" is not in the keychain, so test events cannot prove the gateway accepts it`,
      fix: 'Run the guided setup again (it keeps the webhook secret Zendesk returns), or paste the secret into the customer on the Customers screen.',
      code: 'credentials-missing',
      evidence
    }
  }
  const inMemory = (await isSandboxProfile(env)) && (await services.vault.keychainStatus()).sandboxInMemory
  if (inMemory) {
    return { status: 'pass', message: `The key secret and the webhook secret of "${profile.name}" are kept in memory for this session (the sandbox's made-up secrets).`, fix: '', evidence: { ...evidence, storedIn: SANDBOX_MEMORY_LABEL } }
  }
  return { status: 'pass', message: `The key secret and the webhook secret of "${profile.name}" are stored in the keychain.`, fix: '', evidence }
}

const zendeskReachable: CheckTable['zendesk-reachable'] = async ({ profile, signal, connectTimeoutMs }) => {
  const base = apiBase(profile)
  const p = await probeConnect(base, { timeoutMs: connectTimeoutMs, signal })
  const evidence: Record<string, unknown> = { apiBase: base, host: p.host, port: p.port, addresses: p.addresses, ...(p.tls ? { tls: p.tls } : {}), connectMs: Math.round(p.durationMs) }
  if (p.connected && !p.error) {
    return {
      status: 'pass',
      message: `${p.host} resolves to ${p.addresses.join(', ')} and accepts a ${p.protocol === 'https' ? `TLS connection (${p.tls?.protocol ?? 'TLS'})` : 'connection'} on port ${p.port}.`,
      fix: '',
      evidence
    }
  }
  const dns = p.dnsError !== null
  const tls = p.errorCode === 'TLS_UNTRUSTED'
  return {
    status: 'fail',
    message: p.error ?? `${p.host} cannot be reached.`,
    fix: dns
      ? `Check the subdomain (${profile.subdomain ?? p.host}) for typos and that this network resolves ${p.host}.`
      : tls
        ? 'A proxy or firewall is intercepting HTTPS: ask IT to allow the Zendesk API host, or install its root certificate.'
        : `Check the network, VPN or firewall: ${p.host}:${p.port} must be reachable from this machine${profile.apiBaseUrl ? ', and the API base URL must be right' : ''}.`,
    code: dns ? 'zendesk-dns' : tls ? 'zendesk-tls' : 'zendesk-unreachable',
    evidence: { ...evidence, errorCode: p.errorCode }
  }
}

const credentialsValid: CheckTable['credentials-valid'] = async (env) => {
  try {
    const client = await env.client()
    const app = await client.getApp({ signal: env.signal })
    return {
      status: 'pass',
      message: `Zendesk accepts key ${env.profile.keyId} for app ${app.displayName ? `"${app.displayName}" ` : ''}(${app.id}).`,
      fix: '',
      evidence: { request: `GET /v2/apps/${env.profile.appId}`, appId: app.id, ...(app.displayName ? { appName: app.displayName } : {}) }
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

const integrationPresent: CheckTable['integration-present'] = async (env) => {
  try {
    const i = await env.inspection()
    if (!i.integration) {
      return {
        status: 'fail',
        message: 'No Aissistant_Conversation_Integration exists in this Zendesk app',
        fix: 'Run the guided setup to create it (or create it in Admin Center → Apps and integrations → Conversations API → Create integration).',
        code: 'integration-missing',
        evidence: { appId: i.app.id, recordedIntegrationId: env.profile.integrationId ?? null }
      }
    }
    return {
      status: 'pass',
      message: `${i.integration.displayName} exists (${i.integration.id}).`,
      fix: '',
      evidence: { integrationId: i.integration.id, displayName: i.integration.displayName, webhookId: i.integration.webhook?.id ?? null }
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

const webhookSettings: CheckTable['webhook-settings'] = async (env) => {
  try {
    const i = await env.inspection()
    const w = i.integration?.webhook ?? null
    const evidence = { webhook: w, expectedTarget: env.profile.gatewayUrl, drift: i.drift.map((d) => ({ field: d.field, expected: d.expected, actual: d.actual })) }
    if (w && i.drift.length === 0) {
      return { status: 'pass', message: `The webhook sends ${w.triggers.join(' and ')} to ${w.target} with full user and full source.`, fix: '', evidence }
    }
    const messages = i.drift.length ? i.drift.map((d) => d.message.replace(/\.+$/, '')) : ['The integration has no webhook']
    return {
      status: 'fail',
      message: messages.join('; '),
      fix: 'Run the guided setup to repair the webhook (it changes only what differs), or fix it by hand in Admin Center → Apps and integrations → Conversations API → the integration → Webhook.',
      code: w ? 'webhook-drift' : 'webhook-missing',
      evidence
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

const noDuplicates: CheckTable['no-duplicates'] = async (env) => {
  try {
    const i = await env.inspection()
    if (i.duplicates.length === 0) return { status: 'pass', message: 'Only one integration sends to the gateway.', fix: '', evidence: { duplicates: [] } }
    const d = i.duplicates
    return {
      status: 'fail',
      message: `${d.length} other integration${d.length === 1 ? '' : 's'} or webhook${d.length === 1 ? '' : 's'} also deliver to the gateway (${d.map((x) => `${x.displayName} ${x.integrationId}: ${x.reason}`).join('; ')}), so customers may get every AI reply twice`,
      fix: 'Run the guided setup and confirm removing the duplicates, or delete them in Admin Center → Apps and integrations → Conversations API.',
      code: 'duplicate-integration',
      evidence: { duplicates: d }
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

const gatewayHead: CheckTable['gateway-head'] = async ({ profile, signal, gatewayTimeoutMs, services }) => {
  let r: GatewayResponse
  try {
    r = await probeGatewayHead({ url: profile.gatewayUrl, allowPrivate: profile.allowPrivate, timeoutMs: gatewayTimeoutMs, signal })
  } catch (e) {
    const err = toAppError(e, services.secrets.redact)
    return { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: { url: profile.gatewayUrl } }
  }
  const evidence = gatewayEvidence(r)
  const gatewayMessage = bodyText(r)
  if (r.error) return { status: 'fail', message: r.error.message, fix: r.error.fix, code: r.error.code, evidence, ...(gatewayMessage ? { gatewayMessage } : {}) }
  if (r.redirect) {
    return { status: 'fail', message: `The gateway answers HEAD with a redirect (HTTP ${r.status}) to ${r.redirect.location}; Zendesk does not follow redirects`, fix: `Set the customer's gateway URL to the final address (${r.redirect.location}) and run setup again.`, code: 'gateway-redirect', evidence }
  }
  if (r.status !== null && r.status >= 500) {
    return { status: 'fail', message: `The gateway answers HEAD ${profile.gatewayUrl} with HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`, fix: r.zendeskView.fix ?? 'The gateway is failing: check the Aissist status page or contact Aissist support with this report.', code: 'gateway-error', evidence, ...(gatewayMessage ? { gatewayMessage } : {}) }
  }
  return { status: 'pass', message: `The gateway answers HEAD with HTTP ${r.status} in ${Math.round(r.timings.totalMs)} ms.`, fix: '', evidence }
}

const testEvents: CheckTable['test-events'] = async ({ services, profile, signal, gatewayTimeoutMs }) => {
  let secret: string
  try {
    secret = await services.vault.getSecret(profile.id, 'webhookSecret')
  } catch (e) {
    const err = toAppError(e, services.secrets.redact)
    return { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: {} }
  }
  const sent: Record<string, unknown>[] = []
  for (const type of ['conversation:create', 'conversation:message'] as const) {
    const payload = buildTestEvent(profile, { type, text: 'Aissist diagnose: test message, please ignore.' })
    let r: GatewayResponse
    try {
      r = await sendWebhookEvent({ url: profile.gatewayUrl, secret, payload, timeoutMs: gatewayTimeoutMs, allowPrivate: profile.allowPrivate, signal })
    } catch (e) {
      const err = toAppError(e, services.secrets.redact)
      return { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: { sent } }
    }
    const ev = { type, ...gatewayEvidence(r) }
    sent.push(ev)
    if (r.zendeskView.verdict !== 'accepted') {
      const unauthorized = r.status === 401 || r.status === 403
      const gatewayMessage = bodyText(r)
      return {
        status: 'fail',
        message: unauthorized
          ? `The gateway answers ${type} sent with the stored webhook secret with HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${gatewayMessage ? ` ("${gatewayMessage}")` : ''}; Zendesk would drop every message`
          : `${type}: ${r.error?.message ?? `HTTP ${r.status}`}. ${r.zendeskView.message}`,
        fix: unauthorized
          ? 'The webhook secret in the keychain differs from the one the gateway knows: run the guided setup again so Zendesk and Aissist share the same secret, or paste the secret from Aissist into the customer on the Customers screen.'
          : r.zendeskView.fix ?? r.error?.fix ?? 'Check the gateway URL and the gateway\'s status.',
        code: unauthorized ? 'gateway-unauthorized' : r.error?.code ?? `gateway-${r.zendeskView.verdict}`,
        evidence: { sent },
        ...(gatewayMessage ? { gatewayMessage } : {})
      }
    }
  }
  return { status: 'pass', message: 'The gateway accepts conversation:create and conversation:message signed with the stored webhook secret.', fix: '', evidence: { sent } }
}

const agentName: CheckTable['agent-name'] = async ({ profile }) => {
  const problems = checkAgentName(profile.agentName)
  const evidence = { agentName: profile.agentName, problems: problems.map((p) => p.code) }
  if (problems.length === 0) return { status: 'pass', message: `Chat shows "${profile.agentName.trim()}" above the AI replies.`, fix: '', evidence }
  const blocking = problems.some((p) => p.code === 'agent-name-empty' || p.code === 'agent-name-whitespace')
  return { status: blocking ? 'fail' : 'warn', message: problems.map((p) => p.message.replace(/\.+$/, '')).join('; '), fix: problems.map((p) => p.fix).join(' '), code: problems[0].code, evidence }
}

const avatar: CheckTable['avatar'] = async ({ profile, offline, signal }) => {
  const url = profile.avatarUrl.trim()
  if (!url) {
    return { status: 'warn', message: 'No avatar URL is set: chat shows a default picture beside the AI replies', fix: 'Add a public image URL (jpg or png, at least 128 px square) to the customer.', code: 'avatar-empty', evidence: {} }
  }
  if (offline) {
    const rw = rewriteAvatarUrl(url)
    const evidence = { inputUrl: url, checkedUrl: rw.to, rewritten: rw.changed, host: rw.host, problems: rw.problems.map((p) => p.code) }
    if (rw.problems.length) {
      const v = verdictOf(rw.problems)
      return { status: v === 'needs-attention' ? 'warn' : 'fail', message: rw.problems.map((p) => p.message.replace(/\.+$/, '')).join('; '), fix: rw.problems[0].fix, code: rw.problems[0].code, evidence }
    }
    return { status: 'skipped', message: `The link's shape is fine${rw.changed ? ` (it will be used as ${rw.to})` : ''}; fetching it was skipped because this machine is offline.`, fix: '', evidence }
  }
  const r = await checkAvatar(url, { allowPrivate: profile.allowPrivate, signal })
  const evidence = {
    inputUrl: r.inputUrl,
    checkedUrl: r.checkedUrl,
    verdict: r.verdict,
    status: r.status,
    contentType: r.contentType,
    bytes: r.bytes,
    image: r.image,
    redirects: r.redirects.map((h) => ({ url: h.url, status: h.status, ...(h.location ? { location: h.location } : {}) })),
    problems: r.problems.map((p) => p.code)
  }
  if (r.verdict === 'ok' && r.problems.length === 0) {
    return { status: 'pass', message: `The avatar is a public ${r.image?.format ?? 'image'}${r.image ? ` (${r.image.width}×${r.image.height})` : ''}.`, fix: '', evidence }
  }
  const first = r.problems[0]
  return {
    status: r.verdict === 'ok' || r.verdict === 'needs-attention' ? 'warn' : 'fail',
    message: r.problems.map((p) => p.message.replace(/\.+$/, '')).join('; ') || `The avatar check says ${r.verdict}`,
    fix: first?.fix ?? 'Use a public, direct image link.',
    code: first?.code ?? r.verdict,
    evidence
  }
}

const channelBot: CheckTable['channel-bot'] = async (env) => {
  try {
    const i = await env.inspection()
    const cb = i.channelBot
    const evidence = { switchboardId: cb.switchboardId, defaultIntegration: cb.defaultIntegration, aissistIsDefault: cb.aissistIsDefault }
    if (cb.aissistIsDefault) {
      return { status: 'warn', message: cb.message, fix: 'Keep the Zendesk bot or the agent workspace as the default responder and let Aissist answer as a backend agent (Admin Center → AI agents).', code: 'aissist-default-responder', evidence }
    }
    return { status: 'pass', message: cb.message, fix: '', evidence }
  } catch (e) {
    return failFrom(e, env)
  }
}

/** Every check by id. */
export const CHECKS: CheckTable = {
  keychain,
  'credentials-present': credentialsPresent,
  'zendesk-reachable': zendeskReachable,
  'credentials-valid': credentialsValid,
  'integration-present': integrationPresent,
  'webhook-settings': webhookSettings,
  'no-duplicates': noDuplicates,
  'gateway-head': gatewayHead,
  'test-events': testEvents,
  'agent-name': agentName,
  avatar,
  'channel-bot': channelBot
}
