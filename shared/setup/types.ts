import { z } from 'zod'

/**
 * What the setup learns about an account, as data: the diagnose feature, the contract and the
 * plan all read the same shape, so a drift found by one is described the same way by the others.
 */

export const DriftField = z.enum(['target', 'triggers', 'includeFullUser', 'includeFullSource', 'webhook-missing'])
export type DriftField = z.infer<typeof DriftField>

/** One setting of the existing webhook that differs from the guide. */
export const Drift = z.object({
  field: DriftField,
  expected: z.unknown(),
  actual: z.unknown(),
  message: z.string()
})
export type Drift = z.infer<typeof Drift>

/** The integration's webhook, secret-free. */
export const InspectedWebhook = z.object({
  id: z.string(),
  target: z.string(),
  triggers: z.array(z.string()),
  includeFullUser: z.boolean(),
  includeFullSource: z.boolean()
})
export type InspectedWebhook = z.infer<typeof InspectedWebhook>

/** Another integration or webhook delivering to the gateway: every message would arrive twice. */
export const Duplicate = z.object({
  integrationId: z.string(),
  displayName: z.string(),
  /** The webhook that delivers to the gateway; null for a copy of our integration with no webhook. */
  webhookId: z.string().nullable(),
  target: z.string(),
  reason: z.string(),
  /** What removing it means: the whole integration, or only its webhook (other webhooks stay). */
  remove: z.enum(['integration', 'webhook'])
})
export type Duplicate = z.infer<typeof Duplicate>

/** Who answers new conversations first, and whether that is Aissist (the guide advises against it). */
export const ChannelBot = z.object({
  aissistIsDefault: z.boolean(),
  switchboardId: z.string().nullable(),
  defaultIntegration: z.object({ id: z.string(), name: z.string(), integrationType: z.string() }).nullable(),
  message: z.string()
})
export type ChannelBot = z.infer<typeof ChannelBot>

/** Everything setup and diagnose need to know about the account, read-only. */
export const AccountInspection = z.object({
  app: z.object({ id: z.string(), displayName: z.string().optional() }),
  integration: z
    .object({ id: z.string(), displayName: z.string(), webhook: InspectedWebhook.nullable() })
    .nullable(),
  drift: z.array(Drift),
  duplicates: z.array(Duplicate),
  channelBot: ChannelBot
})
export type AccountInspection = z.infer<typeof AccountInspection>

/** One change the setup would make, in the words an admin uses in Admin Center. */
export const PlanItem = z.object({
  id: z.string(),
  kind: z.enum(['create-integration', 'create-webhook', 'update-webhook', 'delete-duplicate']),
  /** "Create the integration", "Turn on Include full user"… */
  title: z.string(),
  /** The setting as it is now, in words; null when it does not exist yet. */
  before: z.string().nullable(),
  /** The setting after the change; null when it is removed. */
  after: z.string().nullable(),
  /** Which confirmation it needs: the apply itself, or the separate one for deleting. */
  confirm: z.enum(['apply', 'deleteDuplicates']),
  /** The field a webhook update changes. */
  field: DriftField.optional(),
  integrationId: z.string().optional(),
  webhookId: z.string().optional()
})
export type PlanItem = z.infer<typeof PlanItem>

/** The account a write goes to, named in the plan, every step and every output. */
export const WriteTargetInfo = z.object({ customer: z.string(), account: z.string(), appId: z.string() })
export type WriteTargetInfo = z.infer<typeof WriteTargetInfo>

/** A labelled value the admin copies into Admin Center. */
export const ManualValue = z.object({ label: z.string(), value: z.string() })

/** How to do a step by hand, with the exact values. */
export const ManualSteps = z.object({
  where: z.string(),
  steps: z.array(z.string()),
  values: z.array(ManualValue)
})
export type ManualSteps = z.infer<typeof ManualSteps>
