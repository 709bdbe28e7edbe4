import type { Dispatcher } from 'undici'
import type { Profile } from '../../../shared/schemas/profile'
import type { Services } from '../services'
import { ZendeskClient, type ZendeskClientOptions } from '../zendesk/client'

/** Extra client options a caller may pass (a counting dispatcher in the bench, a retry policy in tests). */
export interface ClientForProfileOptions {
  dispatcher?: Dispatcher
  retry?: ZendeskClientOptions['retry']
}

/**
 * A Zendesk client for a customer whose record and key secret the caller has already read (setup
 * reads each once per run). The client redacts with the process registry; the caller closes it.
 */
export const zendeskClientFor = (services: Services, profile: Profile, keySecret: string, options: ClientForProfileOptions = {}): ZendeskClient =>
  new ZendeskClient({
    ...(profile.apiBaseUrl ? { baseUrl: profile.apiBaseUrl } : { subdomain: profile.subdomain }),
    appId: profile.appId,
    keyId: profile.keyId,
    keySecret,
    secrets: services.secrets,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.retry ? { retry: options.retry } : {})
  })

/**
 * The one way diagnose and events get a Zendesk client for a customer: the key secret comes from
 * the keychain (never from the caller). The caller closes the client when done.
 */
export const clientForProfile = async (
  services: Services,
  profileRef: string,
  options: ClientForProfileOptions = {}
): Promise<{ profile: Profile; client: ZendeskClient }> => {
  const profile = await services.vault.getProfile(profileRef)
  const keySecret = await services.vault.getSecret(profile.id, 'keySecret')
  return { profile, client: zendeskClientFor(services, profile, keySecret, options) }
}
