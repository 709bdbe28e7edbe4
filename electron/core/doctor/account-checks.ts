import {
  RECREATE_AS_V2,
  RESYNC_SECRET,
  actionsOf,
  adminCenterAction,
  runSetupAction
} from '../../../shared/fix-actions'
import { ADMIN_CENTER_AI_AGENTS, ADMIN_CENTER_INTEGRATIONS, INTEGRATION_NAME } from '../../../shared/setup/guide'
import type { ChannelBot, WebhookLimit } from '../../../shared/setup/types'
import { compareWebhookSecret } from '../setup/webhook-secret'
import { failFrom } from './fail-from'
import type { CheckFn, CheckOutput, DoctorEnv } from './types'

/**
 * The links that read the account (one shared inspection): the integration, its webhook's
 * settings and secret, duplicates, whether Aissist hears the conversations it does not lead, and
 * who answers first. Each names what Zendesk holds and the fix the app can carry out.
 */

const integrations = (env: DoctorEnv) => adminCenterAction(env.profile.subdomain, 'integrations')

const holdersInWords = (limit: WebhookLimit): string =>
  limit.holders.map((h) => `${h.displayName} (${h.type}, ${h.webhooks} webhook${h.webhooks === 1 ? '' : 's'})`).join('; ')

/** The integration exists; when it does not and the app is full, that is what blocks creating it. */
export const integrationPresent: CheckFn = async (env) => {
  try {
    const i = await env.inspection()
    const limit = i.webhookLimit
    const counts = limit ? { webhooks: limit.used, webhookLimit: limit.limit } : {}
    if (!i.integration) {
      const full = Boolean(limit && limit.used >= limit.limit)
      return {
        status: 'fail',
        message: full && limit
          ? `No ${INTEGRATION_NAME} exists in this Zendesk app, and the app already has ${limit.used} webhooks, Zendesk's limit, so it cannot be created as it is (the webhooks belong to: ${holdersInWords(limit)})`
          : `No ${INTEGRATION_NAME} exists in this Zendesk app`,
        fix: full
          ? `Delete a webhook or an integration the app no longer uses in ${ADMIN_CENTER_INTEGRATIONS}, then run the guided setup to create it.`
          : `Run the guided setup to create it (or create it by hand in ${ADMIN_CENTER_INTEGRATIONS} → Create integration).`,
        code: full ? 'webhook-limit' : 'integration-missing',
        evidence: { appId: i.app.id, recordedIntegrationId: env.profile.integrationId ?? null, ...counts, ...(full && limit ? { holders: limit.holders } : {}) },
        actions: full ? actionsOf(integrations(env)) : actionsOf(runSetupAction('apply'), integrations(env))
      }
    }
    return {
      status: 'pass',
      message: `${i.integration.displayName} exists (${i.integration.id}).`,
      fix: '',
      evidence: { integrationId: i.integration.id, displayName: i.integration.displayName, webhookId: i.integration.webhook?.id ?? null, ...counts }
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

/** The webhook is the guide's: version v2, the two triggers (not `*`), full user and source, the gateway. */
export const webhookSettings: CheckFn = async (env) => {
  try {
    const i = await env.inspection()
    const w = i.integration?.webhook ?? null
    const evidence = { webhook: w, expectedTarget: env.profile.gatewayUrl, drift: i.drift.map((d) => ({ field: d.field, expected: d.expected, actual: d.actual })) }
    if (w && i.drift.length === 0) {
      return { status: 'pass', message: `The webhook (version ${w.version}) sends ${w.triggers.join(' and ')} to ${w.target} with full user and full source.`, fix: '', evidence }
    }
    const version = i.drift.some((d) => d.field === 'version')
    const messages = i.drift.length ? i.drift.map((d) => d.message.replace(/\.+$/, '')) : ['The integration has no webhook']
    return {
      status: 'fail',
      message: messages.join('; '),
      fix: version
        ? "A webhook's version cannot be changed: it has to be recreated (deleted and added again with the guide's settings, which gives it a new secret for the Aissist gateway). The guided setup does it after its own confirmation."
        : `Run the guided setup to repair the webhook (it changes only what differs), or fix it by hand in ${ADMIN_CENTER_INTEGRATIONS} → the integration → Webhook.`,
      code: version ? 'webhook-version' : w ? 'webhook-drift' : 'webhook-missing',
      evidence,
      actions: version ? actionsOf(RECREATE_AS_V2, runSetupAction('recreate-webhook')) : actionsOf(runSetupAction('apply'), integrations(env))
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

/** The stored webhook secret is Zendesk's (compared here; neither is shown anywhere). */
export const webhookSecret: CheckFn = async (env) => {
  try {
    const account = await env.account()
    const hook = account.inspection.integration?.webhook
    if (!hook) return { status: 'skipped', message: 'skipped: the integration has no webhook, so there is no secret to compare', fix: '', evidence: {} }
    const comparison = await compareWebhookSecret(env.services, env.profile, account)
    const evidence = { webhookId: hook.id, comparison }
    const who = `"${env.profile.name}"`
    switch (comparison) {
      case 'same':
        return { status: 'pass', message: `The webhook secret stored for ${who} is the one Zendesk holds for webhook ${hook.id}.`, fix: '', evidence }
      case 'zendesk-unknown':
        return {
          status: 'warn',
          message: `Zendesk did not return the secret of webhook ${hook.id}, so the stored one could not be compared with it`,
          fix: `Open ${INTEGRATION_NAME} in ${ADMIN_CENTER_INTEGRATIONS} and compare its webhook secret with the one in the Aissist gateway.`,
          code: 'webhook-secret-unknown',
          evidence,
          actions: actionsOf(integrations(env))
        }
      default:
        return {
          status: 'fail',
          message: comparison === 'not-stored'
            ? `No webhook secret is stored for ${who}, so nothing can be signed as Zendesk signs it`
            : `The webhook secret stored for ${who} differs from the one Zendesk holds for webhook ${hook.id} (changed in Admin Center, rotated by another tool, or kept for an older webhook): test events signed with it prove nothing about what Zendesk sends`,
          fix: "Store Zendesk's webhook secret on this computer (the guided setup does it too), and make sure the Aissist gateway holds the same one.",
          code: 'webhook-secret-mismatch',
          evidence,
          actions: actionsOf(RESYNC_SECRET, runSetupAction('webhook-secret'))
        }
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

/** Only one integration or webhook delivers to the gateway. */
export const noDuplicates: CheckFn = async (env) => {
  try {
    const i = await env.inspection()
    if (i.duplicates.length === 0) return { status: 'pass', message: 'Only one integration sends to the gateway.', fix: '', evidence: { duplicates: [] } }
    const d = i.duplicates
    return {
      status: 'fail',
      message: `${d.length} other integration${d.length === 1 ? '' : 's'} or webhook${d.length === 1 ? '' : 's'} also deliver to the gateway (${d.map((x) => `${x.displayName} ${x.integrationId}: ${x.reason}`).join('; ')}), so customers may get every AI reply twice`,
      fix: `Run the guided setup and confirm removing the duplicates, or delete them in ${ADMIN_CENTER_INTEGRATIONS}.`,
      code: 'duplicate-integration',
      evidence: { duplicates: d },
      actions: actionsOf(runSetupAction('delete-duplicates'), integrations(env))
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

const channelsLedByAissist = (cb: ChannelBot) => (cb.channels ?? []).filter((c) => c.aissist)

/**
 * Aissist hears the conversations it does not lead: in the switchboard, an integration that is not
 * the active one gets a conversation's messages only with `deliverStandbyEvents` on.
 */
export const standbyEvents: CheckFn = async (env): Promise<CheckOutput> => {
  try {
    const cb = (await env.inspection()).channelBot
    const m = cb.aissistMember ?? null
    const evidence = { switchboardId: cb.switchboardId, switchboardEnabled: cb.switchboardEnabled ?? null, aissistMember: m, aissistIsDefault: cb.aissistIsDefault }
    if (!cb.switchboardId || cb.switchboardEnabled === false) {
      return { status: 'pass', message: 'The switchboard is off, so Zendesk sends every integration every conversation\'s messages.', fix: '', evidence }
    }
    if (!m) return { status: 'pass', message: "Aissist's integration is not in the switchboard, so Zendesk sends it every conversation's messages.", fix: '', evidence }
    if (m.deliverStandbyEvents) {
      return { status: 'pass', message: `Aissist's switchboard integration "${m.name}" receives a conversation's messages while another responder leads it (standby events on).`, fix: '', evidence }
    }
    const led = channelsLedByAissist(cb)
    if (cb.aissistIsDefault) {
      return { status: 'pass', message: `Aissist leads every new conversation, so it gets their messages; once it hands one over it hears nothing more of it (standby events off on "${m.name}").`, fix: '', evidence }
    }
    const fix = "Turn on standby events for Aissist's switchboard integration: the guided setup does it as one change, after your confirmation."
    if (led.length) {
      return {
        status: 'warn',
        message: `Aissist's switchboard integration "${m.name}" does not receive standby events, so only conversations it leads reach it (${led.map((c) => c.displayName ?? c.type).join(', ')}); on every other channel it gets none of the messages`,
        fix,
        code: 'standby-events-off',
        evidence,
        actions: actionsOf(runSetupAction('apply'))
      }
    }
    return {
      status: 'fail',
      message: `Aissist's switchboard integration "${m.name}" is on standby and does not receive standby events, so Zendesk sends it none of the messages of conversations it does not lead — and it leads none`,
      fix,
      code: 'standby-events-off',
      evidence,
      actions: actionsOf(runSetupAction('apply'))
    }
  } catch (e) {
    return failFrom(e, env)
  }
}

/** Who answers new conversations first: the switchboard's default, and each channel's own responder. */
export const channelBot: CheckFn = async (env) => {
  try {
    const cb = (await env.inspection()).channelBot
    const channels = cb.channels ?? []
    const toBots = channels.filter((c) => !c.aissist && c.responder.integrationType !== 'zd:agentWorkspace')
    const aissistFirst = cb.aissistIsDefault || channels.some((c) => c.aissist)
    const evidence = { switchboardId: cb.switchboardId, defaultIntegration: cb.defaultIntegration, aissistIsDefault: cb.aissistIsDefault, channelResponders: channels }
    if (!aissistFirst && toBots.length === 0) return { status: 'pass', message: cb.message, fix: '', evidence }
    const fixes: string[] = []
    if (aissistFirst) fixes.push(`Keep the Zendesk bot or the agent workspace as the default responder and let Aissist answer as a backend agent (${ADMIN_CENTER_AI_AGENTS}).`)
    if (toBots.length) {
      fixes.push(`A channel's own default responder hands its new conversations to another bot first; Aissist gets their messages only while on standby with standby events on. If Aissist should answer there, change that channel's AI agent in ${ADMIN_CENTER_AI_AGENTS}.`)
    }
    return {
      status: 'warn',
      message: cb.message,
      fix: fixes.join(' '),
      code: aissistFirst ? 'aissist-default-responder' : 'channel-default-responder',
      evidence,
      actions: actionsOf(adminCenterAction(env.profile.subdomain, 'aiAgents'))
    }
  } catch (e) {
    return failFrom(e, env)
  }
}
