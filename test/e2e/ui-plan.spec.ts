import { createHmac } from 'node:crypto'
import { createSandboxProfile, expect, sandboxTest as test } from './fixtures'
import { openScreen, sidewaysProblems } from './screen-check'

/**
 * Issue 17, item 2 for the plan: its "After" column shows the whole webhook URL, wrapping in a
 * narrow window, and a button beside it copies it whole.
 */
test('the plan shows the whole webhook URL, wrapping at 900×640, and copies it whole', async ({ app, sandbox, harness }) => {
  await createSandboxProfile(app, sandbox.info)
  await app.setViewportSize({ width: 900, height: 640 })
  await openScreen(app, 'Guided setup')
  await app.getByTestId('setup-plan').click()
  const plan = app.getByTestId('plan-table')
  await expect(plan).toBeVisible()
  const url = plan.getByTestId('long-value').filter({ hasText: '/gateway/zendesk/conversation' }).first()
  await expect(url).toContainText(sandbox.info.gatewayUrl)
  const box = await url.evaluate((el) => {
    const code = el.querySelector('code') as HTMLElement
    return { full: code.textContent, title: code.title, scroll: code.scrollWidth, client: code.clientWidth }
  })
  expect(box.full).toBe(sandbox.info.gatewayUrl)
  expect(box.title).toBe(sandbox.info.gatewayUrl)
  expect(box.scroll).toBeLessThanOrEqual(box.client + 1)
  expect(await sidewaysProblems(app)).toEqual([])

  await url.getByTestId('copy-value').click()
  await expect(url.getByTestId('copy-value')).toHaveAttribute('aria-label', /copied/)
  const state = (await (await fetch(`${harness.info.url}/api/harness-state`, { headers: { 'x-harness-token': harness.info.token } })).json()) as { clipboard: { hmac: string } }
  expect(state.clipboard.hmac).toBe(createHmac('sha256', harness.info.token).update(sandbox.info.gatewayUrl, 'utf8').digest('hex'))
})
