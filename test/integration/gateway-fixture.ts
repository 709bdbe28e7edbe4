import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index'
import { createServices, type Services } from '../../electron/core/services'
import { ZendeskClient } from '../../electron/core/zendesk/client'
import type { Profile } from '../../shared/schemas/profile'

/** One test's world: a sandbox, services on a temp data dir and keychain service, a set-up profile. */
export interface GatewayWorld {
  sandbox: Sandbox
  services: Services
  profile: Profile
  webhookSecret: string
  dataDir: string
  keychainService: string
  close(): Promise<void>
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]))

/**
 * Starts a sandbox and a profile pointing at it, with the Aissist integration created through the
 * simulated Zendesk API (as setup does) and its webhook secret in the real keychain.
 */
export const createGatewayWorld = async (opts: SandboxOptions = {}): Promise<GatewayWorld> => {
  const sandbox = await startSandbox({ retryScheduleMs: [5, 10, 15, 20], webhookTimeoutMs: 2000, ...opts })
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-test-'))
  const keychainService = `aissist-test-gateway-${randomUUID()}`
  const services = createServices({ dataDir, keychainService })
  const client = new ZendeskClient({ baseUrl: sandbox.zendeskUrl, appId: sandbox.appId, keyId: sandbox.keyId, keySecret: sandbox.keySecret, retry: { maxAttempts: 1 } })
  const { integration } = await client.createCustomIntegration({
    type: 'custom',
    displayName: 'Aissistant_Conversation_Integration',
    webhooks: [{ target: sandbox.gatewayUrl, triggers: ['conversation:create', 'conversation:message'], includeFullUser: true, includeFullSource: true }]
  })
  await client.close()
  const hook = integration.webhooks[0]
  const webhookSecret = hook.secret as string
  let profile = await services.vault.createProfile({
    name: `Sandbox ${randomUUID().slice(0, 6)}`,
    apiBaseUrl: sandbox.zendeskUrl,
    appId: sandbox.appId,
    keyId: sandbox.keyId,
    gatewayUrl: sandbox.gatewayUrl,
    allowPrivate: true,
    keySecret: sandbox.keySecret,
    webhookSecret
  })
  profile = await services.vault.updateProfile(profile.id, { webhookId: hook.id, integrationId: integration.id })
  return {
    sandbox,
    services,
    profile,
    webhookSecret,
    dataDir,
    keychainService,
    close: async () => {
      await sandbox.close()
      for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Every file of the data folder that contains `secret` (should be none). */
export const filesContaining = (dir: string, secret: string): string[] => filesUnder(dir).filter((f) => readFileSync(f, 'utf8').includes(secret))
