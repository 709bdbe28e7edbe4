import { classifyIpAddress } from '../../../../shared/net/ip-address'
import type { ProfileView } from '../../../../shared/contract/vault'

/** The gateway's host, or the URL itself when it does not parse. */
export const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * True when the gateway runs on this computer (the sandbox, a gateway under development): a
 * burst there cannot reach anyone's customers. Anything else may be a real customer's gateway.
 */
export const gatewayIsThisComputer = (url: string): boolean => {
  let host: string
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return false
  }
  return host === 'localhost' || host.endsWith('.localhost') || classifyIpAddress(host)?.kind === 'loopback'
}

/** Why a burst cannot be sent now, or null: it is signed with the webhook secret, which must be stored. */
export const burstBlocker = (profile: Pick<ProfileView, 'webhookSecretStatus'>): string | null =>
  profile.webhookSecretStatus === 'present'
    ? null
    : profile.webhookSecretStatus === 'unavailable'
      ? 'The keychain cannot be read, so the webhook secret a burst is signed with is out of reach. Unlock the keychain, then come back.'
      : "No webhook secret is stored for this customer: every event would be refused as unsigned. Run the guided setup, or enter the secret on Customers (Edit → Webhook secret)."
