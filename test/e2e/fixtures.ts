import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawnJsonLine, type Announced } from '../support/spawn-json-line'
import type { SandboxInfo } from '../../electron/core/sandbox/types'
export type { SandboxInfo }

const root = resolve(__dirname, '..', '..')

export interface HarnessInfo {
  url: string
  openUrl: string
  token: string
  dataDir: string
}

/** Where every e2e screenshot goes (kept as a CI artifact). */
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots')

/**
 * Each test gets its own harness process (the built app's core, its own data folder and keychain
 * service name) and a page opened on it.
 */
export const test = base.extend<{ harness: Announced<HarnessInfo>; app: Page; keychainService: string; harnessEnv: Record<string, string> }>({
  /** Extra environment for the harness process (e.g. a short clipboard clear delay); set with `test.use`. */
  harnessEnv: [{}, { option: true }],
  keychainService: async ({}, use, testInfo) => {
    await use(`aissist-e2e-${process.pid}-${testInfo.workerIndex}-${Date.now()}`)
  },
  harness: async ({ keychainService, harnessEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aissist-e2e-'))
    const harness = await spawnJsonLine<HarnessInfo>(
      process.execPath,
      [join(root, 'out', 'main', 'harness.js'), '--port', '0', '--data-dir', dataDir],
      { ...process.env, ...harnessEnv, AISSIST_KEYCHAIN_SERVICE: keychainService, AISSIST_DATA_DIR: dataDir }
    )
    await use(harness)
    await harness.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
  app: async ({ page, harness }, use) => {
    await page.goto(harness.info.openUrl)
    await use(page)
  }
})

export { expect }


/** A sandbox process per test (the built CLI), driven through its token-guarded control API. */
export const sandboxTest = test.extend<{ sandbox: Announced<SandboxInfo> }>({
  sandbox: async ({}, use) => {
    const sb = await spawnJsonLine<SandboxInfo>(process.execPath, [join(root, 'bin', 'aissist-zd'), 'sandbox', '--port', '0'], { ...process.env })
    await use(sb)
    await sb.stop()
  }
})

/**
 * Creates a profile for the sandbox through the page's own bridge (as the UI would), makes it
 * active, and reloads so every screen sees it. Returns the profile id.
 */
export const createSandboxProfile = async (page: Page, sb: SandboxInfo, overrides: Record<string, unknown> = {}): Promise<string> => {
  const id = await page.evaluate(
    async ({ sb, overrides }) => {
      const bridge = (window as unknown as { aissist: Record<string, (i: unknown) => Promise<{ ok: boolean; value?: { profile: { id: string } }; error?: unknown }>> }).aissist
      const r = await bridge.createProfile({
        name: 'Sandbox Co',
        apiBaseUrl: sb.zendeskUrl,
        appId: sb.appId,
        keyId: sb.keyId,
        gatewayUrl: sb.gatewayUrl,
        agentName: 'Aissist Agent',
        avatarUrl: `${sb.imagesUrl}/avatar.png`,
        allowPrivate: true,
        keySecret: sb.keySecret,
        ...overrides
      })
      if (!r.ok || !r.value) throw new Error(`createProfile failed: ${JSON.stringify(r.error)}`)
      await bridge.setActiveProfile({ ref: r.value.profile.id })
      return r.value.profile.id
    },
    { sb, overrides }
  )
  await page.reload()
  return id
}

/** Drives the sandbox's control API (faults, agent, state) from a test. */
export const sandboxControl = async (sb: SandboxInfo, method: string, path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${sb.controlUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sb.controlToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

type BridgeAnswer = { ok: boolean; value?: unknown; error?: unknown }

/** Calls the page's own bridge (as the UI does) and fails the test on an error answer. */
export const bridgeCall = async <T = unknown>(page: Page, channel: string, input: unknown): Promise<T> => {
  const r = await page.evaluate(
    async ({ channel, input }) => (window as unknown as { aissist: Record<string, (i: unknown) => Promise<BridgeAnswer>> }).aissist[channel](input),
    { channel, input }
  )
  expect(r, `${channel}: ${JSON.stringify(r)}`).toMatchObject({ ok: true })
  return r.value as T
}

/**
 * A sandbox customer configured by the guided setup (through the bridge, as the Apply button
 * does: webhook created, its secret stored), active, the page reloaded. Returns the customer's id.
 */
export const configuredSandboxProfile = async (page: Page, sb: SandboxInfo, overrides: Record<string, unknown> = {}): Promise<string> => {
  const id = await createSandboxProfile(page, sb, overrides)
  await bridgeCall(page, 'applySetup', { profileRef: id, taskId: `e2e-setup-${Date.now()}`, confirmApply: true })
  await page.reload()
  return id
}
