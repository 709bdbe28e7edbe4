import { describe, expect, it } from 'vitest'
import { FixActionSchema } from './contract/fix-actions'
import { RESYNC_SECRET, ROTATE_SECRET, actionsOf, adminCenterAction, editCustomerAction, fixActionCommand, fixActionLines, runSetupAction } from './fix-actions'

describe('fix actions', () => {
  it('are valid contract data, the usual ones worded once', () => {
    for (const a of [RESYNC_SECRET, ROTATE_SECRET, runSetupAction('recreate-webhook'), editCustomerAction('gatewayUrl'), adminCenterAction('acme', 'integrations')!]) {
      expect(FixActionSchema.parse(a)).toEqual(a)
    }
  })

  it('open Admin Center only on a real zendesk.com subdomain', () => {
    expect(adminCenterAction('Acme', 'apiKeys')).toEqual({ kind: 'open-admin-center', label: 'Open the Conversations API keys in Admin Center', url: 'https://acme.zendesk.com/admin/apps-integrations/apis/conversations-api' })
    expect(adminCenterAction(undefined, 'integrations')).toBeNull()
    expect(adminCenterAction('evil.com/x', 'integrations')).toBeNull()
    expect(actionsOf(null, RESYNC_SECRET, false, RESYNC_SECRET)).toEqual([RESYNC_SECRET])
  })

  it('read as words and commands on the command line (quoted), never on screen', () => {
    expect(fixActionCommand(RESYNC_SECRET, "Bob's Co")).toBe("aissist-zd setup --customer 'Bob'\\''s Co' --resync-secret")
    expect(fixActionCommand(editCustomerAction('apiBaseUrl'), 'acme')).toBe('aissist-zd customer edit acme --api-url …')
    expect(fixActionCommand(editCustomerAction('webhookSecret'), 'acme')).toBe('aissist-zd customer secret set acme --kind webhook')
    expect(fixActionLines([ROTATE_SECRET, { kind: 'gateway-values', label: 'Show the values' }], 'acme')).toEqual([
      'Rotate the webhook secret: aissist-zd setup --customer acme --rotate-secret',
      'Show the values (in the app)'
    ])
  })
})
