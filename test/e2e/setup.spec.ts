import { join } from 'node:path'
import { createSandboxProfile, expect, sandboxControl, sandboxTest, SCREENSHOT_DIR } from './fixtures'
import { seriousViolations } from './screen-check'

type State = { integrations: { type: string; displayName: string | null }[] }

sandboxTest('guided setup: plan, apply, verify, and a rerun with nothing to change', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Guided setup' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Guided setup' })).toBeVisible()

  await app.getByTestId('setup-plan').click()
  await expect(app.getByTestId('plan-table')).toBeVisible()
  await expect(app.getByTestId('plan-create-integration')).toContainText('Aissistant_Conversation_Integration')
  await expect(app.getByTestId('step-apply')).toHaveAttribute('data-status', 'waiting')
  // Waiting steps say what they wait for.
  await expect(app.getByTestId('step-apply')).toContainText('Awaits your confirmation')
  await expect(app.getByTestId('step-keep')).toContainText('Awaits the changes')
  await expect(app.getByTestId('write-target')).toContainText(sandbox.info.appId)
  const before = (await sandboxControl(sandbox.info, 'GET', '/state')) as State
  expect(before.integrations.filter((i) => i.type === 'custom')).toHaveLength(0)

  expect(await seriousViolations(app)).toEqual([])

  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('step-verify')).toHaveAttribute('data-status', 'pass')
  await expect(app.getByTestId('step-apply')).toHaveAttribute('data-status', 'pass')
  await expect(app.getByTestId('setup-summary')).toContainText('1 write')
  const after = (await sandboxControl(sandbox.info, 'GET', '/state')) as State
  expect(after.integrations.filter((i) => i.displayName === 'Aissistant_Conversation_Integration')).toHaveLength(1)

  await app.getByRole('button', { name: 'Show details of Verify by reading back' }).click()
  await expect(app.getByTestId('step-details-verify')).toContainText('as planned')
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'setup.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])

  await app.getByTestId('setup-plan').click()
  await expect(app.getByTestId('plan-nothing')).toBeVisible()
  await expect(app.getByTestId('setup-summary')).toContainText('Nothing to change')
})

sandboxTest('a failed step shows the Zendesk error, the fix and the manual way with copy buttons', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Guided setup' }).click()
  await app.getByTestId('setup-plan').click()
  await expect(app.getByTestId('setup-apply')).toBeVisible()
  await sandboxControl(sandbox.info, 'POST', '/faults', { method: 'POST', path: '/v2/apps/*/integrations', kind: 'status', status: 400 })
  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('step-apply')).toHaveAttribute('data-status', 'fail')
  await expect(app.getByTestId('step-details-apply').getByTestId('error-message')).toContainText('HTTP 400')
  await expect(app.getByTestId('manual-apply')).toContainText('Create integration')
  await expect(app.getByRole('button', { name: 'Copy Webhook endpoint URL' })).toBeVisible()
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'setup-failed.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])
})

sandboxTest('"Configured" means messages arrive: a re-check of a configured account whose gateway rejects the secret is not configured', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Guided setup' }).click()
  await app.getByTestId('setup-plan').click()
  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'configured')

  // Nothing to change in Zendesk, but the gateway now rejects the webhook secret.
  await sandboxControl(sandbox.info, 'POST', '/faults', { target: 'gateway', method: 'POST', kind: 'unauthorized' })
  await app.getByTestId('setup-plan').click()
  await expect(app.getByTestId('plan-nothing')).toBeVisible()
  await expect(app.getByTestId('step-test-events')).toHaveAttribute('data-status', 'fail')
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'stopped')
  await expect(app.getByTestId('setup-summary')).not.toContainText('Configured')
  await expect(app.getByTestId('step-details-test-events').getByTestId('error-message')).toContainText('401')
  expect(await seriousViolations(app)).toEqual([])
})

sandboxTest('the pre-flight: an app already at Zendesk\'s 10 webhooks gets a plan that says so, names who holds them, and writes nothing', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  const webhooks = Array.from({ length: 10 }, (_, i) => ({ target: `https://bots.example.com/hook-${i}` }))
  await sandboxControl(sandbox.info, 'POST', '/integrations', { displayName: 'Legacy bots', webhooks, switchboard: false })
  const before = JSON.stringify(((await sandboxControl(sandbox.info, 'GET', '/state')) as State).integrations)

  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Guided setup' }).click()
  await app.getByTestId('setup-plan').click()
  await expect(app.getByTestId('step-plan')).toHaveAttribute('data-status', 'fail')
  const notice = app.getByTestId('webhook-limit')
  await expect(notice).toContainText("The app already has 10 webhooks, Zendesk's limit")
  await expect(notice.getByTestId('webhook-limit-holder')).toHaveCount(1)
  await expect(notice.getByTestId('webhook-limit-holder')).toContainText('Legacy bots')
  await expect(app.getByTestId('setup-apply')).toHaveCount(0)
  await expect(app.getByTestId('step-apply')).toHaveAttribute('data-status', 'skipped')
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'stopped')
  expect(JSON.stringify(((await sandboxControl(sandbox.info, 'GET', '/state')) as State).integrations)).toBe(before)
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'setup-webhook-limit.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])
})

sandboxTest('values for the Aissist gateway after configuration: IDs copied at once, secrets only after a confirmation; rotate asks first and keeps the new secret', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Guided setup' }).click()
  await app.getByTestId('setup-plan').click()
  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'configured')
  const values = app.getByTestId('gateway-values')
  await expect(values).toContainText(sandbox.info.appId)
  await expect(values).toContainText(sandbox.info.keyId)
  await values.getByRole('button', { name: 'Copy App ID' }).click()
  await expect(app.getByTestId('gateway-values-note')).toContainText('App ID copied')
  await values.getByRole('button', { name: 'Copy Webhook secret' }).click()
  await expect(app.getByTestId('copy-secret-modal')).toBeVisible()
  await app.getByTestId('copy-secret-confirm').click()
  await expect(app.getByTestId('gateway-values-note')).toContainText('cleared in 30 s')
  expect(await app.content()).not.toContain(sandbox.info.keySecret)
  expect(await seriousViolations(app)).toEqual([])

  const before = ((await sandboxControl(sandbox.info, 'GET', '/state')) as { integrations: { displayName: string | null; webhooks?: { id: string }[] }[] }).integrations.find((i) => i.displayName === 'Aissistant_Conversation_Integration')!.webhooks![0].id
  await app.getByTestId('setup-rotate-secret').click()
  await expect(app.getByTestId('recreate-webhook-modal')).toContainText('Rotate the webhook secret?')
  await app.getByTestId('recreate-webhook-confirm').click()
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'configured')
  await expect(app.getByTestId('step-keep')).toContainText("new secret")
  const after = ((await sandboxControl(sandbox.info, 'GET', '/state')) as { integrations: { displayName: string | null; webhooks?: { id: string }[] }[] }).integrations.find((i) => i.displayName === 'Aissistant_Conversation_Integration')!.webhooks![0].id
  expect(after).not.toBe(before)
})
