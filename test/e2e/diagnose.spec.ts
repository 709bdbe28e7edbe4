import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSandboxProfile, expect, sandboxControl, sandboxTest, SCREENSHOT_DIR } from './fixtures'
import { seriousViolations } from './screen-check'

const CHECKS = ['keychain', 'credentials-present', 'zendesk-reachable', 'credentials-valid', 'integration-present', 'webhook-settings', 'no-duplicates', 'gateway-head', 'test-events', 'agent-name', 'avatar', 'channel-bot']

sandboxTest('diagnose: the chain turns green, a broken gateway secret is named first, the report exports without secrets', async ({ app, sandbox, harness }) => {
  await createSandboxProfile(app, sandbox.info)
  // The sandbox's image host renders its pictures on first request; warm it so "slow avatar" is not reported.
  await fetch(`${sandbox.info.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  const nav = app.getByRole('navigation', { name: 'Capabilities' })

  // Configure the sandbox account through the guided setup, as a user would.
  await nav.getByRole('button', { name: 'Guided setup' }).click()
  await app.getByTestId('setup-plan').click()
  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('step-verify')).toHaveAttribute('data-status', 'pass')

  await nav.getByRole('button', { name: 'Diagnose' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Diagnose' })).toBeVisible()
  for (const id of CHECKS) await expect(app.getByTestId(`doctor-link-${id}`)).toHaveAttribute('data-status', 'pending')
  await app.getByTestId('diagnose-run').click()
  for (const id of CHECKS) await expect(app.getByTestId(`doctor-link-${id}`)).toHaveAttribute('data-status', 'pass')
  await expect(app.getByTestId('diagnose-verdict')).toHaveAttribute('data-verdict', 'pass')

  // Break the link between Zendesk and the gateway: it must be named first, in one sentence.
  await sandboxControl(sandbox.info, 'POST', '/faults', { target: 'gateway', method: 'POST', kind: 'unauthorized' })
  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('doctor-link-test-events')).toHaveAttribute('data-status', 'fail')
  await expect(app.getByTestId('diagnose-first-failure')).toContainText('The gateway rejects the webhook secret')
  await expect(app.getByTestId('doctor-link-keychain')).toHaveAttribute('data-status', 'pass')
  await expect(app.getByTestId('doctor-details')).toContainText('Test events accepted')
  await expect(app.getByTestId('doctor-details-fix')).toContainText('webhook secret')

  await app.getByTestId('doctor-link-zendesk-reachable').getByRole('button').click()
  await expect(app.getByTestId('doctor-details-evidence')).toContainText('127.0.0.1')
  await app.getByTestId('doctor-link-test-events').getByRole('button').click()

  await app.getByTestId('diagnose-export-md').click()
  await expect(app.getByTestId('diagnose-notice')).toContainText('Report saved')
  await app.getByTestId('diagnose-export-json').click()
  await expect(app.getByTestId('diagnose-notice')).toContainText('.json')
  await app.getByTestId('diagnose-copy').click()
  await expect(app.getByTestId('diagnose-notice')).toContainText('copied')

  const exportsDir = join(harness.info.dataDir, 'exports')
  expect(existsSync(exportsDir)).toBe(true)
  const files = readdirSync(exportsDir).filter((f) => f.startsWith('aissist-diagnose-'))
  expect(files.some((f) => f.endsWith('.md'))).toBe(true)
  expect(files.some((f) => f.endsWith('.json'))).toBe(true)
  for (const f of files) {
    const text = readFileSync(join(exportsDir, f), 'utf8')
    expect(text).toContain('rejects the webhook secret')
    expect(text).not.toContain(sandbox.info.keySecret)
  }
  expect(await app.content()).not.toContain(sandbox.info.keySecret)

  await app.getByRole('heading', { level: 1, name: 'Diagnose' }).scrollIntoViewIfNeeded()
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'diagnose.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])
})
