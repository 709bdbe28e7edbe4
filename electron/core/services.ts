import { mkdirSync } from 'node:fs'
import { defaultDataDir, defaultKeychainService } from './platform/paths'
import { createLogger, type Logger, type LogLevel } from './platform/logger'
import { createSecretRegistry, type SecretRegistry } from './platform/secret-registry'
import { Vault, type VaultOptions } from './vault/vault'

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
}

/** Builds the core's services for one process. */
export const createServices = (options: ServicesOptions = {}): Services => {
  const dataDir = options.dataDir ?? defaultDataDir()
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  let vault: Vault | undefined
  const secrets = createSecretRegistry()
  const logger = createLogger({ dir: dataDir, level: options.logLevel ?? (options.verbose ? 'debug' : 'info'), echo: options.verbose, secrets })
  return {
    dataDir,
    keychainService: options.keychainService ?? defaultKeychainService(),
    logger,
    secrets,
    get vault(): Vault {
      vault ??= new Vault({ dataDir, keychainService: this.keychainService, logger, secrets, ...options.vault })
      return vault
    }
  }
}
