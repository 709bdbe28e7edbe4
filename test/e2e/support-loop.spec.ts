import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { createSandboxProfile, expect, sandboxControl, sandboxTest, SCREENSHOT_DIR, type SandboxInfo } from './fixtures'
import { seriousViolations } from './screen-check'

const root = resolve(__dirname, '..', '..')

const nav = (page: Page, label: string) => page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: label }).click()

/** Runs the built CLI on the harness's data folder and keychain service; answers its exit code and stdout. */
const cli = (args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin', 'aissist-zd'), ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })

/** Configures the sandbox account through the guided setup, as a user would. */
const guidedSetup = async (app: Page): Promise<void> => {
  await nav(app, 'Guided setup')
  await app.getByTestId('setup-plan').click()
  await app.getByTestId('setup-apply').click()
  await expect(app.getByTestId('step-verify')).toHaveAttribute('data-status', 'pass')
}

/** Adds a customer through the page's bridge (as the form would) without making it active. */
const addCustomer = async (app: Page, sb: SandboxInfo, name: string, keySecret: string): Promise<void> => {
  await app.evaluate(
    async ({ sb, name, keySecret }) => {
      const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean; error?: unknown }>> }).aissist
      const r = await bridge.createProfile({ name, apiBaseUrl: sb.zendeskUrl, appId: sb.appId, keyId: sb.keyId, gatewayUrl: sb.gatewayUrl, agentName: 'Aissist', avatarUrl: `${sb.imagesUrl}/avatar.png`, allowPrivate: true, keySecret, webhookSecret: 'a-webhook-secret-of-its-own' })
      if (!r.ok) throw new Error(JSON.stringify(r.error))
    },
    { sb, name, keySecret }
  )
}

/** Removes conversation:create from the Aissist webhook through Zendesk's own API, as an admin would in Admin Center. */
const dropCreateTrigger = async (sb: SandboxInfo): Promise<void> => {
  const state = (await sandboxControl(sb, 'GET', '/state')) as { integrations: { id: string; displayName: string; webhooks?: { id: string }[] }[] }
  const i = state.integrations.find((x) => x.displayName === 'Aissistant_Conversation_Integration')!
  const res = await fetch(`${sb.zendeskUrl}/v2/apps/${sb.appId}/integrations/${i.id}/webhooks/${i.webhooks![0].id}`, {
    method: 'PATCH',
    headers: { authorization: `Basic ${Buffer.from(`${sb.keyId}:${sb.keySecret}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ triggers: ['conversation:message'] })
  })
  expect(res.status).toBe(200)
}

sandboxTest('Diagnose all fills the Customers list, and Diagnose says what changed since it last worked, with a timeline', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await fetch(`${sandbox.info.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  await guidedSetup(app)
  await addCustomer(app, sandbox.info, 'Wrong Key Co', 'not-the-right-key-secret')

  await nav(app, 'Customers')
  const rows = app.getByTestId('profile-row')
  await expect(rows).toHaveCount(2)
  for (const row of await rows.all()) await expect(row.getByTestId('last-result')).toHaveAttribute('data-status', 'none')
  await app.getByTestId('diagnose-all').click()
  await expect(app.getByTestId('diagnose-all-summary')).toContainText('Done: 2 customers, 1 passed, 0 with warnings, 1 failed.')
  const good = app.locator('[data-testid="profile-row"][data-profile-name="Sandbox Co"]')
  const wrong = app.locator('[data-testid="profile-row"][data-profile-name="Wrong Key Co"]')
  await expect(good.getByTestId('last-result')).toHaveAttribute('data-status', 'pass')
  await expect(wrong.getByTestId('last-result')).toHaveAttribute('data-status', 'fail')
  await expect(wrong.getByTestId('last-result-failure')).toContainText('Zendesk refuses the API key')
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'customers-diagnose-all.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])

  // Someone edits the webhook in Admin Center: Diagnose names it as what changed since Monday.
  await dropCreateTrigger(sandbox.info)
  await good.getByTestId('last-result-open').click()
  await expect(app.getByRole('heading', { level: 1, name: 'Diagnose' })).toBeVisible()
  await expect(app.getByTestId('history-run')).toHaveCount(1)
  await app.getByTestId('diagnose-run').click()
  await expect(app.getByTestId('doctor-link-webhook-settings')).toHaveAttribute('data-status', 'fail')
  await expect(app.getByTestId('diagnose-since-last-pass')).toContainText(/It worked earlier today at \d\d:\d\d; since then the webhook lost conversation:create\./)
  await app.getByTestId('diagnose-since-last-pass').getByText(/What changed/).click()
  await expect(app.getByTestId('since-change-webhook-settings')).toContainText('conversation:create')

  // The timeline: the passing run, read-only, and back.
  await expect(app.getByTestId('history-run')).toHaveCount(2)
  await expect(app.getByTestId('history-run').first()).toHaveAttribute('data-verdict', 'fail')
  await app.getByTestId('history-run').nth(1).getByRole('button').click()
  await expect(app.getByTestId('history-run-banner')).toContainText('A past run of Sandbox Co')
  await expect(app.getByTestId('diagnose-verdict')).toHaveAttribute('data-verdict', 'pass')
  await expect(app.getByTestId('doctor-link-webhook-settings')).toHaveAttribute('data-status', 'pass')
  await app.screenshot({ path: join(SCREENSHOT_DIR, 'diagnose-history.png'), fullPage: true })
  expect(await seriousViolations(app)).toEqual([])
  await app.getByTestId('history-back').click()
  await expect(app.getByTestId('doctor-link-webhook-settings')).toHaveAttribute('data-status', 'fail')
})

sandboxTest('a report made by doctor --report opens in the app with the same first failure, never touching the network; bad files are refused', async ({ app, sandbox, harness, keychainService }) => {
  await createSandboxProfile(app, sandbox.info, { keySecret: 'wrong-key-secret-for-the-report', webhookSecret: 'a-webhook-secret-for-the-report' })
  const dir = mkdtempSync(join(tmpdir(), 'support-loop-e2e-'))
  try {
    const file = join(dir, 'sandbox-co.json')
    const made = await cli(['doctor', '--customer', 'Sandbox Co', '--json', '--report', file], { AISSIST_DATA_DIR: harness.info.dataDir, AISSIST_KEYCHAIN_SERVICE: keychainService })
    expect(made.code).toBe(2)
    const firstFailure = (JSON.parse(made.stdout) as { firstFailure: { checkId: string; sentence: string } }).firstFailure
    expect(firstFailure.checkId).toBe('credentials-valid')

    await sandboxControl(sandbox.info, 'DELETE', '/traffic')
    await nav(app, 'Diagnose')
    await app.getByTestId('open-report-input').setInputFiles(file)
    await expect(app.getByTestId('report-view')).toBeVisible()
    await expect(app.getByTestId('report-origin')).toContainText(/From a report made on .+ with version \d+\.\d+\.\d+/)
    await expect(app.getByTestId('diagnose-first-failure')).toHaveText(firstFailure.sentence)
    await expect(app.getByTestId('doctor-link-credentials-valid')).toHaveAttribute('data-status', 'fail')
    await expect(app.getByTestId('report-customer')).toContainText(sandbox.info.appId)
    await app.screenshot({ path: join(SCREENSHOT_DIR, 'report-view.png'), fullPage: true })
    expect(await seriousViolations(app)).toEqual([])

    // A file cut short is refused with what it is, and the report stays open.
    const text = readFileSync(file, 'utf8')
    await app.getByTestId('open-report-input').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) })
    await expect(app.getByTestId('report-failure')).toContainText('"cut.json" ends in the middle of the report')
    await app.getByTestId('open-report-input').setInputFiles({ name: 'customers.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'aissist-zendesk-profiles', version: 1, profiles: [] })) })
    await expect(app.getByTestId('report-failure')).toContainText('is a customers export')

    // Closed, then dropped onto the window from another screen: it opens on Diagnose again.
    await app.getByTestId('report-close').click()
    await expect(app.getByTestId('report-view')).toHaveCount(0)
    await nav(app, 'Customers')
    const drop = await app.evaluateHandle((json) => {
      const dt = new DataTransfer()
      dt.items.add(new File([json], 'dropped.json', { type: 'application/json' }))
      return dt
    }, text)
    await app.dispatchEvent('body', 'dragenter', { dataTransfer: drop })
    await expect(app.getByTestId('report-drop-hint')).toBeVisible()
    await app.dispatchEvent('body', 'drop', { dataTransfer: drop })
    await expect(app.getByTestId('report-view')).toBeVisible()
    await expect(app.getByTestId('diagnose-first-failure')).toHaveText(firstFailure.sentence)

    // Opening reports sent nothing anywhere: not one request reached the sandbox.
    expect(((await sandboxControl(sandbox.info, 'GET', '/traffic')) as { total: number }).total).toBe(0)
    expect(await app.content()).not.toContain(sandbox.info.keySecret)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
