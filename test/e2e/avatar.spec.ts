import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createSandboxProfile, expect, SCREENSHOT_DIR, sandboxTest as test } from './fixtures'
import { seriousViolations } from './screen-check'

const openAvatar = (page: Page) => page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Agent & avatar' }).click()

// The Drive folder link failure path is in main-flow.spec.ts.

test("the sandbox's avatar: ok with a preview beside the agent name; redirects listed hop by hop; saving", async ({ app, sandbox }) => {
  // The sandbox process renders its images on the first request (~2 s on a busy machine), which the
  // checker would rightly call slow; warm it so the verdict is about the image, not the cold start.
  await (await fetch(`${sandbox.info.imagesUrl}/redirect/2/avatar.png`)).arrayBuffer()
  await createSandboxProfile(app, sandbox.info)
  await openAvatar(app)
  await expect(app.getByTestId('avatar-agent-name')).toHaveValue('Aissist Agent')
  await expect(app.getByTestId('avatar-url')).toHaveValue(`${sandbox.info.imagesUrl}/avatar.png`)
  await app.getByTestId('avatar-check').click()
  await expect(app.getByTestId('avatar-verdict')).toHaveAttribute('data-verdict', 'ok')
  await expect(app.getByTestId('avatar-hops').locator('li')).toHaveCount(1)
  await expect(app.getByTestId('avatar-fact-image')).toContainText('PNG 256 × 256')
  // The preview is a data: URL made in main; the page never loads the remote image.
  await expect(app.getByTestId('avatar-preview')).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expect(app.getByTestId('chat-preview')).toContainText('Aissist Agent')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'avatar.png'), fullPage: true })

  // Behind two redirects: each hop is listed with its status and where it pointed.
  await app.getByTestId('avatar-url').fill(`${sandbox.info.imagesUrl}/redirect/2/avatar.png`)
  await app.getByTestId('avatar-check').click()
  await expect(app.getByTestId('avatar-hops').locator('li')).toHaveCount(3)
  await expect(app.getByTestId('avatar-hops').locator('li').first()).toContainText('/redirect/2/avatar.png → ')
  await expect(app.getByTestId('avatar-verdict')).toHaveAttribute('data-verdict', 'ok')
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'avatar-redirects.png'), fullPage: true })

  // Save the new name and URL on the profile.
  await app.getByTestId('avatar-agent-name').fill('Acme Helper')
  await app.getByTestId('avatar-save').click()
  await expect(app.getByTestId('avatar-progress')).toContainText('Saved on Sandbox Co')
  const saved = await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ value: { profile: { agentName: string; avatarUrl: string } } }>> }).aissist
    return (await bridge.getActiveProfile({})).value.profile
  })
  expect(saved.agentName).toBe('Acme Helper')
  expect(saved.avatarUrl).toBe(`${sandbox.info.imagesUrl}/redirect/2/avatar.png`)
})
