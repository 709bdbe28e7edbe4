import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, SCREENSHOT_DIR, test } from './fixtures'
import { seriousViolations } from './screen-check'

const SECRET = 'e2e-Sëcret-🔑-typed-only-once-9f8e7d6c'


/** The typed secret must be nowhere the page can show or keep it. */
const expectSecretNowhere = async (page: Page) => {
  const found = await page.evaluate((secret) => {
    const html = document.documentElement.outerHTML
    const inputs = [...document.querySelectorAll('input, textarea')].map((i) => (i as HTMLInputElement).value)
    const storages = [localStorage, sessionStorage].map((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n'))
    return { html: html.includes(secret), inputs: inputs.some((v) => v.includes(secret)), storages: storages.some((s) => s.includes(secret)) }
  }, SECRET)
  expect(found).toEqual({ html: false, inputs: false, storages: false })
}

const nav = (page: Page, label: string) => page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: label }).click()

test('add a customer through the form, with inline validation; the secret never reaches the page', async ({ app }) => {
  await nav(app, 'Customers')
  await expect(app.getByTestId('profiles-empty')).toBeVisible()
  await app.getByTestId('add-customer').click()
  const form = app.getByTestId('profile-form')
  await form.getByTestId('field-name').fill('Acme Corp')
  await form.getByTestId('field-subdomain').fill('acme')
  await form.getByTestId('field-appId').fill('5e4af71a81966cfff3ef655')
  await form.getByTestId('field-appId').blur()
  // Shown inline beside the field, with the shared validator's words.
  await expect(form.getByTestId('error-appId')).toContainText('24 hexadecimal characters')
  await form.getByTestId('field-appId').fill('5e4af71a81966cfff3ef6550')
  await expect(form.getByTestId('error-appId')).toHaveCount(0)
  await form.getByTestId('field-keyId').fill('app_5723a347f82ba0516cb4ea34')
  await form.getByTestId('field-keySecret').fill(SECRET)
  // A private gateway without the toggle is refused inline too.
  await form.getByTestId('field-gatewayUrl').fill('http://127.0.0.1:9/gateway')
  await form.getByTestId('profile-save').click()
  await expect(form.getByTestId('error-gatewayUrl')).toContainText('Allow private addresses')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-form.png'), fullPage: true })
  await form.getByTestId('field-gatewayUrl').fill('https://gateway.aissist.io/gateway/zendesk/conversation')
  await expect(form.getByTestId('error-gatewayUrl')).toHaveCount(0)
  await form.getByTestId('profile-save').click()

  await expect(app.getByTestId('profile-form')).toHaveCount(0)
  const row = app.locator('[data-testid="profile-row"][data-profile-name="Acme Corp"]')
  await expect(row).toContainText('acme.zendesk.com')
  await expect(row.getByTestId('keySecret-status')).toHaveAttribute('data-status', 'present')
  await expect(row.getByTestId('active-badge')).toBeVisible()
  await expect(app.getByTestId('active-customer')).toContainText('Acme Corp')
  await expectSecretNowhere(app)

  // Edit: the key secret is write-only — where it is stored, never its value.
  await row.getByTestId('profile-edit').click()
  const secret = app.getByTestId('secret-keySecret')
  await expect(secret.getByTestId('keySecret-backend')).toContainText('Stored in the Secret Service')
  await secret.getByTestId('keySecret-copy').click()
  await expect(secret.getByTestId('keySecret-note')).toContainText('cleared in 30 s')
  await expectSecretNowhere(app)
  expect(await seriousViolations(app)).toEqual([])
  await app.getByRole('button', { name: 'Cancel' }).click()
  await app.reload()
  await expectSecretNowhere(app)
})

test('switch the active customer, then delete one after confirming', async ({ app }) => {
  await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean }>> }).aissist
    const base = { appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34' }
    await bridge.createProfile({ ...base, name: 'Acme Corp', subdomain: 'acme', keySecret: 'acme-secret-value-1' })
    await bridge.createProfile({ ...base, name: 'Globex', subdomain: 'globex' })
  })
  await app.reload()
  await nav(app, 'Customers')
  await expect(app.getByTestId('active-customer')).toContainText('Acme Corp')
  const globex = app.locator('[data-testid="profile-row"][data-profile-name="Globex"]')
  // Globex was created without a key secret: "credentials missing".
  await expect(globex.getByTestId('keySecret-status')).toHaveText('Credentials missing')
  await globex.getByTestId('profile-use').click()
  await expect(app.getByTestId('active-customer')).toContainText('Globex')
  await expect(globex.getByTestId('active-badge')).toBeVisible()
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'profiles.png'), fullPage: true })

  const acme = app.locator('[data-testid="profile-row"][data-profile-name="Acme Corp"]')
  await acme.getByTestId('profile-delete').click()
  const modal = app.getByTestId('delete-modal')
  await expect(modal).toContainText('Delete Acme Corp?')
  await expect(modal).toContainText('deleted from the Secret Service')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-delete.png') })
  // Cancel first: nothing is deleted.
  await modal.getByRole('button', { name: 'Cancel' }).click()
  await expect(acme).toBeVisible()
  await acme.getByTestId('profile-delete').click()
  await app.getByTestId('delete-confirm').click()
  await expect(acme).toHaveCount(0)
  await expect(app.getByTestId('profiles-note')).toContainText('Acme Corp was deleted, with 1 keychain entry')
  await expect(app.getByTestId('active-customer')).toContainText('Globex')
})

test('export and import: a clash is shown and needs an explicit choice', async ({ app }) => {
  await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean }>> }).aissist
    await bridge.createProfile({ name: 'Acme Corp', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34' })
  })
  await app.reload()
  await nav(app, 'Customers')
  await app.getByTestId('export-button').click()
  const json = await app.getByTestId('export-json').inputValue()
  expect(JSON.parse(json)).toBeTruthy()
  await app.getByTestId('import-json').fill(json)
  await app.getByTestId('import-button').click()
  await expect(app.getByTestId('import-conflicts')).toContainText('Acme Corp — same id as an existing customer')
  await expect(app.getByTestId('import-with-strategy')).toBeDisabled()
  await app.getByText('Import them under a new name').click()
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-import.png'), fullPage: true })
  await app.getByTestId('import-with-strategy').click()
  await expect(app.getByTestId('import-result')).toContainText('Imported 1')
  await expect(app.locator('[data-testid="profile-row"][data-profile-name="Acme Corp (imported)"]')).toBeVisible()
})

test('a corrupt customers file is reported prominently, and the edit form never shows a secret', async ({ app, harness }) => {
  writeFileSync(join(harness.info.dataDir, 'profiles.json'), '{"schemaVersion": 1, "profiles": [ broken')
  await app.reload()
  await nav(app, 'Customers')
  await expect(app.getByTestId('vault-warning').first()).toBeVisible()
  await expect(app.getByTestId('vault-warning').first().getByTestId('error-fix')).not.toBeEmpty()
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'profiles-corrupt-file.png'), fullPage: true })

  await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean }>> }).aissist
    await bridge.createProfile({ name: 'Acme Corp', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34', keySecret: 'stored-secret-value-42' })
  })
  await app.reload()
  await app.locator('[data-testid="profile-row"][data-profile-name="Acme Corp"]').getByTestId('profile-edit').click()
  await expect(app.getByTestId('secret-keySecret')).toContainText('Stored in the Secret Service')
  // Replace the key secret: typed once, stored, gone from the page.
  await app.getByTestId('keySecret-replace').click()
  await app.getByTestId('keySecret-new').fill(SECRET)
  await app.getByTestId('keySecret-store').click()
  await expect(app.getByTestId('keySecret-note')).toContainText('stored in the Secret Service')
  await expectSecretNowhere(app)
  expect(await app.evaluate(() => document.documentElement.outerHTML.includes('stored-secret-value-42'))).toBe(false)
  expect(await seriousViolations(app)).toEqual([])
  await app.getByTestId('profile-form').screenshot({ path: join(SCREENSHOT_DIR, 'profiles-edit.png') })
  // Remove asks first.
  await app.getByTestId('keySecret-remove').click()
  await app.getByTestId('keySecret-remove-confirm').click()
  await expect(app.getByTestId('secret-keySecret').getByTestId('keySecret-status')).toHaveText('Credentials missing')
})
