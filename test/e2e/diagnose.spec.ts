import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSandboxProfile, expect, sandboxControl, sandboxTest, SCREENSHOT_DIR } from './fixtures'
import { seriousViolations } from './screen-check'

const CHECKS = ['keychain', 'credentials-present', 'zendesk-reachable', 'credentials-valid', 'integration-present', 'webhook-settings', 'webhook-secret', 'no-duplicates', 'standby-events', 'gateway-head', 'test-events', 'agent-name', 'avatar', 'channel-bot']

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

type HookState = { integrations: { displayName: string | null; webhooks?: { id: string; secret: string }[] }[] }

/** The Aissist integration's webhook as the sandbox holds it. */
const ourWebhook = async (sb: Parameters<typeof sandboxControl>[0]) => {
  const state = (await sandboxControl(sb, 'GET', '/state')) as HookState
  return state.integrations.find((i) => i.displayName === 'Aissistant_Conversation_Integration')!.webhooks![0]
}

/** Configures the sandbox account through the guided setup, as a user would. */
const configureThroughSetup = async (app: Parameters<typeof createSandboxProfile>[0]) => {
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Guided setup' }).click()
  await app.getByTestId('setup-plan').click()
  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'configured')
}

sandboxTest('a finding with its fix button: a stored secret that differs from Zendesk\'s, re-synced from Diagnose, turns Diagnose green', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await fetch(`${sandbox.info.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  await configureThroughSetup(app)
  // The secret changed at Zendesk (Admin Center, another tool): Zendesk and the gateway hold the new one.
  const hook = await ourWebhook(sandbox.info)
  await sandboxControl(sandbox.info, 'PATCH', `/webhooks/${hook.id}`, { secret: 'changed-at-zendesk-e2e-secret' })

  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Diagnose' }).click()
  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('doctor-link-webhook-secret')).toHaveAttribute('data-status', 'fail')
  await expect(app.getByTestId('diagnose-first-failure')).toContainText("The stored webhook secret differs from Zendesk's")
  const details = app.getByTestId('doctor-details')
  await expect(details).toContainText('Webhook secret matches Zendesk')
  const fix = details.getByTestId('fix-resync-webhook-secret')
  await expect(fix).toHaveText("Store Zendesk's webhook secret")
  // No shell command or backtick anywhere on screen.
  await expect(details).not.toContainText('aissist-zd')
  await expect(details).not.toContainText('`')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'diagnose-fix-button.png'), fullPage: true })

  await fix.click()
  // The fix re-runs the diagnose: every link green.
  await expect(app.getByTestId('diagnose-verdict')).toHaveAttribute('data-verdict', 'pass')
  await expect(app.getByTestId('doctor-link-webhook-secret')).toHaveAttribute('data-status', 'pass')
  await expect(app.getByTestId('doctor-link-test-events')).toHaveAttribute('data-status', 'pass')
  expect(await app.content()).not.toContain('changed-at-zendesk-e2e-secret')
})

sandboxTest('fixes that lead somewhere: a v1 webhook opens the guided setup with the recreate preselected; an empty agent name opens the form at that field', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await fetch(`${sandbox.info.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  await configureThroughSetup(app)
  const hook = await ourWebhook(sandbox.info)
  await sandboxControl(sandbox.info, 'PATCH', `/webhooks/${hook.id}`, { version: 'v1' })

  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Diagnose' }).click()
  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('doctor-link-webhook-settings')).toHaveAttribute('data-status', 'fail')
  await expect(app.getByTestId('doctor-details-message')).toContainText('version v1 payloads')
  await app.getByTestId('doctor-details').getByTestId('fix-run-setup').click()

  // Guided setup: the plan ran by itself and the recreate's own confirmation is open, naming the account.
  await expect(app.getByRole('heading', { level: 1, name: 'Guided setup' })).toBeVisible()
  const modal = app.getByTestId('recreate-webhook-modal')
  await expect(modal).toBeVisible()
  await expect(modal.getByTestId('write-target')).toContainText(sandbox.info.appId)
  await app.getByTestId('recreate-webhook-confirm').click()
  await expect(app.getByTestId('setup-summary').locator('[data-outcome]')).toHaveAttribute('data-outcome', 'configured')
  expect((await ourWebhook(sandbox.info)).id).not.toBe(hook.id)

  // An empty agent name: the fix opens the customer's form with the agent name focused.
  await app.evaluate(async (id) => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<unknown>> }).aissist
    await bridge.updateProfile({ ref: id, patch: { agentName: '' } })
  }, await app.evaluate(async () => {
    const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ value: { profile: { id: string } } }>> }).aissist
    return (await bridge.getActiveProfile({})).value.profile.id
  }))
  await app.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Diagnose' }).click()
  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('doctor-link-agent-name')).toHaveAttribute('data-status', 'fail')
  await app.getByTestId('doctor-link-agent-name').getByRole('button').click()
  await app.getByTestId('doctor-details').getByTestId('fix-edit-customer').click()
  await expect(app.getByTestId('profile-form')).toBeVisible()
  await expect(app.getByTestId('field-agentName')).toBeFocused()
})
