import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createSandboxProfile, expect, SCREENSHOT_DIR, sandboxControl, sandboxTest } from './fixtures'
import { seriousViolations } from './screen-check'

/**
 * Test events end to end in Chromium through the harness: a sandbox customer set up by the guided
 * setup (through the bridge), a message event accepted, a wrong secret explained as a 401, the
 * history, and no serious accessibility problem.
 */
const runSetup = async (page: Page, profileId: string): Promise<void> => {
  const r = await page.evaluate(async (id) => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean; error?: unknown }>> }).aissist
    return bridge.applySetup({ profileRef: id, taskId: 'e2e-events-setup', confirmApply: true })
  }, profileId)
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true })
  await page.reload()
}

sandboxTest('send a message event, see it accepted, then a wrong secret explained as a 401', async ({ app, sandbox }) => {
  const profileId = await createSandboxProfile(app, sandbox.info)
  await runSetup(app, profileId)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Test events' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Test events' })).toBeVisible()

  await app.getByTestId('event-text').fill('Hello from the e2e test')
  await app.getByTestId('send-event').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  await expect(app.getByTestId('response-viewer').getByTestId('verdict-tag')).toHaveAttribute('data-verdict', 'accepted')
  await expect(app.getByTestId('response-body')).toContainText('received')
  const state = (await sandboxControl(sandbox.info, 'GET', '/state')) as { gatewayReceived: { status: number; apiKeyPresent: boolean }[] }
  expect(state.gatewayReceived.some((g) => g.status === 200 && g.apiKeyPresent)).toBe(true)
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'events.png'), fullPage: true })

  await app.getByTestId('secret-override').fill('definitely-the-wrong-secret')
  await app.getByTestId('send-event').click()
  await expect(app.getByTestId('response-status')).toHaveText('401 Unauthorized')
  await expect(app.getByTestId('response-viewer').getByTestId('verdict-tag')).toHaveAttribute('data-verdict', 'dropped')
  await expect(app.getByTestId('zendesk-view')).toContainText('webhook secret')
  await expect(app.getByTestId('zendesk-fix')).toBeVisible()
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'events-401.png'), fullPage: true })

  expect(await seriousViolations(app)).toEqual([])

  await app.getByTestId('tab-history').click()
  // Setup's own step 8 sent two test events first; ours are the two newest rows.
  await expect(app.getByTestId('history-row')).toHaveCount(4)
  await app.getByTestId('copy-curl').first().click()
  await expect(app.getByTestId('history-status')).toContainText('secret masked')
  const html = await app.content()
  expect(html.includes('definitely-the-wrong-secret'), 'the typed secret is still in the page').toBe(false)
  await expect(app.getByTestId('history-row').first()).toContainText('typed secret')
  expect(await seriousViolations(app)).toEqual([])
})

sandboxTest('a burst shows its latency chart, and the live round trip shows the agent', async ({ app, sandbox }) => {
  const profileId = await createSandboxProfile(app, sandbox.info)
  await runSetup(app, profileId)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Test events' }).click()
  await app.getByTestId('tab-burst').click()
  await app.getByTestId('burst-count').fill('30')
  await app.getByTestId('burst-start').click()
  await expect(app.getByTestId('burst-summary')).toContainText('30 of 30')
  await expect(app.getByTestId('latency-chart')).toBeVisible()
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'events-burst.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])

  await app.getByTestId('tab-roundtrip').click()
  await app.getByTestId('roundtrip-start').click()
  await expect(app.getByTestId('roundtrip-result')).toHaveAttribute('data-verdict', 'replied', { timeout: 30_000 })
  await expect(app.getByTestId('reply-author')).toHaveText('Aissist Agent')
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'events-roundtrip.png'), fullPage: true })
})

sandboxTest('the echo and every content in the composer; a 401 verdict carries its fix as a button that fixes it', async ({ app, sandbox }) => {
  const profileId = await createSandboxProfile(app, sandbox.info)
  await runSetup(app, profileId)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Test events' }).click()

  // The business's echo, as a location, on WhatsApp: what a gateway must read (and not answer).
  await app.getByTestId('event-author').selectOption('business')
  await app.getByTestId('event-content').selectOption('location')
  await app.getByTestId('event-channel').selectOption('whatsapp')
  await app.getByTestId('send-event').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  const state = (await sandboxControl(sandbox.info, 'GET', '/state')) as { gatewayReceived: { authorTypes?: string[]; replied?: unknown }[] }
  const last = state.gatewayReceived.at(-1)!
  expect(last.authorTypes).toEqual(['business'])
  expect(last.replied).toBeUndefined()

  // The secret changed at Zendesk: the gateway refuses the stored one; the verdict's button stores Zendesk's.
  const hooks = (await sandboxControl(sandbox.info, 'GET', '/state')) as { integrations: { displayName: string | null; webhooks?: { id: string }[] }[] }
  const hook = hooks.integrations.find((i) => i.displayName === 'Aissistant_Conversation_Integration')!.webhooks![0]
  await sandboxControl(sandbox.info, 'PATCH', `/webhooks/${hook.id}`, { secret: 'changed-at-zendesk-events-secret' })
  await app.getByTestId('event-author').selectOption('user')
  await app.getByTestId('event-content').selectOption('text')
  await app.getByTestId('send-event').click()
  await expect(app.getByTestId('response-status')).toHaveText('401 Unauthorized')
  await expect(app.getByTestId('zendesk-fix')).not.toContainText('shown once')
  const viewer = app.getByTestId('response-viewer')
  await viewer.getByTestId('fix-resync-webhook-secret').click()
  await expect(viewer.getByTestId('fix-note')).toContainText("with Zendesk's")
  await app.getByTestId('send-event').click()
  await expect(app.getByTestId('response-status')).toHaveText('200 OK')
  expect(await seriousViolations(app)).toEqual([])
})
