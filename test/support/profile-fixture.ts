import type { Profile } from '../../shared/schemas/profile'

/**
 * A valid stored profile number `n`, for tests and benches that fill the profiles file directly
 * (bypassing the vault's own create, which would also touch the keychain).
 */
export const storedProfile = (n: number, overrides: Partial<Profile> = {}): Profile => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Customer ${n}`,
  subdomain: `customer-${n}`,
  appId: '5e4af71a81966cfff3ef6550',
  keyId: 'app_5723a347f82ba0516cb4ea34',
  gatewayUrl: 'https://gateway.aissist.io/gateway/zendesk/conversation',
  agentName: 'Aissist',
  avatarUrl: '',
  allowPrivate: false,
  notes: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides
})
