import { createRedactor } from '../../../shared/redact'

/**
 * Every secret the process has touched (read from or written to the keychain, typed for one send)
 * is registered here, in memory only, so the logger, error texts and reports can redact it
 * wherever it appears — even in a Zendesk error body that echoes it back.
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>()
  private readonly pairs = new Map<string, [string, string]>()
  private redactor: (s: string) => string = createRedactor([])

  /** Registers a secret; `keyId` also hides the HTTP Basic form `base64(keyId:secret)`. */
  add(secret: string | null | undefined, keyId?: string): void {
    if (!secret) return
    const before = this.secrets.size + this.pairs.size
    this.secrets.add(secret)
    if (keyId) this.pairs.set(`${keyId}\u0000${secret}`, [keyId, secret])
    if (this.secrets.size + this.pairs.size !== before) this.rebuild()
  }

  redact = (text: string): string => this.redactor(text)

  private rebuild(): void {
    this.redactor = createRedactor(this.secrets, this.pairs.values())
  }
}

/** The process-wide registry: one process, one set of secrets it has seen. */
export const secretRegistry = new SecretRegistry()
