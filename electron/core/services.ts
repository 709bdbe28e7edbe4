import { mkdirSync } from 'node:fs'
import { defaultDataDir, defaultKeychainService, secureDataDir } from './platform/paths'
import { createLogger, type Logger, type LogLevel } from './platform/logger'
import { createSecretRegistry, type SecretRegistry } from './platform/secret-registry'
import { Lifecycle, type ShutdownHook } from './lifecycle'
import { DoctorResults } from './doctor/results'
import { Vault, type VaultOptions } from './vault/vault'
import { createAppSecretStore } from './vault/app-secret-store'
import type { FixAudience } from './vault/keychain-errors'
import type { SpawnKeychainWorker } from './vault/keychain-worker/protocol'

export interface ServicesOptions {
  /** The data folder; defaults to `AISSIST_DATA_DIR` or the OS default (Electron's userData). */
  dataDir?: string
  /** The keychain service name; defaults to `AISSIST_KEYCHAIN_SERVICE` or the app's own. */
  keychainService?: string
  logLevel?: LogLevel
  /** Echo log lines to stderr (the CLI's `--verbose`). */
  verbose?: boolean
  /** Vault tuning (keychain timeout, clipboard clear delay) for tests and hosts. */
  vault?: Pick<VaultOptions, 'keychainTimeoutMs' | 'clipboardClearMs'>
  /** Who reads keychain fixes: the app's screens (default, no shell commands) or a terminal (the CLI). */
  audience?: FixAudience
  /** Starts the keychain worker: Electron's main injects a utilityProcess; plain Node forks a child. */
  spawnKeychainWorker?: SpawnKeychainWorker
}

/**
 * Everything the core needs, built once per process by whichever host runs it (Electron main, the
 * harness, the CLI). Features add their service here, built from these basics.
 */
export interface Services {
  readonly dataDir: string
  readonly keychainService: string
  readonly logger: Logger
  readonly secrets: SecretRegistry
  /** Profiles and their keychain secrets (built on first use, so `--help` never touches the keychain). */
  readonly vault: Vault
  /** Each customer's last diagnose run in this process (what reports are made from). */
  readonly doctorResults: DoctorResults
  /** Registers what must be undone before this process ends; the returned function unregisters it. */
  onShutdown(hook: ShutdownHook): () => void
  /** Runs every registered hook once, bounded (the host calls it on quit). */
  shutdown(timeoutMs?: number): Promise<void>
}

/** Builds the core's services for one process. */
export const createServices = (options: ServicesOptions = {}): Services => {
  const dataDir = options.dataDir ?? defaultDataDir()
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  let vault: Vault | undefined
  const lifecycle = new Lifecycle()
  const tightened = secureDataDir(dataDir)
  const secrets = createSecretRegistry()
  const logger = createLogger({ dir: dataDir, level: options.logLevel ?? (options.verbose ? 'debug' : 'info'), echo: options.verbose, secrets })
  if (tightened) logger[tightened.level](tightened.message, tightened.fields)
  return {
    dataDir,
    keychainService: options.keychainService ?? defaultKeychainService(),
    logger,
    secrets,
    get vault(): Vault {
      if (!vault) {
        // keytar runs in a worker process (it can crash on a locked keyring), started on first use.
        const secretStore = createAppSecretStore({
          dataDir,
          service: this.keychainService,
          spawnWorker: options.spawnKeychainWorker,
          timeoutMs: options.vault?.keychainTimeoutMs,
          audience: options.audience,
          onSecret: (s) => secrets.add(s),
          findProfile: (id) => created.findProfile(id)
        })
        lifecycle.onShutdown(() => secretStore.stop())
        const created: Vault = new Vault({ dataDir, keychainService: this.keychainService, logger, secrets, ...options.vault, secretStore: secretStore.store })
        // A secret copied to the clipboard never outlives the process there.
        lifecycle.onShutdown(() => {
          created.clearClipboardIfOurs()
        })
        vault = created
      }
      return vault
    },
    doctorResults: new DoctorResults(),
    onShutdown: (hook) => lifecycle.onShutdown(hook),
    shutdown: (timeoutMs) => lifecycle.shutdown(timeoutMs)
  }
}
