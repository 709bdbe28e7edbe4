import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { bridgeCall, createSandboxProfile, expect, SCREENSHOT_DIR, sandboxTest as test } from './fixtures'
import { checkScreen, openScreen, settle } from './screen-check'

/**
 * Issue 17, items 6 and 7 on Customers, by keyboard alone where it is about focus: opening "Add a
 * customer" lands in its first field, a refused submit on the first error (named by its label,
 * highlighted), adding on the new customer in the list, deleting on the list; and importing from
 * a file through a file picker as well as by pasting.
 */

/** What has the focus: its test id, its name, and the customer row it sits in. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return {
      testId: el?.getAttribute('data-testid') ?? '',
      name: el?.getAttribute('name') ?? '',
      row: el?.closest<HTMLElement>('[data-testid="profile-row"]')?.dataset.profileName ?? null
    }
  })

/** Presses Tab until the focus is on the element with this test id (keyboard only). */
const tabTo = async (page: Page, testId: string, max = 60): Promise<void> => {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).testId === testId) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${testId}`)
}

/** Opens a screen from the navigation with the keyboard. */
const openByKeyboard = async (page: Page, route: string, heading: string): Promise<void> => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((r) => document.activeElement?.getAttribute('data-route') === r, route)) break
  }
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

test('keyboard only: add lands in the first field, a refused submit on the first error, the new customer in the list; delete leaves the focus on the list', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await openByKeyboard(app, 'profiles', 'Customers')

  await tabTo(app, 'add-customer')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('profile-form')).toBeVisible()
  expect((await focused(app)).name).toBe('name')

  // A name and nothing else: Enter submits, the focus goes to the first field in error.
  await app.keyboard.type('Acme Corp')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('error-subdomain')).toBeVisible()
  expect((await focused(app)).name).toBe('subdomain')

  await app.keyboard.type('acme')
  await app.keyboard.press('Tab')
  await app.keyboard.type('5e4af71a81966cfff3ef6550')
  await app.keyboard.press('Tab')
  await app.keyboard.type('app_5723a347f82ba0516cb4ea34')
  await app.keyboard.press('Tab')
  expect((await focused(app)).name).toBe('keySecret')
  await app.keyboard.type('a-key-secret-typed-by-keyboard')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('profiles-note')).toContainText('Acme Corp was added')
  await expect.poll(async () => (await focused(app)).row).toBe('Acme Corp')

  // Delete it from its row, confirm in the dialog: the focus stays on the list.
  await tabTo(app, 'profile-delete')
  expect((await focused(app)).row).toBe('Acme Corp')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('delete-modal')).toBeVisible()
  await tabTo(app, 'delete-confirm')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('profiles-note')).toContainText('Acme Corp was deleted')
  await expect.poll(async () => (await focused(app)).row).toBe('Sandbox Co')
})

test('a value the core refuses is highlighted and named by its label, and the focus goes to it', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await openScreen(app, 'Customers')
  await app.getByTestId('add-customer').click()
  // The same name in another case: only the core knows it is taken.
  await app.getByTestId('field-name').fill('SANDBOX CO')
  await app.getByTestId('field-subdomain').fill('acme')
  await app.getByTestId('field-appId').fill('5e4af71a81966cfff3ef6550')
  await app.getByTestId('field-keyId').fill('app_5723a347f82ba0516cb4ea34')
  await app.getByTestId('field-keySecret').fill('another-key-secret')
  await app.getByTestId('profile-save').click()
  const notice = app.getByTestId('profile-form').getByTestId('error-notice')
  await expect(notice).toBeVisible()
  await expect(notice.getByTestId('error-fields')).toContainText('Customer name')
  await expect(notice).toContainText('Correct the highlighted values')
  await expect(notice.getByTestId('error-fields').locator('li')).toHaveText([/^Customer name: Another customer/])
  await expect(notice).not.toContainText(/(?<![-\w])profiles?\b/)
  await expect(app.getByTestId('error-name')).toContainText('Another customer already has this name')
  await expect(app.getByTestId('field-name')).toHaveAttribute('aria-invalid', 'true')
  await expect(app.getByTestId('field-name')).toBeFocused()
  await checkScreen(app, 'ui-customer-refused')
  // For the README: the refused value and the notice naming it, in one view.
  await app.setViewportSize({ width: 1280, height: 800 })
  await notice.evaluate((el) => el.scrollIntoView({ block: 'end' }))
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme })
    await settle(app)
    await app.screenshot({ path: join(SCREENSHOT_DIR, `ui-customer-refused-notice${scheme === 'dark' ? '-dark' : ''}.png`) })
  }
})

test('import from a file chosen in a file picker, as well as by pasting', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  const { json } = await bridgeCall<{ json: string }>(app, 'exportProfiles', {})
  const renamed = json.replace(/"Sandbox Co"/g, '"Globex From File"').replace(/"id":\s*"[^"]+"/g, '"id": "6a1b2c3d-0000-4000-8000-000000000001"')
  const file = join(mkdtempSync(join(tmpdir(), 'ui-import-')), 'globex-customers.json')
  writeFileSync(file, renamed)
  await openScreen(app, 'Customers')

  const chooser = app.waitForEvent('filechooser')
  await app.getByTestId('import-choose-file').click()
  await (await chooser).setFiles(file)
  await expect(app.getByTestId('import-loaded')).toContainText('globex-customers.json is loaded')
  await expect(app.getByTestId('import-json')).toHaveValue(/Globex From File/)
  await expect(app.getByTestId('import-button')).toBeFocused()
  await app.getByTestId('import-button').click()
  await expect(app.getByTestId('import-result')).toContainText('Imported 1')
  await expect(app.locator('[data-testid="profile-row"][data-profile-name="Globex From File"]')).toBeVisible()

  // A file that is no export: the error says what to do on screen, with no command in it.
  const bad = join(mkdtempSync(join(tmpdir(), 'ui-import-')), 'notes.json')
  writeFileSync(bad, '{"hello": "world"}')
  const chooser2 = app.waitForEvent('filechooser')
  await app.getByTestId('import-choose-file').click()
  await (await chooser2).setFiles(bad)
  await app.getByTestId('import-button').click()
  const error = app.getByTestId('error-notice').filter({ hasText: 'Import failed' })
  await expect(error).toContainText('Export all customers')
  await expect(error).not.toContainText(/aissist-zd|`|(?<![-\w])profiles?\b/)
})
