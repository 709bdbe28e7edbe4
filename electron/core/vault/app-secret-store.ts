import type { Profile } from '../../../shared/schemas/profile'
import { readSandboxMarker } from '../sandbox/marker'
import type { FixAudience } from './keychain-errors'
import { acquireSharedConnection, createWorkerSecretStore } from './keychain-worker/client'
import { createKeychainConnection } from './keychain-worker/connection'
import { nodeKeychainWorkerSpawner } from './keychain-worker/node-worker'
import type { SpawnKeychainWorker } from './keychain-worker/protocol'
import { createSandboxRoutingStore } from './sandbox-routing-store'
import { parseAccount, type SecretStore } from './secret-store'

export interface AppSecretStoreOptions {
  dataDir: string
  service: string
  /** Starts the keychain worker (Electron's main injects a utilityProcess; default: a Node child). */
  spawnWorker?: SpawnKeychainWorker
  timeoutMs?: number
  audience?: FixAudience
  onSecret: (secret: string) => void
  /** The vault's profile lookup (the sandbox's profile must still point at this computer). */
  findProfile(id: string): Promise<Profile | null>
}

let spawner: SpawnKeychainWorker | null = null
const defaultSpawner = (): SpawnKeychainWorker => (spawner ??= nodeKeychainWorkerSpawner())

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

const onThisComputer = (p: Profile): boolean => {
  if (!p.apiBaseUrl) return false
  try {
    return LOOPBACK.has(new URL(p.apiBaseUrl).hostname)
  } catch {
    return false
  }
}

/**
 * The secret store Services gives the vault: keytar in a worker process, with the sandbox's
 * made-up secrets routed to memory when the keychain is unavailable. An account is the sandbox's
 * when the data folder's sandbox marker names its profile and that profile still talks to this
 * computer (a profile edited to point at a real Zendesk never has its secret kept in memory).
 */
export const createAppSecretStore = (options: AppSecretStoreOptions): { store: SecretStore; stop(): Promise<void> } => {
  // An injected spawner (Electron's utilityProcess) gets a worker of its own; plain Node hosts share
  // the process's one worker (tests build many Services in one process).
  const own = options.spawnWorker ? createKeychainConnection(options.spawnWorker) : null
  const { connection, release } = own ? { connection: own, release: () => own.stop() } : acquireSharedConnection(defaultSpawner())
  const keychain = createWorkerSecretStore({
    service: options.service,
    connection,
    timeoutMs: options.timeoutMs,
    audience: options.audience,
    onSecret: options.onSecret
  })
  const isSandboxAccount = async (account: string): Promise<boolean> => {
    const parsed = parseAccount(account)
    if (!parsed) return false
    const marker = await readSandboxMarker(options.dataDir)
    if (marker?.profileId !== parsed.profileId) return false
    const profile = await options.findProfile(parsed.profileId)
    return profile === null || onThisComputer(profile)
  }
  return { store: createSandboxRoutingStore({ keychain, isSandboxAccount, onSecret: options.onSecret }), stop: release }
}
