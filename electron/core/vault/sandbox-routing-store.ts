import { isAppFailure } from '../errors'
import { isKeychainUnavailable } from './keychain-errors'
import type { SecretStore } from './secret-store'

export interface SandboxRoutingOptions {
  /** The OS keychain (through its worker): every real customer's secrets, always. */
  keychain: SecretStore
  /** True for an account of the built-in sandbox's profile (its secrets are made up by the sandbox). */
  isSandboxAccount(account: string): Promise<boolean>
  /** Called with every secret kept in memory, so it is redacted everywhere. */
  onSecret?: (secret: string) => void
}

/** The label the app shows for what this store keeps in memory. */
export const SANDBOX_MEMORY_LABEL = "kept in memory for this session: the sandbox's made-up secrets"

/**
 * The app's secret store: the keychain for everything, except that the built-in sandbox's made-up
 * secrets go to memory, for the life of the process, when the keychain cannot take them (no
 * Secret Service, a locked keyring, a crashed worker). So "Try the sandbox" works on any machine,
 * while a real customer's secret still needs the keychain: never a plaintext fallback, nothing on
 * disk. A secret kept in memory wins over the keychain's until it is stored there or deleted.
 */
export const createSandboxRoutingStore = ({ keychain, isSandboxAccount, onSecret = () => undefined }: SandboxRoutingOptions): SecretStore => {
  const memory = new Map<string, string>()
  const unavailable = (e: unknown): boolean => isAppFailure(e) && isKeychainUnavailable(e.code)

  return {
    get: async (account) => {
      if (!(await isSandboxAccount(account))) return keychain.get(account)
      const kept = memory.get(account)
      if (kept !== undefined) return kept
      try {
        return await keychain.get(account)
      } catch (e) {
        if (unavailable(e)) return null
        throw e
      }
    },
    set: async (account, value) => {
      if (!(await isSandboxAccount(account))) return keychain.set(account, value)
      try {
        await keychain.set(account, value)
        memory.delete(account)
      } catch (e) {
        if (!unavailable(e)) throw e
        onSecret(value)
        memory.set(account, value)
      }
    },
    delete: async (account) => {
      const hadKept = memory.delete(account)
      try {
        return (await keychain.delete(account)) || hadKept
      } catch (e) {
        if (hadKept && unavailable(e)) return true
        throw e
      }
    },
    // The keychain's listing or its error: with the keychain unavailable, a real customer's secret
    // must read "unavailable", never "missing".
    listAccounts: async () => [...new Set([...(await keychain.listAccounts()), ...memory.keys()])],
    status: async () => {
      const s = await keychain.status()
      return memory.size > 0 || !s.available ? { ...s, sandboxInMemory: true } : s
    }
  }
}
