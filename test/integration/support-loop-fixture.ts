import { PassThrough } from 'node:stream'
import { expect } from 'vitest'
import { runCli } from '../../electron/cli/program'
import { runSetup } from '../../electron/core/setup/run-setup'
import type { Profile } from '../../shared/schemas/profile'
import { startWorld, type SetupWorld } from './setup-fixture'

/**
 * The support loop's world: one sandbox account configured by the guided setup, and more
 * customers on the same sandbox (each its own record and keychain entries), one of them with a
 * wrong key secret when asked.
 */
export interface LoopWorld extends SetupWorld {
  customers: Profile[]
  cli(args: string[], tty?: boolean): Promise<{ code: number; stdout: string; stderr: string }>
}

export const startLoopWorld = async (opts: { extra?: number; wrongKeyIndex?: number; keySecret?: string; webhookSecret?: string } = {}): Promise<LoopWorld> => {
  const w = await startWorld({}, opts.keySecret ? { keySecret: opts.keySecret } : {})
  if (opts.keySecret) w.sandbox.state.keys[0].keySecret = opts.keySecret
  const setup = await runSetup(w.services, { profileRef: w.profile.id, mode: 'apply', confirm: { apply: true, deleteDuplicates: false } })
  expect(setup.ok).toBe(true)
  if (opts.webhookSecret) {
    for (const h of w.ours()[0].webhooks ?? []) h.secret = opts.webhookSecret
    await w.services.vault.setSecret(w.profile.id, 'webhookSecret', opts.webhookSecret)
  }
  // The image host renders its pictures on first request: warm it so no avatar is "slow".
  await fetch(`${w.sandbox.imagesUrl}/avatar.png`).then((r) => r.arrayBuffer())
  const hook = await w.services.vault.getSecret(w.profile.id, 'webhookSecret')
  w.profile = await w.services.vault.getProfile(w.profile.id)
  const customers: Profile[] = [w.profile]
  for (let i = 0; i < (opts.extra ?? 0); i++) {
    const wrong = i === opts.wrongKeyIndex
    const created = await w.services.vault.createProfile({
        name: wrong ? `Wrong key ${i + 2}` : `Customer ${i + 2}`,
        apiBaseUrl: w.sandbox.zendeskUrl,
        appId: w.sandbox.appId,
        keyId: w.sandbox.keyId,
        gatewayUrl: w.sandbox.gatewayUrl,
        allowPrivate: true,
        agentName: 'Aissist',
        avatarUrl: `${w.sandbox.imagesUrl}/avatar.png`,
        keySecret: wrong ? `wrong-key-secret-${i}-abcdef` : opts.keySecret ?? w.sandbox.keySecret,
        webhookSecret: hook
      })
    // The same Zendesk app and webhook: the test events name it, as setup records it.
    customers.push(await w.services.vault.updateProfile(created.id, { webhookId: w.profile.webhookId ?? null, integrationId: w.profile.integrationId ?? null }))
  }
  const cli: LoopWorld['cli'] = async (args, tty = false) => {
    const stdout = Object.assign(new PassThrough(), tty ? { isTTY: true } : {})
    const stderr = Object.assign(new PassThrough(), tty ? { isTTY: true } : {})
    let out = ''
    let err = ''
    stdout.on('data', (d: Buffer) => (out += d.toString()))
    stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), env: { AISSIST_DATA_DIR: w.dataDir, AISSIST_KEYCHAIN_SERVICE: w.keychainService } })
    return { code, stdout: out, stderr: err }
  }
  return { ...w, customers, cli }
}
