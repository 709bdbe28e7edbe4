import pkg from '../../../package.json'

/** The app's version, from package.json, for the About panel, reports and the User-Agent. */
export const APP_VERSION: string = pkg.version

/** The User-Agent every outgoing request carries, so Zendesk and the gateway can tell us apart. */
export const USER_AGENT = `AissistZendeskSetup/${APP_VERSION} (+https://aissist.io)`
