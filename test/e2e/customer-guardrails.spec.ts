import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import keytar from 'keytar'
import { expect, SCREENSHOT_DIR, test } from './fixtures'
import { seriousViolations } from './screen-check'

/**
 * The customer screens' guardrails in a real Chromium: the form completes a zendesk.com API base
 * with /sc and says so, warns about an account key and refuses a name that would forge what people
 * see; removing keychain leftovers lists exactly what goes (never another data folder's entries);
 * an import that would point a customer at other hosts says so and removes its secrets.
 */
const nav = (page: Page, label: string) => page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: label }).click()

type Bridge = Record<string, (i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>>
const bridge = async (page: Page, channel: string, input: unknown): Promise<unknown> => {
  const r = await page.evaluate(async ({ channel, input }) => (window as unknown as { aissist: Bridge }).aissist[channel](input), { channel, input })
  expect(r, `${channel}: ${JSON.stringify(r)}`).toMatchObject({ ok: true })
  return r.value
}

const BASE = { appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34' }

test('the form completes a zendesk.com API base with /sc, warns about an act_ key, refuses a forged name', async ({ app }) => {
  await nav(app, 'Customers')
  await app.getByTestId('add-customer').click()
  const form = app.getByTestId('profile-form')
  await form.getByTestId('field-name').fill('Acme\u202eevil')
  await form.getByTestId('field-name').blur()
  await expect(form.getByTestId('error-name')).toContainText('Customer name contains a text-direction override')
  await form.getByTestId('field-name').fill('Acme Corp')
  await form.getByText('By API base URL').click()
  await form.getByTestId('field-apiBaseUrl').fill('https://acme.zendesk.com')
  await expect(form.getByTestId('notice-apiBaseUrl')).toContainText('https://acme.zendesk.com/sc')
  await form.getByTestId('field-appId').fill(BASE.appId)
  await form.getByTestId('field-keyId').fill('act_5963ceb97cde542d000dbdb1')
  await expect(form.getByTestId('notice-keyId')).toContainText('account-scoped key')
  await form.getByTestId('field-gatewayUrl').fill('https://evil.example\\@gateway.aissist.io/x')
  await form.getByTestId('field-gatewayUrl').blur()
  await expect(form.getByTestId('error-gatewayUrl')).toContainText('backslash')
  expect(await seriousViolations(app)).toEqual([])
  await form.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-form-guardrails.png') })
  await form.getByTestId('field-gatewayUrl').fill('https://gateway.aissist.io/gateway/zendesk/conversation')
  await form.getByTestId('field-keySecret').fill('guardrails-key-secret-1234567890')
  await form.getByTestId('profile-save').click()
  const row = app.locator('[data-testid="profile-row"][data-profile-name="Acme Corp"]')
  await expect(row).toBeVisible()
  const { profile } = (await bridge(app, 'getProfile', { ref: 'Acme Corp' })) as { profile: { apiBaseUrl: string } }
  expect(profile.apiBaseUrl).toBe('https://acme.zendesk.com/sc')
})

test('removing keychain leftovers lists exactly what goes, and never another data folder\'s entries', async ({ app, harness, keychainService }) => {
  await bridge(app, 'createProfile', { ...BASE, name: 'Acme Corp', subdomain: 'acme', keySecret: 'in-use-key-secret-1234567890' })
  const storeId = (JSON.parse(readFileSync(join(harness.info.dataDir, 'profiles.json'), 'utf8')) as { storeId: string }).storeId
  const orphan = `${storeId}/${randomUUID()}:keySecret`
  const elsewhere = `${randomUUID()}/${randomUUID()}:keySecret`
  await keytar.setPassword(keychainService, orphan, 'left-behind-secret-1234567890')
  await keytar.setPassword(keychainService, elsewhere, 'another-folders-secret-1234567890')
  try {
    await app.reload()
    await nav(app, 'Customers')
    const section = app.getByTestId('orphan-secrets')
    await expect(section).toContainText(orphan)
    await expect(section).not.toContainText(elsewhere)
    await expect(section.getByTestId('orphans-kept')).toContainText('1 of other data folders')
    await section.getByRole('button', { name: `Remove keychain entry ${orphan}` }).click()
    const modal = app.getByTestId('orphans-modal')
    await expect(modal.getByTestId('orphans-to-remove')).toHaveText(new RegExp(`^${orphan}`))
    expect(await seriousViolations(app)).toEqual([])
    await app.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-orphans-remove.png') })
    await modal.getByRole('button', { name: 'Cancel' }).click()
    expect(await keytar.getPassword(keychainService, orphan)).not.toBeNull()
    await section.getByRole('button', { name: `Remove keychain entry ${orphan}` }).click()
    await app.getByTestId('orphans-confirm').click()
    await expect(app.getByTestId('orphan-secrets')).toHaveCount(0)
    expect(await keytar.getPassword(keychainService, orphan)).toBeNull()
    expect(await keytar.getPassword(keychainService, elsewhere)).toBe('another-folders-secret-1234567890')
    const { profile } = (await bridge(app, 'getProfile', { ref: 'Acme Corp' })) as { profile: { keySecretStatus: string } }
    expect(profile.keySecretStatus).toBe('present')
  } finally {
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
  }
})

test('an import that points a customer at other hosts says what changes, and replacing removes its secrets', async ({ app, keychainService }) => {
  await bridge(app, 'createProfile', { ...BASE, name: 'Acme Corp', subdomain: 'acme', keySecret: 'replace-key-secret-1234567890' })
  try {
    await app.reload()
    await nav(app, 'Customers')
    const json = JSON.stringify({ format: 'aissist-zendesk-profiles', version: 1, profiles: [{ ...BASE, name: 'Acme Corp', apiBaseUrl: 'https://api.smooch.io', gatewayUrl: 'https://hooks.example.com/in' }] })
    await app.getByTestId('import-json').fill(json)
    await app.getByTestId('import-button').click()
    const conflicts = app.getByTestId('import-conflicts')
    await expect(conflicts).toContainText('API host acme.zendesk.com → api.smooch.io')
    await expect(conflicts).toContainText('gateway host gateway.aissist.io → hooks.example.com')
    await expect(conflicts).toContainText('Its stored secrets would be removed')
    await conflicts.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-import-hosts.png') })
    await app.getByText('Replace the existing customers').click()
    await app.getByTestId('import-with-strategy').click()
    await expect(app.getByTestId('import-notes')).toContainText('its secrets were removed')
    const row = app.locator('[data-testid="profile-row"][data-profile-name="Acme Corp"]')
    await expect(row.getByTestId('keySecret-status')).toHaveAttribute('data-status', 'missing')
    expect(await seriousViolations(app)).toEqual([])
  } finally {
    for (const c of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, c.account)
  }
})
