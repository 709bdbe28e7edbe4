import { configuredSandboxProfile, createSandboxProfile, expect, sandboxControl, sandboxTest as test } from './fixtures'
import { checkScreen, openScreen } from './screen-check'

/**
 * Issue 17, items 5 and 8 (and the chat bubble of item 10): the round trip shows the agent's reply
 * as the chat widget would and says what it waits for; a burst asks before it goes to a gateway
 * that is not on this computer, and refuses without a webhook secret.
 */

test("the round trip waits for the agent's reply in words, then shows it as a chat bubble with the agent's name and avatar", async ({ app, sandbox }) => {
  await (await fetch(`${sandbox.info.imagesUrl}/avatar.png`)).arrayBuffer()
  // The customer's agent and the gateway's agent agree (the round trip checks the reply's identity).
  await configuredSandboxProfile(app, sandbox.info, { agentName: 'Acme Helper', avatarUrl: `${sandbox.info.imagesUrl}/avatar.png` })
  await sandboxControl(sandbox.info, 'POST', '/agent', { name: 'Acme Helper', avatarUrl: `${sandbox.info.imagesUrl}/avatar.png` })
  await openScreen(app, 'Test events')
  await app.getByTestId('tab-roundtrip').click()
  await app.getByTestId('roundtrip-start').click()
  // While the agent is awaited, the step says so (never "Waiting for you").
  await expect(app.getByTestId('roundtrip-step').filter({ hasText: "Waiting for the agent's reply…" }).or(app.getByTestId('roundtrip-result'))).toBeVisible({ timeout: 30_000 })
  await expect(app.getByTestId('roundtrip-panel')).not.toContainText('Waiting for you')
  await expect(app.getByTestId('roundtrip-result')).toHaveAttribute('data-verdict', 'replied', { timeout: 30_000 })
  const bubble = app.getByTestId('reply-bubble')
  await expect(bubble).toContainText('Acme Helper')
  await expect(app.getByTestId('reply-author')).toHaveText('Acme Helper')
  // The avatar, fetched by main as a visitor would, drawn from a data: URL on the widget's surface.
  await expect(app.getByTestId('reply-avatar')).toHaveAttribute('src', /^data:image\/png;base64,/)
  const shown = await app.getByTestId('reply-avatar').evaluate((img) => {
    const i = img as HTMLImageElement
    const r = i.getBoundingClientRect()
    return { complete: i.complete, natural: i.naturalWidth, width: r.width, height: r.height }
  })
  expect(shown.complete && shown.natural > 0, JSON.stringify(shown)).toBe(true)
  expect(shown.width).toBeGreaterThanOrEqual(40)
  await checkScreen(app, 'ui-round-trip')
})

test('the round trip falls back to the agent\'s initial when the avatar cannot be shown, and says why', async ({ app, sandbox }) => {
  await configuredSandboxProfile(app, sandbox.info, { agentName: 'Zed Bot', avatarUrl: `${sandbox.info.imagesUrl}/missing.png` })
  await sandboxControl(sandbox.info, 'POST', '/agent', { name: 'Zed Bot', avatarUrl: `${sandbox.info.imagesUrl}/missing.png` })
  await openScreen(app, 'Test events')
  await app.getByTestId('tab-roundtrip').click()
  await app.getByTestId('roundtrip-start').click()
  await expect(app.getByTestId('roundtrip-result')).toHaveAttribute('data-verdict', 'replied', { timeout: 30_000 })
  const bubble = app.getByTestId('reply-bubble')
  await expect(bubble.getByTestId('avatar-initial')).toHaveText('Z')
  await expect(bubble).toContainText('could not be shown')
  await expect(bubble.getByTestId('reply-avatar')).toHaveCount(0)
})

test('a burst to a gateway that is not on this computer asks first; Cancel sends nothing', async ({ app, sandbox }) => {
  // A customer whose gateway is the real one (never reached: the test cancels).
  await createSandboxProfile(app, sandbox.info, { gatewayUrl: 'https://gateway.aissist.io/gateway/zendesk/conversation', webhookSecret: 'a-webhook-secret-for-the-burst' })
  await openScreen(app, 'Test events')
  await app.getByTestId('tab-burst').click()
  await expect(app.getByTestId('burst-target')).toContainText('gateway.aissist.io')
  await app.getByTestId('burst-count').fill('50')
  await app.getByTestId('burst-start').click()
  const modal = app.getByTestId('burst-confirm-modal')
  await expect(modal).toBeVisible()
  await expect(modal).toContainText('Send 50 test events to Sandbox Co')
  await expect(modal).toContainText('gateway.aissist.io')
  await checkScreen(app, 'ui-burst-confirm')
  await modal.getByRole('button', { name: 'Cancel' }).click()
  await expect(modal).toHaveCount(0)
  await expect(app.getByTestId('burst-summary')).toHaveCount(0)
  await expect(app.getByTestId('burst-start')).toBeFocused()
})

test('a burst to the sandbox on this computer runs without asking', async ({ app, sandbox }) => {
  await configuredSandboxProfile(app, sandbox.info)
  await openScreen(app, 'Test events')
  await app.getByTestId('tab-burst').click()
  await expect(app.getByTestId('burst-target')).toContainText('on this computer')
  await app.getByTestId('burst-count').fill('5')
  await app.getByTestId('burst-start').click()
  await expect(app.getByTestId('burst-summary')).toContainText('5 of 5')
  await expect(app.getByTestId('burst-confirm-modal')).toHaveCount(0)
})

test('a burst is refused without a webhook secret: the button is disabled with the reason beside it', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await openScreen(app, 'Test events')
  await app.getByTestId('tab-burst').click()
  await expect(app.getByTestId('burst-start')).toBeDisabled()
  await expect(app.getByTestId('burst-blocked')).toContainText('No webhook secret is stored')
  await expect(app.getByTestId('burst-start')).toHaveAttribute('aria-describedby', 'burst-blocked')
})
