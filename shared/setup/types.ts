import { z } from 'zod'

/**
 * What the setup learns about an account, as data: the diagnose feature, the contract and the
 * plan all read the same shape, so a drift found by one is described the same way by the others.
 */

export const DriftField = z.enum(['version', 'target', 'triggers', 'includeFullUser', 'includeFullSource', 'webhook-missing'])
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
  /** The payload version it sends (`v2` is the shape the gateway reads; `v1`, `v1.1` differ). */
  version: z.string(),
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

/** Aissist's place in the switchboard: who it is there, and whether it hears conversations it does not lead. */
export const AissistSwitchboardMember = z.object({
  /** The switchboard integration's own ID (what a PATCH names). */
  id: z.string(),
  name: z.string(),
  integrationId: z.string(),
  /** Zendesk sends it a conversation's events while another responder is active only when this is on. */
  deliverStandbyEvents: z.boolean()
})
export type AissistSwitchboardMember = z.infer<typeof AissistSwitchboardMember>

/** A channel that names its own first responder (`defaultResponderId`), overriding the switchboard's. */
export const ChannelResponder = z.object({
  integrationId: z.string(),
  type: z.string(),
  displayName: z.string().nullable(),
  responder: z.object({ name: z.string().nullable(), integrationId: z.string().nullable(), integrationType: z.string().nullable() }),
  /** The responder is Aissist's own integration. */
  aissist: z.boolean()
})
export type ChannelResponder = z.infer<typeof ChannelResponder>

/** Who answers new conversations first, and whether that is Aissist (the guide advises against it). */
export const ChannelBot = z.object({
  aissistIsDefault: z.boolean(),
  switchboardId: z.string().nullable(),
  defaultIntegration: z.object({ id: z.string(), name: z.string(), integrationType: z.string() }).nullable(),
  message: z.string(),
  /** False when the app's switchboard is off: then every integration gets every event. */
  switchboardEnabled: z.boolean().optional(),
  /** Aissist's switchboard integration; null when Aissist is not in the switchboard (it then gets every event). */
  aissistMember: AissistSwitchboardMember.nullable().optional(),
  /** Channels whose own `defaultResponderId` sends their new conversations to a given responder first. */
  channels: z.array(ChannelResponder).optional()
})
export type ChannelBot = z.infer<typeof ChannelBot>

/** One integration holding some of the app's webhooks. */
export const WebhookHolder = z.object({ integrationId: z.string(), displayName: z.string(), type: z.string(), webhooks: z.number().int() })
export type WebhookHolder = z.infer<typeof WebhookHolder>

/** The app's webhooks against Zendesk's limit (tag Webhooks: "An app is limited to 10 webhooks"). */
export const WebhookLimit = z.object({
  used: z.number().int(),
  limit: z.number().int(),
  /** The integrations holding them, most first. */
  holders: z.array(WebhookHolder)
})
export type WebhookLimit = z.infer<typeof WebhookLimit>

/** Everything setup and diagnose need to know about the account, read-only. */
export const AccountInspection = z.object({
  app: z.object({ id: z.string(), displayName: z.string().optional() }),
  integration: z
    .object({ id: z.string(), displayName: z.string(), webhook: InspectedWebhook.nullable() })
    .nullable(),
  drift: z.array(Drift),
  duplicates: z.array(Duplicate),
  channelBot: ChannelBot,
  /** Every webhook of the app, counted across all its integrations from the same list. */
  webhookLimit: WebhookLimit.optional()
})
export type AccountInspection = z.infer<typeof AccountInspection>

/** One change the setup would make, in the words an admin uses in Admin Center. */
export const PlanItem = z.object({
  id: z.string(),
  kind: z.enum(['create-integration', 'create-webhook', 'update-webhook', 'recreate-webhook', 'update-switchboard', 'delete-duplicate']),
  /** "Create the integration", "Turn on Include full user"… */
  title: z.string(),
  /** The setting as it is now, in words; null when it does not exist yet. */
  before: z.string().nullable(),
  /** The setting after the change; null when it is removed. */
  after: z.string().nullable(),
  /**
   * Which confirmation it needs: the apply itself, the separate one for deleting duplicates, or the
   * one for recreating the webhook (delete + create: a new secret the gateway must be given).
   */
  confirm: z.enum(['apply', 'deleteDuplicates', 'recreateWebhook']),
  /** Why a webhook is recreated: its payload version, or a secret rotation asked for. */
  reason: z.enum(['version', 'rotate']).optional(),
  /** The field a webhook update changes. */
  field: DriftField.optional(),
  integrationId: z.string().optional(),
  webhookId: z.string().optional(),
  /** The switchboard integration a switchboard update changes. */
  switchboardIntegrationId: z.string().optional(),
  switchboardId: z.string().optional()
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
