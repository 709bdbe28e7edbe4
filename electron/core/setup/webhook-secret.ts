import type { SetupResult, SetupStep } from '../../../shared/contract/setup'
import { INTEGRATION_NAME } from '../../../shared/setup/guide'
import type { Profile } from '../../../shared/schemas/profile'
import { AppFailure, isAppFailure } from '../errors'
import type { Services } from '../services'
import type { ZendeskClient } from '../zendesk/client'
import { clientForProfile } from './client-for-profile'
import { describeAccount, type DetailedInspection } from './inspect'
import { runSetup } from './run-setup'

/**
 * The webhook secret's whole life beside setup: Zendesk keeps it readable (on create and on every
 * read of the webhook), so this computer can compare its copy with Zendesk's, take Zendesk's
 * again (re-sync), or have Zendesk make a new one (rotate: recreate the webhook). No secret is
 * ever returned: callers get what changed, in words.
 */

/** How the stored secret stands against Zendesk's. */
export type SecretComparison = 'same' | 'differs' | 'not-stored' | 'zendesk-unknown'

/** The stored webhook secret, or null when none is stored (a locked keychain still throws). */
export const storedWebhookSecret = async (services: Services, profileId: string): Promise<string | null> => {
  try {
    return await services.vault.getSecret(profileId, 'webhookSecret')
  } catch (e) {
    if (isAppFailure(e) && e.code === 'credentials-missing') return null
    throw e
  }
}

/** Compares the stored secret with Zendesk's (from an inspection that read it); neither is returned. */
export const compareWebhookSecret = async (services: Services, profile: Profile, account: DetailedInspection): Promise<SecretComparison> => {
  const zendesk = account.webhookSecret
  if (!zendesk) return 'zendesk-unknown'
  const stored = await storedWebhookSecret(services, profile.id)
  if (stored === null) return 'not-stored'
  return stored === zendesk ? 'same' : 'differs'
}

/** Our webhook with its secret as Zendesk has it now, read the way setup reads the account. */
const readOurWebhook = async (client: ZendeskClient, profile: Profile): Promise<{ integrationId: string; webhookId: string; secret: string | null }> => {
  const app = { id: profile.appId }
  const d = describeAccount(app, await client.listAllIntegrations({ types: ['custom'] }), profile)
  const i = d.inspection.integration
  if (!i?.webhook) {
    throw new AppFailure({
      code: i ? 'webhook-missing' : 'integration-missing',
      message: i ? `${INTEGRATION_NAME} has no webhook, so there is no webhook secret to store.` : `No ${INTEGRATION_NAME} exists in this Zendesk app, so there is no webhook secret to store.`,
      fix: 'Run the guided setup: it creates what is missing and keeps the new webhook secret.'
    })
  }
  const secret = d.webhookSecret ?? (await client.listWebhooks(i.id)).find((w) => w.id === i.webhook?.id)?.secret ?? null
  return { integrationId: i.id, webhookId: i.webhook.id, secret }
}

/**
 * Re-sync: stores Zendesk's secret of the Aissist webhook for this customer (and the integration and
 * webhook IDs when they changed). Reads Zendesk, writes only this computer.
 */
export const resyncWebhookSecret = async (services: Services, profileRef: string): Promise<{ changed: boolean; webhookId: string; message: string }> => {
  const { profile, client } = await clientForProfile(services, profileRef)
  try {
    const hook = await readOurWebhook(client, profile)
    if (!hook.secret) {
      throw new AppFailure({
        code: 'webhook-secret-unreadable',
        message: `Zendesk did not return the secret of the webhook ${hook.webhookId}.`,
        fix: `Open ${INTEGRATION_NAME} in Admin Center, copy its webhook secret, and paste it into the customer (Webhook secret).`
      })
    }
    services.secrets.add(hook.secret)
    const stored = await storedWebhookSecret(services, profile.id)
    const idsChanged = profile.integrationId !== hook.integrationId || profile.webhookId !== hook.webhookId
    if (idsChanged) await services.vault.updateProfile(profile.id, { integrationId: hook.integrationId, webhookId: hook.webhookId })
    if (stored === hook.secret) {
      return { changed: idsChanged, webhookId: hook.webhookId, message: `The stored webhook secret of "${profile.name}" already is Zendesk's (webhook ${hook.webhookId}); nothing to change.` }
    }
    await services.vault.setSecret(profile.id, 'webhookSecret', hook.secret)
    services.logger.info('webhook secret re-synced', { profileId: profile.id, webhookId: hook.webhookId, hadOne: stored !== null })
    return {
      changed: true,
      webhookId: hook.webhookId,
      message: stored === null
        ? `Stored Zendesk's webhook secret of "${profile.name}" (webhook ${hook.webhookId}) in the keychain.`
        : `Replaced the stored webhook secret of "${profile.name}", which differed from Zendesk's, with Zendesk's (webhook ${hook.webhookId}).`
    }
  } finally {
    await client.close()
  }
}

export interface RotateOptions {
  signal?: AbortSignal
  onStep?: (step: SetupStep) => void
}

/**
 * Rotate: the guided setup with the webhook recreated (delete + create: Zendesk makes a new
 * secret), the new secret kept on this computer, read back and proven with test events signed
 * with it. The caller has the admin's confirmation; the Aissist gateway must be given the new secret.
 */
export const rotateWebhookSecret = (services: Services, profileRef: string, options: RotateOptions = {}): Promise<SetupResult> =>
  runSetup(services, {
    profileRef,
    mode: 'apply',
    rotate: true,
    confirm: { apply: true, deleteDuplicates: false, recreateWebhook: true },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {})
  })
