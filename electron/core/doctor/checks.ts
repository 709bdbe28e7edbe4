import { checkAgentName } from '../../../shared/avatar/agent-name'
import { verdictOf } from '../../../shared/avatar/problems'
import { rewriteAvatarUrl } from '../../../shared/avatar/rewrite'
import { apiBase } from '../../../shared/schemas/profile'
import {
  RESYNC_SECRET,
  ROTATE_SECRET,
  SHOW_GATEWAY_VALUES,
  actionsOf,
  adminCenterAction,
  editCustomerAction,
  runSetupAction,
  type FixAction
} from '../../../shared/fix-actions'
import { checkAvatar } from '../avatar/check-avatar'
import { toAppError } from '../errors'
import { probeGatewayHead, sendWebhookEvent, type GatewayResponse } from '../gateway/send-event'
import { buildTestEvent } from '../gateway/test-event'
import { readSandboxMarker } from '../sandbox/marker'
import { SANDBOX_MEMORY_LABEL } from '../vault/sandbox-routing-store'
import { compareWebhookSecret, type SecretComparison } from '../setup/webhook-secret'
import { channelBot, integrationPresent, noDuplicates, standbyEvents, webhookSecret, webhookSettings } from './account-checks'
import { failFrom } from './fail-from'
import { probeConnect } from './network'
import type { CheckTable, DoctorEnv } from './types'

/**
 * The links of the chain, each a small function over the shared {@link DoctorEnv} (those that read
 * the account are in `account-checks.ts`). They run
 * the checks the other capabilities provide (vault, Zendesk client, account inspection, gateway
 * sender, avatar checker) and only phrase the verdict; none of them throws for a broken link.
 */

const ADMIN_KEYS = 'Admin Center → Apps and integrations → Conversations API'

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
      evidence,
      actions: actionsOf(editCustomerAction('keySecret'), adminCenterAction(profile.subdomain, 'apiKeys'))
    }
  }
  const inMemory = (await isSandboxProfile(env)) && (await services.vault.keychainStatus()).sandboxInMemory
  if (hook === 'missing' && !profile.webhookId) {
    // Never set up: the missing secret is not the problem, the missing setup is.
    return {
      status: 'fail',
      message: `"${profile.name}" has not been set up yet: the guided setup creates the Aissist webhook in Zendesk and keeps its secret${inMemory ? ' (in memory, for the sandbox)' : ' in the keychain'}, which test events and Diagnose need`,
      fix: 'Run the guided setup for this customer, then Diagnose again.',
      code: 'credentials-missing',
      evidence,
      actions: actionsOf(runSetupAction('apply'))
    }
  }
  if (hook === 'missing') {
    return {
      status: 'fail',
      message: `The webhook secret of customer "${profile.name}" is not ${inMemory ? 'kept in memory for this session' : 'in the keychain'}, so test events cannot prove the gateway accepts it`,
      fix: "Store Zendesk's webhook secret on this computer (Zendesk keeps it readable; the guided setup stores it too), or paste the secret into the customer on the Customers screen.",
      code: 'credentials-missing',
      evidence,
      actions: actionsOf(RESYNC_SECRET, runSetupAction('webhook-secret'))
    }
  }
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
    evidence: { ...evidence, errorCode: p.errorCode },
    ...(dns || !tls ? { actions: [editCustomerAction(profile.apiBaseUrl ? 'apiBaseUrl' : 'subdomain')] } : {})
  }
}

/** What the app can do when Zendesk refuses the key or finds no app: open the fields that decide it. */
const credentialActions = (env: DoctorEnv, code: string): FixAction[] =>
  code === 'zendesk-unauthorized' || code === 'zendesk-forbidden'
    ? actionsOf(editCustomerAction('keyId'), editCustomerAction('keySecret'), adminCenterAction(env.profile.subdomain, 'apiKeys'))
    : code === 'zendesk-not-found'
      ? actionsOf(editCustomerAction('appId'))
      : code === 'zendesk-dns' || code === 'zendesk-redirect' || code === 'zendesk-unexpected-response'
        ? actionsOf(editCustomerAction(env.profile.apiBaseUrl ? 'apiBaseUrl' : 'subdomain'))
        : []

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
    return failFrom(e, env, {}, (err) => credentialActions(env, err.code))
  }
}

const FIX_GATEWAY_URL = editCustomerAction('gatewayUrl')

const gatewayHead: CheckTable['gateway-head'] = async ({ profile, signal, gatewayTimeoutMs, services }) => {
  let r: GatewayResponse
  try {
    r = await probeGatewayHead({ url: profile.gatewayUrl, allowPrivate: profile.allowPrivate, timeoutMs: gatewayTimeoutMs, signal })
  } catch (e) {
    const err = toAppError(e, services.secrets.redact)
    return { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: { url: profile.gatewayUrl }, actions: [FIX_GATEWAY_URL] }
  }
  const evidence = gatewayEvidence(r)
  const gatewayMessage = bodyText(r)
  if (r.error) return { status: 'fail', message: r.error.message, fix: r.error.fix, code: r.error.code, evidence, actions: [FIX_GATEWAY_URL], ...(gatewayMessage ? { gatewayMessage } : {}) }
  if (r.redirect) {
    return {
      status: 'fail',
      message: `The gateway answers HEAD with a redirect (HTTP ${r.status}) to ${r.redirect.location}; Zendesk does not follow redirects`,
      fix: `Set the customer's gateway URL to the final address (${r.redirect.location}) and run setup again.`,
      code: 'gateway-redirect',
      evidence,
      actions: [FIX_GATEWAY_URL]
    }
  }
  if (r.status !== null && r.status >= 500) {
    return { status: 'fail', message: `The gateway answers HEAD ${profile.gatewayUrl} with HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`, fix: r.zendeskView.fix ?? 'The gateway is failing: check the Aissist status page or contact Aissist support with this report.', code: 'gateway-error', evidence, ...(gatewayMessage ? { gatewayMessage } : {}) }
  }
  return { status: 'pass', message: `The gateway answers HEAD with HTTP ${r.status} in ${Math.round(r.timings.totalMs)} ms.`, fix: '', evidence }
}

/** How the stored secret stands against Zendesk's, when the account can be read (for a 401's words and fixes). */
const secretStanding = async (env: DoctorEnv): Promise<SecretComparison | null> => {
  try {
    return await compareWebhookSecret(env.services, env.profile, await env.account())
  } catch {
    return null
  }
}

/** A 401 from the gateway: which secret is wrong decides the fix. */
const unauthorizedFix = (standing: SecretComparison | null): { fix: string; actions: FixAction[] } => {
  if (standing === 'differs') {
    return { fix: "The webhook secret stored on this computer differs from Zendesk's: store Zendesk's, then send the test events again.", actions: actionsOf(RESYNC_SECRET) }
  }
  if (standing === 'same') {
    return {
      fix: "This computer holds Zendesk's webhook secret, so the gateway holds another one: enter the webhook secret in the Aissist gateway (Values for the Aissist gateway), or rotate it and enter the new one there.",
      actions: actionsOf(SHOW_GATEWAY_VALUES, ROTATE_SECRET)
    }
  }
  return {
    fix: "Zendesk, this computer and the Aissist gateway must hold the same webhook secret: store Zendesk's on this computer and enter the same one in the gateway (Values for the Aissist gateway).",
    actions: actionsOf(RESYNC_SECRET, SHOW_GATEWAY_VALUES)
  }
}

const testEvents: CheckTable['test-events'] = async (env) => {
  const { services, profile, signal, gatewayTimeoutMs } = env
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
      return { status: 'fail', message: err.message, fix: err.fix, code: err.code, evidence: { sent }, actions: [FIX_GATEWAY_URL] }
    }
    const ev = { type, ...gatewayEvidence(r) }
    sent.push(ev)
    if (r.zendeskView.verdict !== 'accepted') {
      const unauthorized = r.status === 401 || r.status === 403
      const gatewayMessage = bodyText(r)
      const standing = unauthorized ? await secretStanding(env) : null
      const advice = unauthorized ? unauthorizedFix(standing) : { fix: r.zendeskView.fix ?? r.error?.fix ?? 'Check the gateway URL and the gateway\'s status.', actions: r.zendeskView.actions ?? [] }
      return {
        status: 'fail',
        message: unauthorized
          ? `The gateway answers ${type} sent with the stored webhook secret with HTTP ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${gatewayMessage ? ` ("${gatewayMessage}")` : ''}; Zendesk would drop every message`
          : `${type}: ${r.error?.message ?? `HTTP ${r.status}`}. ${r.zendeskView.message}`,
        fix: advice.fix,
        code: unauthorized ? 'gateway-unauthorized' : r.error?.code ?? `gateway-${r.zendeskView.verdict}`,
        evidence: { sent, ...(standing ? { storedSecretAgainstZendesk: standing } : {}) },
        ...(advice.actions.length ? { actions: advice.actions } : {}),
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
  return {
    status: blocking ? 'fail' : 'warn',
    message: problems.map((p) => p.message.replace(/\.+$/, '')).join('; '),
    fix: problems.map((p) => p.fix).join(' '),
    code: problems[0].code,
    evidence,
    actions: [editCustomerAction('agentName')]
  }
}

const FIX_AVATAR_URL = editCustomerAction('avatarUrl')

const avatar: CheckTable['avatar'] = async ({ profile, offline, signal }) => {
  const url = profile.avatarUrl.trim()
  if (!url) {
    return { status: 'warn', message: 'No avatar URL is set: chat shows a default picture beside the AI replies', fix: 'Add a public image URL (jpg or png, at least 128 px square) to the customer.', code: 'avatar-empty', evidence: {}, actions: [FIX_AVATAR_URL] }
  }
  if (offline) {
    const rw = rewriteAvatarUrl(url)
    const evidence = { inputUrl: url, checkedUrl: rw.to, rewritten: rw.changed, host: rw.host, problems: rw.problems.map((p) => p.code) }
    if (rw.problems.length) {
      const v = verdictOf(rw.problems)
      return { status: v === 'needs-attention' ? 'warn' : 'fail', message: rw.problems.map((p) => p.message.replace(/\.+$/, '')).join('; '), fix: rw.problems[0].fix, code: rw.problems[0].code, evidence, actions: [FIX_AVATAR_URL] }
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
    evidence,
    actions: [FIX_AVATAR_URL]
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
  'webhook-secret': webhookSecret,
  'no-duplicates': noDuplicates,
  'standby-events': standbyEvents,
  'gateway-head': gatewayHead,
  'test-events': testEvents,
  'agent-name': agentName,
  avatar,
  'channel-bot': channelBot
}
