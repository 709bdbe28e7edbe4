import type { Profile } from '../../../shared/schemas/profile'
import { isAppFailure } from '../errors'
import type { Services } from '../services'
import { startSandbox, type Sandbox } from './index'
import { readSandboxMarker, writeSandboxMarker, type SandboxMarker } from './marker'

export { SANDBOX_MARKER_FILE } from './marker'

/**
 * The embedded sandbox's preferred port (the same as `aissist-zd sandbox`'s default), fixed so the
 * Sandbox profile's URLs stay the same between launches. `AISSIST_SANDBOX_PORT` overrides it (0: any).
 */
export const EMBEDDED_SANDBOX_PORT = 4780

const preferredPort = (): number => {
  const v = Number(process.env.AISSIST_SANDBOX_PORT)
  return process.env.AISSIST_SANDBOX_PORT && Number.isInteger(v) && v >= 0 && v <= 65535 ? v : EMBEDDED_SANDBOX_PORT
}

/** The name the built-in sandbox profile gets on first run. */
export const SANDBOX_PROFILE_NAME = 'Sandbox'

/** The agent identity the sandbox profile starts with. */
export const SANDBOX_AGENT_NAME = 'Aissist Agent'

/** The URLs of a running embedded sandbox, as the UI and a profile need them. */
export interface SandboxUrls {
  zendeskUrl: string
  gatewayUrl: string
  imagesUrl: string
}

interface Running {
  sandbox: Sandbox
  profileId: string
  /** Unregisters the stop-on-quit hook (the sandbox was stopped before quitting). */
  offShutdown: () => void
}

/** One embedded sandbox per Services (one per process in the app; tests simulate relaunches). */
const running = new WeakMap<Services, Running>()
/** Calls in flight, so a startup hook and a click never start two sandboxes. */
const inFlight = new WeakMap<Services, Promise<{ profile: Profile; urls: SandboxUrls }>>()

const urlsOf = (sb: Sandbox): SandboxUrls => ({ zendeskUrl: sb.zendeskUrl, gatewayUrl: sb.gatewayUrl, imagesUrl: sb.imagesUrl })

const readMarker = (services: Services): Promise<SandboxMarker | null> => readSandboxMarker(services.dataDir)

const writeMarker = (services: Services, marker: SandboxMarker): Promise<void> => writeSandboxMarker(services.dataDir, marker)

const portOf = (url: string | undefined): number | null => {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.hostname === '127.0.0.1' && u.port ? Number(u.port) : null
  } catch {
    return null
  }
}

/**
 * The profile the embedded sandbox owns: the one the marker file names, so renaming it or editing
 * its notes never loses the link. Null when there is none (or it was deleted).
 */
export const findSandboxProfile = async (services: Services): Promise<Profile | null> => {
  const marker = await readMarker(services)
  if (!marker) return null
  const { profiles } = await services.vault.listProfiles()
  return profiles.find((p) => p.id === marker.profileId) ?? null
}

/** Starts on the preferred ports in order, then on any free port: a busy 4780 never blocks the app. */
const startOnFirstFreePort = async (ports: number[], seed: Parameters<typeof startSandbox>[0]): Promise<Sandbox> => {
  for (const port of [...new Set(ports)]) {
    try {
      return await startSandbox({ ...seed, port })
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'EADDRINUSE') throw e
    }
  }
  return startSandbox({ ...seed, port: 0 })
}

const freeName = (profiles: Profile[], base: string): string => {
  const taken = (n: string): boolean => profiles.some((p) => p.name.trim().toLowerCase() === n.toLowerCase())
  if (!taken(base)) return base
  for (let i = 2; ; i++) if (!taken(`${base} ${i}`)) return `${base} ${i}`
}

const replacePrefix = (url: string, from: string, to: string): string => (from && url.startsWith(from) ? `${to}${url.slice(from.length)}` : url)

const ensure = async (services: Services, options: { port?: number }): Promise<{ profile: Profile; urls: SandboxUrls }> => {
  const current = running.get(services)
  const existing = await findSandboxProfile(services)
  if (current && existing && existing.id === current.profileId) return { profile: existing, urls: urlsOf(current.sandbox) }
  if (current) {
    // The profile was deleted while the sandbox ran: start over with a fresh one.
    running.delete(services)
    await current.sandbox.close()
  }
  const preferred = [portOf(existing?.apiBaseUrl), options.port ?? preferredPort()].filter((p): p is number => p !== null)

  if (existing) {
    // A relaunch: the same credentials, so the key in the keychain keeps working.
    let keySecret: string | null = null
    try {
      keySecret = await services.vault.getSecret(existing.id, 'keySecret')
    } catch (e) {
      if (!isAppFailure(e) || e.code !== 'credentials-missing') throw e
    }
    const sandbox = await startOnFirstFreePort(preferred, {
      seed: { appId: existing.appId, keyId: existing.keyId, ...(keySecret ? { keySecret } : {}), agentName: existing.agentName || SANDBOX_AGENT_NAME }
    })
    try {
      services.secrets.add(sandbox.keySecret, sandbox.keyId)
      if (!keySecret) await services.vault.setSecret(existing.id, 'keySecret', sandbox.keySecret)
      const oldBase = existing.apiBaseUrl?.replace(/\/zendesk$/, '') ?? ''
      const newBase = sandbox.zendeskUrl.replace(/\/zendesk$/, '')
      const avatarUrl = existing.avatarUrl ? replacePrefix(existing.avatarUrl, oldBase, newBase) : `${sandbox.imagesUrl}/avatar.png`
      sandbox.setAgent({ name: existing.agentName || SANDBOX_AGENT_NAME, avatarUrl })
      // The sandbox starts empty on every launch: what setup recorded last time no longer exists.
      const profile = await services.vault.updateProfile(existing.id, {
        apiBaseUrl: sandbox.zendeskUrl,
        gatewayUrl: replacePrefix(existing.gatewayUrl, oldBase, newBase),
        avatarUrl,
        allowPrivate: true,
        webhookId: null,
        integrationId: null
      })
      // The restarted sandbox starts empty: the old webhook secret would only make the gateway
      // answer 401. Failing to remove it is logged, not fatal (setup stores a fresh one).
      if (existing.webhookId || existing.integrationId) {
        await services.vault.deleteSecret(existing.id, 'webhookSecret').catch((e: unknown) => {
          services.logger.warn('old sandbox webhook secret not removed', { profileId: existing.id, error: e instanceof Error ? e.message : String(e) })
          return false
        })
      }
      await writeMarker(services, { profileId: profile.id, zendeskUrl: sandbox.zendeskUrl })
      keepRunning(services, sandbox, profile.id)
      services.logger.info('embedded sandbox started', { profileId: profile.id, port: sandbox.port })
      return { profile, urls: urlsOf(sandbox) }
    } catch (e) {
      await sandbox.close()
      throw e
    }
  }

  const sandbox = await startOnFirstFreePort(preferred, {})
  let created: Profile | null = null
  try {
    services.secrets.add(sandbox.keySecret, sandbox.keyId)
    const { profiles } = await services.vault.listProfiles()
    created = await services.vault.createProfile({
      name: freeName(profiles, SANDBOX_PROFILE_NAME),
      apiBaseUrl: sandbox.zendeskUrl,
      appId: sandbox.appId,
      keyId: sandbox.keyId,
      gatewayUrl: sandbox.gatewayUrl,
      agentName: SANDBOX_AGENT_NAME,
      avatarUrl: `${sandbox.imagesUrl}/avatar.png`,
      allowPrivate: true,
      notes: 'The built-in sandbox: a simulated Zendesk, Aissist gateway and image host on this computer. Try every flow here first.'
    })
    // The marker first, then the key: the secret store keeps the sandbox's made-up key in memory
    // when the keychain is unavailable, and it knows the sandbox's profile by this marker.
    await writeMarker(services, { profileId: created.id, zendeskUrl: sandbox.zendeskUrl })
    await services.vault.setSecret(created.id, 'keySecret', sandbox.keySecret)
    keepRunning(services, sandbox, created.id)
    services.logger.info('embedded sandbox profile created', { profileId: created.id, port: sandbox.port })
    return { profile: created, urls: urlsOf(sandbox) }
  } catch (e) {
    // Nothing half-made: a profile whose key could not be stored is removed again.
    if (created) await services.vault.deleteProfile(created.id).catch(() => undefined)
    await sandbox.close()
    throw e
  }
}

/**
 * Makes the built-in "Sandbox" profile usable: starts the simulated Zendesk, gateway and image host
 * in this process (once), and creates the profile — or, on a later launch, restarts the sandbox with
 * the profile's own credentials so the key in the keychain keeps working, and points the profile at
 * the new port if 4780 was taken. A newcomer can then try every flow with no Zendesk account.
 */
export const ensureSandboxProfile = (services: Services, options: { port?: number } = {}): Promise<{ profile: Profile; urls: SandboxUrls }> => {
  const pending = inFlight.get(services)
  if (pending) return pending
  const p = ensure(services, options).finally(() => inFlight.delete(services))
  inFlight.set(services, p)
  return p
}

/** Whether the embedded sandbox runs, where, and which profile is its. */
export const embeddedSandboxStatus = async (services: Services): Promise<{ running: boolean; urls: SandboxUrls | null; profileId: string | null }> => {
  const r = running.get(services)
  const profile = await findSandboxProfile(services)
  return { running: Boolean(r), urls: r ? urlsOf(r.sandbox) : null, profileId: profile?.id ?? null }
}

/** Remembers the running sandbox, stopped when the process quits (its port is freed). */
const keepRunning = (services: Services, sandbox: Sandbox, profileId: string): void => {
  running.set(services, { sandbox, profileId, offShutdown: services.onShutdown(() => stopEmbeddedSandbox(services)) })
}

/** Stops the embedded sandbox (on quit, and between simulated launches in tests). */
export const stopEmbeddedSandbox = async (services: Services): Promise<void> => {
  const r = running.get(services)
  if (!r) return
  running.delete(services)
  r.offShutdown()
  await r.sandbox.close()
}

/**
 * The hosts' startup hook: when a sandbox profile exists its sandbox must be running (so every
 * flow on it works right away), and with `autoCreate` (`AISSIST_AUTO_SANDBOX=1`, set by `npm
 * start`) a first launch with no profile at all gets the sandbox profile, made active. Never
 * throws: a failure is logged and the first-run screen offers the sandbox again with the error.
 */
export const startEmbeddedSandboxAtLaunch = async (services: Services, options: { autoCreate: boolean; port?: number }): Promise<{ started: boolean; created: boolean }> => {
  try {
    if (await findSandboxProfile(services)) {
      await ensureSandboxProfile(services, { port: options.port })
      return { started: true, created: false }
    }
    if (!options.autoCreate) return { started: false, created: false }
    const { profiles } = await services.vault.listProfiles()
    if (profiles.length > 0) return { started: false, created: false }
    const { profile } = await ensureSandboxProfile(services, { port: options.port })
    await services.vault.setActiveProfile(profile.id)
    return { started: true, created: true }
  } catch (e) {
    services.logger.warn('the embedded sandbox could not be started', { code: isAppFailure(e) ? e.code : 'internal-error', message: e instanceof Error ? e.message : String(e) })
    return { started: false, created: false }
  }
}
