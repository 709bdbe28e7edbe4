import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, SCREENSHOT_DIR, test } from './fixtures'
import { openScreen, seriousViolations } from './screen-check'
import { findCanaries, scanFolder } from '../support/secret-canaries'

/**
 * A headless box with no D-Bus at all (the harness's bus address points nowhere): real customers'
 * secrets have no keychain, yet the sandbox's whole main flow works — its made-up secrets are kept
 * in memory for the session — and every action on Start works, or is disabled with its reason,
 * or shows its error beside it, in view at 900×640.
 */
test.use({ harnessEnv: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/aissist-no-bus', AISSIST_SANDBOX_PORT: '0' } })

const ALL_STEPS = ['credentials', 'connect', 'inspect', 'plan', 'apply', 'keep', 'verify', 'test-events', 'agent-identity', 'channel-bot']
const CHECKS = ['keychain', 'credentials-present', 'zendesk-reachable', 'credentials-valid', 'integration-present', 'webhook-settings', 'no-duplicates', 'gateway-head', 'test-events', 'agent-name', 'avatar', 'channel-bot']
const SHELL = /`|\bsudo\b|\bapt(-get)?\b|dbus-run-session|gnome-keyring-daemon|\baissist-zd\b|\bsh -c\b/
const REAL_SECRET = 'real-customer-secret-no-keychain-4242'

type Bridge = Record<string, (i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>>

const bridge = (page: Page, channel: string, input: unknown) =>
  page.evaluate(async ({ channel, input }) => (window as unknown as { aissist: Bridge }).aissist[channel](input), { channel, input })

test('no D-Bus: Start keeps both ways in view, the sandbox runs setup → events → avatar → diagnose, real customers fail closed', async ({ app, harness }) => {
  test.setTimeout(240_000)
  await app.setViewportSize({ width: 900, height: 640 })

  // Start: "Try the sandbox" works and says how; "Add a customer" is disabled with the reason beside it.
  await expect(app.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible()
  const status = app.getByTestId('keychain-status')
  await expect(status).toHaveAttribute('data-state', 'unavailable')
  await expect(status).toHaveAttribute('data-code', 'keychain-no-dbus')
  await expect(app.getByTestId('try-sandbox')).toBeInViewport()
  await expect(app.getByTestId('try-sandbox')).toBeEnabled()
  await expect(app.getByTestId('sandbox-memory-note')).toContainText('kept in memory for this session')
  await expect(app.getByTestId('add-customer-start')).toBeDisabled()
  await expect(app.getByTestId('add-customer-reason')).toBeInViewport()
  await expect(app.getByTestId('add-customer-reason')).toContainText('Secret Service')
  // The fix is in desktop words: no backticks, no shell command; "Check again" looks again.
  const fix = (await status.getByTestId('error-fix').textContent()) ?? ''
  expect(fix).toContain('Secret Service')
  expect(fix).not.toMatch(SHELL)
  await app.getByTestId('keychain-check-again').click()
  await expect(status).toHaveAttribute('data-state', 'unavailable')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'no-keychain-first-run-900x640.png') })

  // A real customer's secret still needs the keychain: refused, nothing made, nothing written.
  const refused = await bridge(app, 'createProfile', { name: 'Acme', subdomain: 'acme', appId: '5e4af71a81966cfff3ef6550', keyId: 'app_5723a347f82ba0516cb4ea34', keySecret: REAL_SECRET })
  expect(refused).toMatchObject({ ok: false, error: { code: 'keychain-no-dbus' } })

  // The sandbox, end to end.
  await app.getByTestId('try-sandbox').click()
  await expect(app.getByTestId('active-customer')).toContainText('Sandbox')
  await expect(app).toHaveURL(/#\/setup$/)
  await app.getByTestId('setup-plan').click()
  await expect(app.getByTestId('plan-table')).toBeVisible()
  await app.getByTestId('setup-apply').click()
  for (const id of ALL_STEPS) await expect(app.getByTestId(`step-${id}`), `step ${id}`).toHaveAttribute('data-status', 'pass', { timeout: 30_000 })
  await expect(app.getByTestId('setup-summary')).toContainText('Configured')

  await openScreen(app, 'Test events')
  await app.getByTestId('event-text').fill('Hello with no keychain')
  await app.getByTestId('send-event').click()
  await expect(app.getByTestId('response-viewer').getByTestId('verdict-tag')).toHaveAttribute('data-verdict', 'accepted')

  await openScreen(app, 'Agent & avatar')
  await app.getByTestId('avatar-check').click()
  await expect(app.getByTestId('avatar-verdict')).toHaveAttribute('data-verdict', 'ok', { timeout: 30_000 })

  await openScreen(app, 'Diagnose')
  await app.getByTestId('diagnose-run').click()
  for (const id of CHECKS) await expect(app.getByTestId(`doctor-link-${id}`), `check ${id}`).toHaveAttribute('data-status', 'pass', { timeout: 30_000 })
  await expect(app.getByTestId('diagnose-verdict')).toHaveAttribute('data-verdict', 'pass')
  await app.getByTestId('doctor-link-keychain').click()
  await expect(app.getByTestId('doctor-details-message')).toContainText('Not used for the sandbox')

  // Start now: the sandbox first, its key labelled as kept in memory; the keychain notice after it.
  await openScreen(app, 'Start')
  await expect(app.getByTestId('home-active')).toContainText('Working on Sandbox')
  await expect(app.getByTestId('home-active')).toBeInViewport()
  await expect(app.getByTestId('home-active').getByTestId('keySecret-status')).toHaveAttribute('data-stored-in', 'memory')
  await expect(app.getByTestId('keychain-sandbox-memory')).toContainText('kept in memory for this session')
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'no-keychain-home-900x640.png') })

  await openScreen(app, 'Settings & about')
  await expect(app.getByTestId('about-keychain')).toHaveAttribute('data-state', 'unavailable')
  await expect(app.getByTestId('about-keychain-sandbox-memory')).toBeVisible()

  // Never a plaintext fallback: the refused secret is nowhere on disk or in the page.
  const dom = await app.evaluate(() => document.documentElement.outerHTML)
  expect([...findCanaries([{ name: 'dom', text: dom }], [REAL_SECRET]), ...scanFolder(harness.info.dataDir, [REAL_SECRET])]).toEqual([])
})

test('a "Try the sandbox" that fails shows its error right under the button, in view', async ({ app, harness }) => {
  await app.setViewportSize({ width: 900, height: 640 })
  await expect(app.getByTestId('first-run')).toBeVisible()
  // A real failure: the customers file cannot be read (a folder stands where the file should be).
  mkdirSync(join(harness.info.dataDir, 'profiles.json'))
  await app.getByTestId('try-sandbox').click()
  const error = app.getByTestId('try-sandbox-error')
  await expect(error).toBeVisible()
  await expect(error).toBeInViewport()
  await expect(error.getByTestId('error-message')).not.toBeEmpty()
  await expect(app.getByTestId('try-sandbox')).toBeEnabled()
  expect(await seriousViolations(app)).toEqual([])
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'no-keychain-try-sandbox-error-900x640.png') })
})
