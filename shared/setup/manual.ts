import { ADMIN_CENTER_AI_AGENTS, ADMIN_CENTER_INTEGRATIONS, INTEGRATION_NAME, triggersInWords, GUIDE_TRIGGERS } from './guide'
import type { ManualSteps } from './types'

/**
 * The guide's manual way, with this customer's exact values: what a failed step shows so the admin
 * can finish in Admin Center without guessing a name or a URL.
 */
export const manualCreateIntegration = (gatewayUrl: string): ManualSteps => ({
  where: ADMIN_CENTER_INTEGRATIONS,
  steps: [
    `In Zendesk, go to ${ADMIN_CENTER_INTEGRATIONS}.`,
    'Click Create integration.',
    'Enter the values below, then save.',
    'Run the setup again: it finds the integration and keeps its webhook secret on this computer (Zendesk shows the secret whenever the integration is opened, so you can also copy it from there into Customers → the customer → Webhook secret).'
  ],
  values: [
    { label: 'Name', value: INTEGRATION_NAME },
    { label: 'Webhook endpoint URL', value: gatewayUrl },
    { label: 'Include full user', value: 'enabled' },
    { label: 'Include full source', value: 'enabled' },
    { label: 'Webhook subscriptions', value: triggersInWords(GUIDE_TRIGGERS) }
  ]
})

/** Editing an existing integration's webhook by hand. */
export const manualRepairWebhook = (gatewayUrl: string): ManualSteps => ({
  where: ADMIN_CENTER_INTEGRATIONS,
  steps: [
    `In Zendesk, go to ${ADMIN_CENTER_INTEGRATIONS}.`,
    `Open ${INTEGRATION_NAME} and edit its webhook.`,
    'Set exactly the values below, then save.'
  ],
  values: [
    { label: 'Webhook endpoint URL', value: gatewayUrl },
    { label: 'Include full user', value: 'enabled' },
    { label: 'Include full source', value: 'enabled' },
    { label: 'Webhook subscriptions', value: triggersInWords(GUIDE_TRIGGERS) }
  ]
})

/** Recreating the webhook by hand (a v1 webhook, or a secret to rotate): delete it, add it again. */
export const manualRecreateWebhook = (gatewayUrl: string): ManualSteps => ({
  where: ADMIN_CENTER_INTEGRATIONS,
  steps: [
    `In Zendesk, go to ${ADMIN_CENTER_INTEGRATIONS}.`,
    `Open ${INTEGRATION_NAME}, delete its webhook, then add a webhook with exactly the values below (a new webhook is version v2 and gets a new secret).`,
    'Run the setup again so this computer keeps the new secret, and enter the same secret in the Aissist gateway.'
  ],
  values: [
    { label: 'Webhook endpoint URL', value: gatewayUrl },
    { label: 'Include full user', value: 'enabled' },
    { label: 'Include full source', value: 'enabled' },
    { label: 'Webhook subscriptions', value: triggersInWords(GUIDE_TRIGGERS) }
  ]
})

/** Removing a duplicate by hand. */
export const manualDeleteDuplicates = (gatewayUrl: string): ManualSteps => ({
  where: ADMIN_CENTER_INTEGRATIONS,
  steps: [
    `In Zendesk, go to ${ADMIN_CENTER_INTEGRATIONS}.`,
    `Keep ${INTEGRATION_NAME}; delete every other integration (or webhook) whose endpoint URL is the gateway below.`
  ],
  values: [
    { label: 'Keep', value: INTEGRATION_NAME },
    { label: 'Gateway URL', value: gatewayUrl }
  ]
})

/** Checking the API key by hand. */
export const manualCheckKey = (appId: string, keyId: string): ManualSteps => ({
  where: 'Admin Center → Apps and integrations → APIs → Conversations API',
  steps: [
    'In Zendesk, go to Admin Center → Apps and integrations → APIs → Conversations API.',
    'Check that a key with this key ID exists for this app; if not, create one and edit the customer with its ID and secret.'
  ],
  values: [
    { label: 'App ID', value: appId },
    { label: 'Key ID', value: keyId }
  ]
})

/** Changing the channel's default responder, per the guide's recommendation. */
export const manualChannelBot = (): ManualSteps => ({
  where: ADMIN_CENTER_AI_AGENTS,
  steps: [
    `In Zendesk, go to ${ADMIN_CENTER_AI_AGENTS}.`,
    `Unassign ${INTEGRATION_NAME} as the channel's AI agent, so new conversations go to your agents first and Aissist works as a backend teammate.`
  ],
  values: [{ label: 'Integration', value: INTEGRATION_NAME }]
})
