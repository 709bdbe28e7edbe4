import { z } from 'zod'
import { CUSTOMER_FORM_FIELDS, SETUP_REPAIRS, type FixAction } from '../fix-actions'

/**
 * The schema of a fix the app can carry out, as the contract carries it beside a finding (the
 * type, the usual actions and their words are in `shared/fix-actions.ts`, free of zod for the
 * command line and the first screen).
 */

const label = z.string().min(1).max(120)

export const FixActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resync-webhook-secret'), label }),
  z.object({ kind: z.literal('run-setup'), label, repair: z.enum(SETUP_REPAIRS) }),
  z.object({ kind: z.literal('recreate-webhook'), label, reason: z.enum(['rotate', 'version']) }),
  z.object({ kind: z.literal('edit-customer'), label, field: z.enum(CUSTOMER_FORM_FIELDS) }),
  z.object({ kind: z.literal('open-admin-center'), label, url: z.string().url().max(2048) }),
  z.object({ kind: z.literal('gateway-values'), label })
]) satisfies z.ZodType<FixAction>

/** A list of fixes (a finding rarely has more than three). */
export const FixActions = z.array(FixActionSchema).max(6)
