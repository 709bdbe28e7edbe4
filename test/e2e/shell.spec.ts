import { join } from 'node:path'
import { expect, SCREENSHOT_DIR, test } from './fixtures'

test('the shell opens in Chromium with navigation for every capability and the About panel', async ({ app }) => {
  await expect(app).toHaveTitle('Aissist Zendesk Setup')
  const nav = app.getByRole('navigation', { name: 'Capabilities' })
  for (const label of ['Start', 'Customers', 'Guided setup', 'Test events', 'Agent & avatar', 'Diagnose', 'Settings & about']) {
    await expect(nav.getByRole('button', { name: label })).toBeVisible()
  }
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'shell.png'), fullPage: true })
  await nav.getByRole('button', { name: 'Settings & about' }).click()
  await expect(app.getByTestId('about-app')).toContainText('Aissist Zendesk Setup')
  await expect(app.getByTestId('about-running-in')).toHaveText('Browser harness (developer tool)')
  await expect(app.getByTestId('about-node-js')).toHaveText(/^\d+\.\d+\.\d+$/)
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'about.png'), fullPage: true })
})

test('the page sees only named bridge functions, never a generic invoke or ipcRenderer', async ({ app }) => {
  const shape = await app.evaluate(() => {
    const bridge = (window as unknown as { aissist: Record<string, unknown> }).aissist
    return { keys: Object.keys(bridge), frozen: Object.isFrozen(bridge), hasInvoke: 'invoke' in bridge, hasIpc: 'ipcRenderer' in window }
  })
  expect(shape.frozen).toBe(true)
  expect(shape.hasInvoke).toBe(false)
  expect(shape.hasIpc).toBe(false)
  expect(shape.keys).toContain('getAppInfo')
  expect(shape.keys).toContain('onTaskProgress')
})

test('an invalid call comes back as data naming the bad field', async ({ app }) => {
  const answer = await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<unknown>> }).aissist
    return bridge.openExternal({ url: 42 })
  })
  expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  expect(JSON.stringify(answer)).toContain('url')
})

test('screens that work on one customer lead to the customer list when none is chosen', async ({ app }) => {
  const nav = app.getByRole('navigation', { name: 'Capabilities' })
  for (const [label, testId] of [
    ['Guided setup', 'setup-empty'],
    ['Test events', 'events-empty'],
    ['Diagnose', 'diagnose-empty']
  ] as const) {
    await nav.getByRole('button', { name: label }).click()
    await expect(app.getByRole('heading', { level: 1, name: label })).toBeVisible()
    await expect(app.getByTestId(testId)).toContainText('Choose a customer first')
  }
  await app.getByRole('button', { name: 'Go to Customers' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible()
})
