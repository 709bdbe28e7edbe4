import { createRedactor, redactDeep } from '../redact'
import type { DoctorReport } from '../contract/doctor'

/**
 * A report leaves the machine (pasted into a ticket), so every secret must go, wherever it hides:
 * in an evidence field, in a Zendesk message that echoes the key back, in a header. Every redactor
 * given runs over every string; the rendered text runs through them again.
 */
export type Redact = (text: string) => string

/** Chains redactors: the process registry, and one built from the profile's actual secrets. */
export const composeRedactors = (...redactors: Redact[]): Redact => (text) => redactors.reduce((t, r) => r(t), text)

/** A redactor for the profile's own secrets (and the key's HTTP Basic form). */
export const profileSecretRedactor = (secrets: { keyId: string; keySecret?: string | null; webhookSecret?: string | null }): Redact =>
  createRedactor(
    [secrets.keySecret, secrets.webhookSecret].filter((s): s is string => Boolean(s)),
    secrets.keySecret ? [[secrets.keyId, secrets.keySecret]] : []
  )

/** Every string of the report redacted; secret-named keys blanked whatever their value. */
export const redactReport = (report: DoctorReport, redact: Redact): DoctorReport => redactDeep(report, redact)
