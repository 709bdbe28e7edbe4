/**
 * Hosts the app may open in the user's browser: Zendesk's help and admin pages, Aissist's site and
 * docs. Anything else — another scheme, credentials in the URL, an unknown host — is refused,
 * because `shell.openExternal` on an untrusted URL can start arbitrary programs.
 */
const ALLOWED_HOST_SUFFIXES = ['zendesk.com', 'aissist.io', 'zendesk.github.io', 'developer.zendesk.com', 'support.zendesk.com']

/** Returns the normalized URL when it is a safe https link for the browser, or null. */
export const safeExternalUrl = (input: string): string | null => {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  if (url.username || url.password) return null
  if (url.port && url.port !== '443') return null
  const host = url.hostname.toLowerCase()
  if (!ALLOWED_HOST_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return null
  return url.toString()
}
