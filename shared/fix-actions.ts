/**
 * Fixes the app can carry out itself, declared as data beside a finding (a diagnose link, a setup
 * step, a test event's verdict): the screen shows each as a button, the CLI and the report as
 * words. A finding whose fix only a person can do (in the gateway, in Admin Center) still carries
 * the action that takes them there.
 */

/** Fields of the customer form a fix can open it at (the form's own field names). */
export const CUSTOMER_FORM_FIELDS = ['name', 'subdomain', 'apiBaseUrl', 'appId', 'keyId', 'keySecret', 'webhookSecret', 'gatewayUrl', 'agentName', 'avatarUrl'] as const
export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number]

/**
 * What a guided setup started from a fix has preselected: the changes to apply, the webhook to
 * recreate, the duplicates to delete (each behind its own confirmation), or only the re-read that
 * keeps Zendesk's webhook secret.
 */
export const SETUP_REPAIRS = ['apply', 'recreate-webhook', 'delete-duplicates', 'webhook-secret'] as const
export type SetupRepair = (typeof SETUP_REPAIRS)[number]

/** One fix the app can carry out (its schema, for the contract, is in `contract/fix-actions.ts`). */
export type FixAction =
  /** Store Zendesk's webhook secret for this customer (reads Zendesk, writes only this computer). */
  | { kind: 'resync-webhook-secret'; label: string }
  /** Open the guided setup and start its plan with this repair preselected. */
  | { kind: 'run-setup'; label: string; repair: SetupRepair }
  /** Recreate the webhook (delete + create: a new secret, kept), after a confirmation naming the account. */
  | { kind: 'recreate-webhook'; label: string; reason: 'rotate' | 'version' }
  /** Open the customer's form with this field focused. */
  | { kind: 'edit-customer'; label: string; field: CustomerFormField }
  /** Open the customer's Admin Center at this page (an https URL on the customer's zendesk.com host). */
  | { kind: 'open-admin-center'; label: string; url: string }
  /** Show the values the Aissist gateway needs (app ID, key ID, key secret, webhook secret), each copyable. */
  | { kind: 'gateway-values'; label: string }
export type FixActionKind = FixAction['kind']

/** Every kind, in the order a screen lists them. */
export const FIX_ACTION_KINDS = ['resync-webhook-secret', 'run-setup', 'recreate-webhook', 'edit-customer', 'open-admin-center', 'gateway-values'] as const satisfies readonly FixActionKind[]

// --- The usual actions, worded once ---------------------------------------------------------------

export const RESYNC_SECRET: FixAction = { kind: 'resync-webhook-secret', label: "Store Zendesk's webhook secret" }
export const SHOW_GATEWAY_VALUES: FixAction = { kind: 'gateway-values', label: 'Show the values for the Aissist gateway' }
export const ROTATE_SECRET: FixAction = { kind: 'recreate-webhook', reason: 'rotate', label: 'Rotate the webhook secret…' }
export const RECREATE_AS_V2: FixAction = { kind: 'recreate-webhook', reason: 'version', label: 'Recreate the webhook as version v2…' }

/** "Run the guided setup" (with a repair preselected), in the words of the repair. */
export const runSetupAction = (repair: SetupRepair): FixAction => ({
  kind: 'run-setup',
  repair,
  label:
    repair === 'recreate-webhook'
      ? 'Open the guided setup to recreate the webhook'
      : repair === 'delete-duplicates'
        ? 'Open the guided setup to delete the duplicates'
        : repair === 'webhook-secret'
          ? 'Run the guided setup to store the secret'
          : 'Run the guided setup'
})

const FIELD_WORDS: Record<CustomerFormField, string> = {
  name: 'name',
  subdomain: 'Zendesk subdomain',
  apiBaseUrl: 'API base URL',
  appId: 'app ID',
  keyId: 'key ID',
  keySecret: 'key secret',
  webhookSecret: 'webhook secret',
  gatewayUrl: 'gateway URL',
  agentName: 'agent name',
  avatarUrl: 'avatar URL'
}

/** "Edit the customer's gateway URL". */
export const editCustomerAction = (field: CustomerFormField): FixAction => ({ kind: 'edit-customer', field, label: `Edit the customer's ${FIELD_WORDS[field]}` })

/** The `customer edit` option of each form field. */
const CLI_OPTION: Record<CustomerFormField, string> = {
  name: 'name',
  subdomain: 'subdomain',
  apiBaseUrl: 'api-url',
  appId: 'app-id',
  keyId: 'key-id',
  keySecret: '',
  webhookSecret: '',
  gatewayUrl: 'gateway-url',
  agentName: 'agent-name',
  avatarUrl: 'avatar-url'
}

/** The Admin Center pages a fix opens, under `https://{subdomain}.zendesk.com`. */
export const ADMIN_CENTER_PAGES = {
  integrations: { path: '/admin/apps-integrations/integrations/conversations-integrations', label: 'Open Conversations integrations in Admin Center' },
  apiKeys: { path: '/admin/apps-integrations/apis/conversations-api', label: 'Open the Conversations API keys in Admin Center' },
  aiAgents: { path: '/admin/channels/ai-agents-automation/ai-agents', label: 'Open AI agents in Admin Center' }
} as const
export type AdminCenterPage = keyof typeof ADMIN_CENTER_PAGES

/**
 * The Admin Center action for a customer, or null when the customer is not a `*.zendesk.com`
 * subdomain (the sandbox, an explicit API host): there is no Admin Center to open then.
 */
export const adminCenterAction = (subdomain: string | null | undefined, page: AdminCenterPage): FixAction | null => {
  if (!subdomain || !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(subdomain)) return null
  const p = ADMIN_CENTER_PAGES[page]
  return { kind: 'open-admin-center', label: p.label, url: `https://${subdomain.toLowerCase()}.zendesk.com${p.path}` }
}

/** The actions that exist, in order, without the nulls of actions that do not apply. */
export const actionsOf = (...list: (FixAction | null | undefined | false)[]): FixAction[] => {
  const out: FixAction[] = []
  for (const a of list) if (a && !out.some((b) => b.kind === a.kind && b.label === a.label)) out.push(a)
  return out
}

// --- Words for the CLI and the report -------------------------------------------------------------

const quoteArg = (s: string): string => (/^[A-Za-z0-9_.@%+=:,/-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`)

/**
 * The command line that does the same as an action, for the CLI's output (never for a screen):
 * null for what only the app shows (the customer form, the gateway values panel).
 */
export const fixActionCommand = (a: FixAction, customer: string): string | null => {
  const c = `--customer ${quoteArg(customer)}`
  switch (a.kind) {
    case 'resync-webhook-secret':
      return `aissist-zd setup ${c} --resync-secret`
    case 'run-setup':
      return a.repair === 'recreate-webhook'
        ? `aissist-zd setup ${c} --recreate-webhook`
        : a.repair === 'delete-duplicates'
          ? `aissist-zd setup ${c} --delete-duplicates`
          : `aissist-zd setup ${c}`
    case 'recreate-webhook':
      return a.reason === 'rotate' ? `aissist-zd setup ${c} --rotate-secret` : `aissist-zd setup ${c} --recreate-webhook`
    case 'edit-customer':
      return a.field === 'keySecret' || a.field === 'webhookSecret'
        ? `aissist-zd customer secret set ${quoteArg(customer)} --kind ${a.field === 'keySecret' ? 'key' : 'webhook'}`
        : `aissist-zd customer edit ${quoteArg(customer)} --${CLI_OPTION[a.field]} …`
    case 'open-admin-center':
      return null
    case 'gateway-values':
      return null
  }
}

/** One action in words: its label, and what it opens when it opens a page. */
export const fixActionWords = (a: FixAction): string => (a.kind === 'open-admin-center' ? `${a.label.replace(/…$/, '')} (${a.url})` : a.label.replace(/…$/, ''))

/** The actions as CLI lines: "Store Zendesk's webhook secret: aissist-zd setup --customer Acme --resync-secret". */
export const fixActionLines = (actions: readonly FixAction[] | undefined, customer: string): string[] =>
  (actions ?? []).map((a) => {
    const cmd = fixActionCommand(a, customer)
    return cmd ? `${fixActionWords(a)}: ${cmd}` : `${fixActionWords(a)} (in the app)`
  })
