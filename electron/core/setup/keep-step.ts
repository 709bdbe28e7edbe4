import { INTEGRATION_NAME } from '../../../shared/setup/guide'
import { manualCreateIntegration } from '../../../shared/setup/manual'
import { AppFailure, isAppFailure } from '../errors'
import type { Services } from '../services'
import { connected, must, type SetupState, type SetupStepImpl } from './state'

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** The webhook secret now in the keychain, or null when none is stored (one keychain read). */
const storedWebhookSecret = async (services: Services, profileId: string): Promise<string | null> => {
  try {
    return await services.vault.getSecret(profileId, 'webhookSecret')
  } catch (e) {
    if (isAppFailure(e) && e.code === 'credentials-missing') return null
    throw e
  }
}

/** The secret Zendesk gave for our webhook: from the write, from the read, or (last) from the webhooks list. */
const zendeskSecret = async (s: SetupState, integrationId: string, webhookId: string): Promise<string | null> => {
  const known = s.webhook?.secret ?? s.knownSecret
  if (known) return known
  const { client } = connected(s)
  return (await client.listWebhooks(integrationId, { signal: s.signal })).find((w) => w.id === webhookId)?.secret ?? null
}

/**
 * Step 6: saves our integration's and webhook's IDs on the customer's record and the webhook
 * secret in the keychain, so test events and diagnose sign what Zendesk signs. Writes only on this
 * computer, and only what differs.
 */
export const keepStep: SetupStepImpl = {
  async run(s) {
    const profile = must(s.profile, "the customer's record")
    const integrationId = s.integrationId
    const webhookId = s.webhook?.id ?? s.inspection?.integration?.webhook?.id ?? null
    if (!integrationId || !webhookId) {
      throw new AppFailure({ code: 'setup-no-webhook', message: 'There is no webhook to keep: the integration has none.', fix: 'Run the setup again; if it fails again, create the webhook by hand.' })
    }
    const changed: string[] = []
    if (profile.integrationId !== integrationId || profile.webhookId !== webhookId) {
      s.profile = await s.services.vault.updateProfile(profile.id, { integrationId, webhookId })
      changed.push(`saved the integration ID ${integrationId} and webhook ID ${webhookId} for this customer`)
    }
    const secret = await zendeskSecret(s, integrationId, webhookId)
    const stored = await storedWebhookSecret(s.services, profile.id)
    s.webhookSecret = secret ?? stored
    s.webhookSecretFromZendesk = secret !== null
    const saved = changed.length ? `${cap(changed.join('; '))}. ` : ''
    if (!secret) {
      return {
        status: 'warn',
        message: `${saved}Zendesk did not return the webhook secret, so it could not be stored: copy it from Admin Center into this customer's record.`,
        manual: { where: manualCreateIntegration(profile.gatewayUrl).where, steps: [`Open ${INTEGRATION_NAME}, copy its webhook secret, and paste it in Customers → ${profile.name} → Webhook secret.`], values: [{ label: 'Webhook ID', value: webhookId }] }
      }
    }
    s.services.secrets.add(secret)
    if (stored !== secret) {
      await s.services.vault.setSecret(profile.id, 'webhookSecret', secret)
      changed.push(
        stored === null
          ? "stored Zendesk's webhook secret in the keychain"
          : s.writes > 0 && s.webhook
            ? "stored the webhook's new secret in the keychain"
            : "replaced the stored webhook secret, which differed from Zendesk's, with Zendesk's"
      )
    }
    return { message: changed.length ? `${cap(changed.join('; '))}.` : `The webhook ID ${webhookId} and its secret were already saved; nothing changed.` }
  }
}
