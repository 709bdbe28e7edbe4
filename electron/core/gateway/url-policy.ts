import { classifyIpAddress, normalizeHost, parseIpAddress } from '../../../shared/net/ip-address'
import { isPrivateHost } from '../../../shared/schemas/profile'
import { AppFailure } from '../errors'

/**
 * The gateway URL rule: Zendesk only calls https URLs, so a test is only meaningful against one;
 * plain http (and any private or loopback target) is allowed only on a profile that allows private
 * addresses (the sandbox). Checked before anything is sent, with the reason and the fix.
 */
export const checkGatewayUrl = (raw: string, allowPrivate: boolean): URL => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppFailure({ code: 'gateway-url-invalid', message: `The gateway URL "${raw.slice(0, 200)}" is not a valid URL.`, fix: 'Edit the customer and enter the full gateway URL, starting with https://.' })
  }
  if (url.username || url.password) {
    throw new AppFailure({ code: 'gateway-url-invalid', message: 'The gateway URL contains a user name or password.', fix: 'Remove the credentials from the URL; the gateway is authenticated by the X-API-Key header.' })
  }
  const host = normalizeHost(url.hostname)
  const literal = parseIpAddress(host)
  const priv = literal ? !(classifyIpAddress(literal)?.isPublic ?? false) : isPrivateHost(host)
  if (url.protocol === 'https:') {
    if (priv && !allowPrivate) {
      throw new AppFailure({
        code: 'private-address',
        message: `The gateway URL points at ${host}, a private or loopback address: Zendesk cannot reach it.`,
        fix: 'Use the public gateway URL, or turn on "Allow private addresses" on the customer for local testing (the sandbox).'
      })
    }
    return url
  }
  if (url.protocol === 'http:') {
    if (priv && allowPrivate) return url
    throw new AppFailure({
      code: 'gateway-url-not-https',
      message: `The gateway URL "${url.origin}" uses http://: Zendesk only delivers webhooks to https:// URLs${priv ? ' (http is allowed here only for a private or loopback address for a customer that allows private addresses)' : ''}.`,
      fix: priv ? 'Turn on "Allow private addresses" on the customer (the sandbox), or use https://.' : 'Use the https:// gateway URL from the setup guide.'
    })
  }
  throw new AppFailure({ code: 'gateway-url-invalid', message: `The gateway URL uses ${url.protocol}, not https.`, fix: 'Use the https:// gateway URL from the setup guide.' })
}
