import { createRedactor } from '../../../shared/redact'

/**
 * Every secret one set of services has touched (read from or written to the keychain, typed for
 * one send, sent by a client) is registered here, in memory only, so the logger, error texts,
 * reports and stored gateway answers can redact it wherever it appears — in every encoding the
 * redactor knows, even in a Zendesk error body or a gateway answer that echoes it back.
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

/**
 * A registry of its own for one set of services (one per `createServices`): two services in one
 * process — a test's, the harness's — never share, nor leak into each other's redaction.
 */
export const createSecretRegistry = (): SecretRegistry => new SecretRegistry()
