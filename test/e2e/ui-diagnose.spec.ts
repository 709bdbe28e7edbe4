import { configuredSandboxProfile, sandboxControl, expect, sandboxTest as test } from './fixtures'
import { checkScreen, openScreen } from './screen-check'

/**
 * Issue 17, item 10: Diagnose draws the chain (Zendesk → webhook → Aissist gateway → AI agent →
 * chat) with the broken hop highlighted and a text alternative that names it.
 */
test('Diagnose draws the chain and highlights the broken hop, with a text alternative naming it', async ({ app, sandbox }) => {
  await (await fetch(`${sandbox.info.imagesUrl}/avatar.png`)).arrayBuffer()
  await configuredSandboxProfile(app, sandbox.info)
  await openScreen(app, 'Diagnose')
  const picture = app.getByTestId('chain-picture')
  await expect(picture).toBeVisible()
  await expect(picture).toHaveAttribute('role', 'img')
  await expect(app.getByTestId('chain-picture-text')).toContainText('Zendesk → Webhook → Aissist gateway → AI agent → Chat. Not checked yet.')
  for (const hop of ['zendesk', 'webhook', 'gateway', 'agent', 'chat']) await expect(picture.locator(`[data-hop="${hop}"]`)).toHaveAttribute('data-status', 'pending')

  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('diagnose-verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 })
  await expect(picture).toHaveAttribute('data-broken-hop', '')
  await expect(app.getByTestId('chain-picture-text')).toContainText('Every hop works.')
  await expect(app.getByTestId('chain-picture-broken-label')).toHaveCount(0)

  // The gateway expects another webhook secret (the stored one still matches Zendesk's): the
  // gateway hop is the broken one.
  await sandboxControl(sandbox.info, 'POST', '/gateway/secret', { secret: 'not-the-secret-zendesk-signs-with' })
  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('diagnose-verdict')).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 })
  await expect(picture).toHaveAttribute('data-broken-hop', 'gateway')
  await expect(picture.locator('[data-hop="gateway"]')).toHaveAttribute('data-status', 'fail')
  await expect(picture.locator('[data-hop="zendesk"]')).toHaveAttribute('data-status', 'pass')
  await expect(app.getByTestId('chain-picture-text')).toContainText('Broken at Aissist gateway: Test events accepted failed.')
  await expect(app.getByTestId('chain-picture-broken-label')).toBeVisible()
  // The picture's accessible name is its text alternative.
  const name = await picture.evaluate((svg) => svg.getAttribute('aria-labelledby')?.split(' ').map((i) => document.getElementById(i)?.textContent ?? '').join(' ') ?? '')
  expect(name).toContain('Broken at Aissist gateway')
  // The broken hop is drawn heavier than the others, in the theme's danger colour, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme })
    const strokes = await picture.evaluate((svg) =>
      Object.fromEntries([...svg.querySelectorAll('[data-hop]')].map((g) => [g.getAttribute('data-hop'), { width: Number(g.querySelector('rect')?.getAttribute('stroke-width')), color: g.querySelector('rect')?.getAttribute('stroke') }]))
    )
    expect(strokes.gateway.width, scheme).toBeGreaterThan(strokes.zendesk.width)
    expect(strokes.gateway.color, scheme).not.toBe(strokes.zendesk.color)
  }
  await app.emulateMedia({ colorScheme: 'light' })
  await checkScreen(app, 'ui-diagnose-chain')
})
