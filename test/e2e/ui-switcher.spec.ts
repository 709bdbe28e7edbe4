import type { Page } from '@playwright/test'
import { bridgeCall, createSandboxProfile, expect, sandboxTest as test } from './fixtures'
import { checkScreen } from './screen-check'

/**
 * Issue 17, item 9: the customer in the header is a control (a Garden combobox behind it), opened
 * and used by keyboard alone: type to filter, each customer's last result and when, Enter to
 * switch, Escape to close, the focus back on the header's button every time.
 */

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '')

/** Tab from the top of the page to the header's customer button. */
const tabToSwitcher = async (page: Page): Promise<void> => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  for (let i = 0; i < 20 && (await focusedTestId(page)) !== 'active-customer'; i++) await page.keyboard.press('Tab')
  expect(await focusedTestId(page)).toBe('active-customer')
}

test('keyboard only: open the switcher, filter by typing, see each last result, switch with Enter, close with Escape', async ({ app, sandbox }) => {
  const sandboxId = await createSandboxProfile(app, sandbox.info)
  await createSandboxProfile(app, sandbox.info, { name: 'Globex' })
  // Sandbox Co has a diagnose result (its account has no integration yet: it fails); Globex none.
  await bridgeCall(app, 'runDoctor', { profileRef: sandboxId, taskId: 'e2e-switcher-doctor' })
  await app.reload()
  await expect(app.getByTestId('active-customer')).toContainText('Globex')
  // It looks like a control: a border, not text.
  const border = await app.getByTestId('active-customer').evaluate((el) => getComputedStyle(el).borderTopStyle)
  expect(border).toBe('solid')

  await tabToSwitcher(app)
  await expect(app.getByTestId('active-customer')).toHaveAttribute('aria-expanded', 'false')
  await app.keyboard.press('Enter')
  const switcher = app.getByTestId('customer-switcher')
  await expect(switcher).toBeVisible()
  await expect(app.getByTestId('active-customer')).toHaveAttribute('aria-expanded', 'true')
  const input = switcher.getByRole('combobox')
  await expect(input).toBeFocused()
  const options = app.getByTestId('switcher-option')
  await expect(options).toHaveCount(2)
  const sandboxOption = options.filter({ hasText: 'Sandbox Co' })
  await expect(sandboxOption.locator('[data-status]')).toHaveAttribute('data-status', 'fail')
  await expect(sandboxOption).toContainText(/just now|min ago/)
  await expect(options.filter({ hasText: 'Globex' })).toContainText('Not diagnosed yet')
  await checkScreen(app, 'ui-switcher')

  // Type to filter, arrow to the match, Enter switches.
  await app.keyboard.type('sand')
  await expect(options).toHaveCount(1)
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('Enter')
  await expect(switcher).toHaveCount(0)
  await expect(app.getByTestId('active-customer')).toContainText('Sandbox Co')
  expect(await focusedTestId(app)).toBe('active-customer')
  const active = await bridgeCall<{ profile: { id: string } }>(app, 'getActiveProfile', {})
  expect(active.profile.id).toBe(sandboxId)

  // ArrowDown opens it too; Escape closes it and gives the focus back.
  await app.keyboard.press('ArrowDown')
  await expect(switcher).toBeVisible()
  await expect(switcher.getByRole('combobox')).toBeFocused()
  await app.keyboard.press('Escape')
  await expect(switcher).toHaveCount(0)
  expect(await focusedTestId(app)).toBe('active-customer')
})

test('Start\'s "Switch customer" opens the header\'s switcher; "Manage customers" there opens the customer list', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await app.getByTestId('home-switch-customer').click()
  await expect(app.getByTestId('customer-switcher')).toBeVisible()
  await expect(app.getByTestId('customer-switcher').getByRole('combobox')).toBeFocused()
  await app.getByTestId('switcher-manage').click()
  await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible()
  await expect(app.getByTestId('customer-switcher')).toHaveCount(0)
})
