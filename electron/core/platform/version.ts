import pkg from '../../../package.json'

/** The app's version, from package.json, for the About panel, reports and the User-Agent. */
export const APP_VERSION: string = pkg.version

/**
 * The one User-Agent every outgoing request carries (Zendesk API, gateway test events, avatar
 * fetches), so Zendesk, the gateway and image hosts can tell us apart. The `Mozilla/5.0
 * (compatible; …)` form is what crawlers use: image hosts that refuse unknown clients accept it.
 */
export const USER_AGENT = `Mozilla/5.0 (compatible; AissistZendeskSetup/${APP_VERSION}; +https://aissist.io)`
