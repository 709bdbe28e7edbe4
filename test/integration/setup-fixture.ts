import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { createServices, type Services } from '../../electron/core/services'
import { startSandbox, type Sandbox, type SandboxSeed } from '../../electron/core/sandbox'
import { INTEGRATION_NAME } from '../../shared/setup/guide'
import type { Profile } from '../../shared/schemas/profile'

/** One isolated world for a setup test: a sandbox, a temp data folder, its own keychain service and a profile. */
export interface SetupWorld {
  sandbox: Sandbox
  services: Services
  profile: Profile
  dataDir: string
  keychainService: string
  /** Custom integrations named like ours. */
  ours(): ReturnType<Sandbox['state']['integrations']['filter']>
  close(): Promise<void>
}

export const startWorld = async (
  seed: SandboxSeed = {},
  opts: { keySecret?: string; gatewayUrl?: (s: Sandbox) => string; agentName?: string; avatarUrl?: (s: Sandbox) => string } = {}
): Promise<SetupWorld> => {
  const sandbox = await startSandbox({ seed, retryScheduleMs: [10, 10], webhookTimeoutMs: 2000 })
  const dataDir = mkdtempSync(join(tmpdir(), 'setup-test-'))
  const keychainService = `aissist-test-setup-${randomUUID()}`
  const services = createServices({ dataDir, keychainService })
  const profile = await services.vault.createProfile({
    name: `Sandbox ${randomUUID().slice(0, 8)}`,
    apiBaseUrl: sandbox.zendeskUrl,
    appId: sandbox.appId,
    keyId: sandbox.keyId,
    gatewayUrl: opts.gatewayUrl ? opts.gatewayUrl(sandbox) : sandbox.gatewayUrl,
    allowPrivate: true,
    agentName: opts.agentName ?? 'Aissist',
    avatarUrl: opts.avatarUrl ? opts.avatarUrl(sandbox) : `${sandbox.imagesUrl}/avatar.png`,
    keySecret: opts.keySecret ?? sandbox.keySecret
  })
  return {
    sandbox,
    services,
    profile,
    dataDir,
    keychainService,
    ours: () => sandbox.state.integrations.filter((i) => i.type === 'custom' && i.displayName === INTEGRATION_NAME),
    close: async () => {
      await sandbox.close()
      for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
