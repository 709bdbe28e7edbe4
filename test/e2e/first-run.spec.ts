import { join } from 'node:path'
import { expect, SCREENSHOT_DIR, test } from './fixtures'
import { seriousViolations } from './screen-check'


test('first run: keychain status and two ways in; "Try the sandbox" makes the Sandbox customer active', async ({ app }) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible()
  await expect(app.getByTestId('keychain-status')).toHaveAttribute('data-state', 'available')
  await expect(app.getByTestId('keychain-status')).toContainText('Secret Service')
  await expect(app.getByTestId('first-run')).toBeVisible()
  await expect(app.getByTestId('active-customer')).toContainText('No customer selected')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'first-run.png'), fullPage: true })

  await app.getByTestId('try-sandbox').click()
  await expect(app.getByTestId('active-customer')).toContainText('Sandbox')
  await expect(app).toHaveURL(/#\/setup$/)

  // Start now shows the active customer and where to go next.
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Start' }).click()
  await expect(app.getByTestId('home-active')).toContainText('Working on Sandbox')
  await expect(app.getByTestId('home-active').getByTestId('keySecret-status')).toHaveAttribute('data-status', 'present')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'home.png'), fullPage: true })

  // The sandbox profile is labelled on the customers page, and the embedded sandbox answers.
  await app.getByTestId('quick-setup').isVisible()
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Customers' }).click()
  const row = app.locator('[data-testid="profile-row"][data-profile-name="Sandbox"]')
  await expect(row.getByTestId('sandbox-badge')).toBeVisible()
  await expect(row.getByTestId('active-badge')).toBeVisible()
  const status = await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean; value: { running: boolean; urls: { zendeskUrl: string } | null } }>> }).aissist
    return (await bridge.getSandboxStatus({})).value
  })
  expect(status.running).toBe(true)
  expect(status.urls?.zendeskUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/zendesk$/)
})

test('About shows the real keychain status', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Settings & about' }).click()
  await expect(app.getByTestId('about-keychain')).toHaveAttribute('data-state', 'available')
  await expect(app.getByTestId('about-keychain')).toContainText('Secret Service: available')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'about-keychain.png'), fullPage: true })
})

// With no Secret Service at all, the first run and the sandbox's whole flow: test/e2e/no-keychain.spec.ts.
