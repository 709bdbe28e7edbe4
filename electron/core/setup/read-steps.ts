import { actionsOf, adminCenterAction } from '../../../shared/fix-actions'
import { ADMIN_CENTER_INTEGRATIONS, INTEGRATION_NAME } from '../../../shared/setup/guide'
import { manualChannelBot, manualCheckKey } from '../../../shared/setup/manual'
import { buildPlan, planSummary, webhookLimitBlock } from '../../../shared/setup/plan'
import { connected, must, StepFailure, type SetupStepImpl } from './state'
import { zendeskClientFor } from './client-for-profile'
import { inspectAccountDetailed } from './inspect'
import { targetWords, writeTargetOf } from '../../../shared/setup/target'

/**
 * Steps 1–4 and 10: what setup reads before (and beside) any change. Each fills its part of the
 * state: the customer's record and the client, the app, what exists, the plan.
 */

/** 1. The customer's record and its key secret, each read once for the whole run. */
export const credentialsStep: SetupStepImpl = {
  async run(s) {
    const profile = await s.services.vault.getProfile(s.profileRef)
    s.profile = profile
    s.target = writeTargetOf(profile)
    // Throws the vault's own explained error when the secret is missing or the keychain is locked.
    const keySecret = await s.services.vault.getSecret(profile.id, 'keySecret')
    s.client = zendeskClientFor(s.services, profile, keySecret, s.clientOptions)
    return { message: `The key secret of "${profile.name}" (key ID ${profile.keyId}) is in the keychain.` }
  }
}

/** 2. Zendesk answers and accepts the key for this app. */
export const connectStep: SetupStepImpl = {
  async run(s) {
    const { profile, client } = connected(s)
    const app = await client.getApp({ signal: s.signal })
    s.app = app
    return { message: `Connected to ${s.target.account}: app "${app.displayName ?? app.id}" (${app.id}) accepts the key ${profile.keyId}.` }
  },
  manualOnFailure: (s) => (s.profile ? manualCheckKey(s.profile.appId, s.profile.keyId) : undefined)
}

/** 3. Our integration, its webhook, duplicates and the switchboard, read once. */
export const inspectStep: SetupStepImpl = {
  async run(s) {
    const { profile, client } = connected(s)
    const detailed = await inspectAccountDetailed(client, profile, { signal: s.signal, app: must(s.app, 'the app') })
    const inspection = detailed.inspection
    s.inspection = inspection
    s.knownSecret = detailed.webhookSecret ?? null
    s.integrationId = inspection.integration?.id ?? null
    const i = inspection.integration
    const found = i
      ? `Found ${INTEGRATION_NAME} (${i.id})${i.webhook ? ` with its webhook to ${i.webhook.target}` : ' without a webhook'}`
      : `No ${INTEGRATION_NAME} yet`
    const n = inspection.duplicates.length
    const dups = n ? `; ${n} duplicate${n === 1 ? '' : 's'} also sending to the gateway` : ''
    return { message: `${found}${dups}.`, data: { inspection } }
  }
}

/**
 * 4. What would change, in Admin Center words; nothing is written before it is confirmed. The
 * pre-flight happens here: a plan Zendesk would refuse (past its 10 webhooks per app) fails the
 * step, so nothing after it runs and nothing is written.
 */
export const planStep: SetupStepImpl = {
  async run(s) {
    const { profile } = connected(s)
    const inspection = must(s.inspection, 'the inspection')
    const plan = buildPlan(inspection, profile.gatewayUrl, { rotate: s.rotate })
    s.plan = plan
    const block = webhookLimitBlock(plan, inspection.webhookLimit)
    if (block) {
      throw new StepFailure(
        {
          code: 'webhook-limit',
          message: block.message,
          fix: `Delete a webhook (or a whole integration) the app no longer uses in ${ADMIN_CENTER_INTEGRATIONS}, then run the setup again.`,
          details: { used: block.used, limit: block.limit }
        },
        {
          where: ADMIN_CENTER_INTEGRATIONS,
          steps: [`In Zendesk, go to ${ADMIN_CENTER_INTEGRATIONS}.`, 'Open an integration below and delete a webhook it no longer needs, or delete the whole integration if nothing uses it.', 'Run the setup again.'],
          values: block.holders.map((h) => ({ label: `${h.displayName} (${h.type})`, value: `${h.webhooks} webhook${h.webhooks === 1 ? '' : 's'}` }))
        },
        { data: { plan, target: s.target, webhookLimit: block }, actions: actionsOf(adminCenterAction(profile.subdomain, 'integrations')) }
      )
    }
    return {
      message: plan.length > 0 ? `${planSummary(plan)} Target: ${targetWords(s.target)}. Nothing is written before you confirm.` : planSummary(plan),
      data: { plan, target: s.target }
    }
  }
}

/** 10. Who answers new conversations first (the guide advises against Aissist), the channels' own responders included. */
export const channelBotStep: SetupStepImpl = {
  async run(s) {
    const bot = must(s.inspection, 'the inspection').channelBot
    const channels = bot.channels ?? []
    const attention = bot.aissistIsDefault || channels.some((c) => c.aissist || c.responder.integrationType !== 'zd:agentWorkspace')
    return attention
      ? { status: 'warn', message: bot.message, manual: manualChannelBot(), data: { channelBot: bot }, actions: actionsOf(adminCenterAction(s.profile?.subdomain, 'aiAgents')) }
      : { message: bot.message, data: { channelBot: bot } }
  }
}
