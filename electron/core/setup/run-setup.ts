import { buildPlan, planSummary } from '../../../shared/setup/plan'
import { repairedTriggers } from '../../../shared/setup/diff'
import { guideIntegrationBody, guideWebhook, sameTarget, INTEGRATION_NAME } from '../../../shared/setup/guide'
import {
  manualChannelBot,
  manualCheckKey,
  manualCreateIntegration,
  manualDeleteDuplicates,
  manualRepairWebhook
} from '../../../shared/setup/manual'
import type { AccountInspection, ManualSteps, PlanItem, WriteTargetInfo } from '../../../shared/setup/types'
import { apiBase, type Profile } from '../../../shared/schemas/profile'
import type { App, Webhook, WebhookUpdateBody } from '../../../shared/schemas/zendesk'
import { AppFailure, toAppError } from '../errors'
import type { Services } from '../services'
import type { ZendeskClient } from '../zendesk/client'
import { isZendeskApiError } from '../zendesk/errors'
import { clientForProfile, type ClientForProfileOptions } from './client-for-profile'
import './default-hooks'
import { setupHook, type SetupHookId } from './hooks'
import { inspectAccountDetailed } from './inspect'
import { SETUP_STEPS, type SetupStep, type SetupStepId } from './steps'

export type { SetupStep, SetupStepId }

export interface RunSetupOptions {
  profileRef: string
  /** `plan` reads only; `apply` writes what `confirm` allows. */
  mode: 'plan' | 'apply'
  confirm: { apply: boolean; deleteDuplicates: boolean }
  signal?: AbortSignal
  /** Called with a copy of a step every time it changes (progress events, the CLI's lines). */
  onStep?: (step: SetupStep) => void
  /** Client tuning (a counting dispatcher for the bench, a faster retry policy in tests). */
  client?: ClientForProfileOptions
}

export interface SetupResult {
  /** No step failed (in apply mode: the account ends up configured). */
  ok: boolean
  /** The account matches the guide after this run (false in plan mode while changes are pending). */
  configured: boolean
  steps: SetupStep[]
  plan: PlanItem[]
  /** Write requests sent to Zendesk by this run (0 on an already-correct account). */
  writes: number
  target: WriteTargetInfo
  summary: string
}

/** The account a write goes to, as every output names it. */
export const writeTargetOf = (profile: Pick<Profile, 'name' | 'subdomain' | 'apiBaseUrl' | 'appId'>): WriteTargetInfo => ({
  customer: profile.name,
  account: profile.subdomain ? `${profile.subdomain}.zendesk.com` : apiBase(profile),
  appId: profile.appId
})

/** "Acme — acme.zendesk.com, app 5f…": the words every write message ends with. */
export const targetWords = (t: WriteTargetInfo): string => `${t.customer} — ${t.account}, app ID ${t.appId}`

class StepFailure extends Error {
  constructor(readonly error: ReturnType<typeof toAppError>, readonly manual?: ManualSteps) {
    super(error.message)
  }
}

interface StepOutcome {
  status?: SetupStep['status']
  message: string
  manual?: ManualSteps
  data?: unknown
}

const HOOK_SCREENS: Record<SetupHookId, string> = {
  'test-events': 'Not run here yet: send test events from the Test events screen (or `aissist-zd events send`).',
  'agent-identity': 'Not run here yet: check the agent name and avatar on the Agent & avatar screen (or `aissist-zd avatar check`).'
}

/**
 * The guided setup of the guide's "Create the integration manually", step by step: read, plan,
 * and only with confirmation write exactly the guide's values, keep the webhook's ID and secret,
 * and read everything back. Safe to repeat (a correct account gets zero writes) and to interrupt
 * (it finds its own integration by name and target before ever creating one).
 */
export const runSetup = async (services: Services, options: RunSetupOptions): Promise<SetupResult> => {
  const { signal, mode, confirm } = options
  const steps: SetupStep[] = SETUP_STEPS.map((d) => ({ id: d.id, title: d.title, status: 'pending', message: '', durationMs: 0 }))
  const redact = services.secrets.redact
  const emit = (s: SetupStep): void => options.onStep?.(structuredClone(s))
  const step = (id: SetupStepId): SetupStep => steps.find((s) => s.id === id)!
  let writes = 0
  let failed: SetupStep | null = null
  let profile: Profile | null = null
  let client: ZendeskClient | null = null
  let target: WriteTargetInfo = { customer: options.profileRef, account: '', appId: '' }
  let app: App | null = null
  let inspection: AccountInspection | null = null
  let knownSecret: string | undefined
  let plan: PlanItem[] = []

  const set = (id: SetupStepId, patch: Partial<SetupStep>): void => {
    Object.assign(step(id), patch)
    emit(step(id))
  }

  const run = async (id: SetupStepId, fn: () => Promise<StepOutcome>, manualOnFailure?: () => ManualSteps): Promise<boolean> => {
    if (failed) {
      set(id, { status: 'skipped', message: `Not run: the step "${failed.title}" failed.` })
      return false
    }
    const started = performance.now()
    set(id, { status: 'running', message: '' })
    try {
      if (signal?.aborted) throw new AppFailure({ code: 'cancelled', message: 'The setup was cancelled.', fix: 'Run it again when ready; it resumes where it stopped.' })
      const out = await fn()
      set(id, {
        status: out.status ?? 'passed',
        message: redact(out.message),
        durationMs: Math.round(performance.now() - started),
        ...(out.manual ? { manual: out.manual } : {}),
        ...(out.data !== undefined ? { data: out.data } : {})
      })
      return true
    } catch (e) {
      const cancelled = signal?.aborted === true
      const error = cancelled
        ? { code: 'cancelled', message: `The setup was cancelled during "${step(id).title}".`, fix: 'Run it again when ready; it resumes where it stopped and never creates a second integration.' }
        : e instanceof StepFailure
          ? { ...e.error, message: redact(e.error.message), fix: redact(e.error.fix) }
          : toAppError(e, redact)
      const manual = e instanceof StepFailure && e.manual ? e.manual : manualOnFailure?.()
      set(id, { status: 'failed', message: error.message, durationMs: Math.round(performance.now() - started), error, ...(manual ? { manual } : {}) })
      failed = step(id)
      return false
    }
  }

  const manualCreate = (): ManualSteps => manualCreateIntegration(profile?.gatewayUrl ?? '')

  try {
    // 1. credentials
    await run('credentials', async () => {
      profile = await services.vault.getProfile(options.profileRef)
      target = writeTargetOf(profile)
      const status = await services.vault.hasSecret(profile.id, 'keySecret')
      if (status !== 'present') await services.vault.getSecret(profile.id, 'keySecret') // throws the vault's explained error
      ;({ client } = await clientForProfile(services, profile.id, options.client))
      return { message: `The key secret of "${profile.name}" (key ID ${profile.keyId}) is in the keychain.` }
    })

    // 2. reachable + credentials work
    await run(
      'connect',
      async () => {
        app = await client!.getApp({ signal })
        return { message: `Connected to ${target.account}: app "${app.displayName ?? app.id}" (${app.id}) accepts the key ${profile!.keyId}.` }
      },
      () => manualCheckKey(profile!.appId, profile!.keyId)
    )

    // 3. find what exists
    await run('inspect', async () => {
      const detailed = await inspectAccountDetailed(client!, profile!, { signal, app: app! })
      inspection = detailed.inspection
      knownSecret = detailed.webhookSecret
      const i = inspection.integration
      const found = i
        ? `Found ${INTEGRATION_NAME} (${i.id})${i.webhook ? ` with its webhook to ${i.webhook.target}` : ' without a webhook'}`
        : `No ${INTEGRATION_NAME} yet`
      const dups = inspection.duplicates.length ? `; ${inspection.duplicates.length} duplicate${inspection.duplicates.length === 1 ? '' : 's'} also sending to the gateway` : ''
      return { message: `${found}${dups}.`, data: { inspection } }
    })

    // 4. plan
    await run('plan', async () => {
      plan = buildPlan(inspection!, profile!.gatewayUrl)
      const writesPlanned = plan.length > 0
      return {
        message: writesPlanned ? `${planSummary(plan)} Target: ${targetWords(target)}. Nothing is written before you confirm.` : planSummary(plan),
        data: { plan, target }
      }
    })

    const applyItems = plan.filter((p) => p.confirm === 'apply')
    const deleteItems = plan.filter((p) => p.confirm === 'deleteDuplicates')
    const willApply = mode === 'apply' && confirm.apply

    if (!failed && !willApply) {
      const waiting = plan.length > 0
      const msg = waiting ? `Waiting for your confirmation to write to ${targetWords(target)}. Nothing was written.` : 'Nothing to change.'
      for (const id of ['apply', 'keep', 'verify'] as const) {
        set(id, { status: waiting ? 'waiting' : 'skipped', message: id === 'apply' ? msg : waiting ? 'Runs after the changes are applied.' : 'Nothing to change.' })
      }
    } else {
      // 5. apply
      let webhook: Webhook | null = null
      let integrationId: string | null = inspection ? (inspection as AccountInspection).integration?.id ?? null : null
      await run(
        'apply',
        async () => {
          const done: string[] = []
          const ins = inspection!
          const create = applyItems.find((p) => p.kind === 'create-integration')
          if (create) {
            const res = await client!.createCustomIntegration(guideIntegrationBody(profile!.gatewayUrl), { signal })
            writes++
            integrationId = res.integration.id
            webhook = res.integration.webhooks.find((w) => sameTarget(w.target, profile!.gatewayUrl)) ?? res.integration.webhooks[0] ?? null
            done.push(res.recovered
              ? `Created ${INTEGRATION_NAME} (${integrationId}); its answer was lost, and the integration it made was found instead of creating a second one`
              : `Created ${INTEGRATION_NAME} (${integrationId})`)
          }
          if (applyItems.some((p) => p.kind === 'create-webhook')) {
            webhook = await createWebhookSafely(client!, integrationId!, profile!.gatewayUrl, signal)
            writes++
            done.push(`Added the webhook to ${profile!.gatewayUrl}`)
          }
          const updates = applyItems.filter((p) => p.kind === 'update-webhook')
          if (updates.length && ins.integration?.webhook) {
            const current = ins.integration.webhook
            const body: WebhookUpdateBody = {}
            const want = guideWebhook(profile!.gatewayUrl)
            for (const u of updates) {
              if (u.field === 'target') body.target = want.target
              if (u.field === 'triggers') body.triggers = repairedTriggers(current.triggers)
              if (u.field === 'includeFullUser') body.includeFullUser = true
              if (u.field === 'includeFullSource') body.includeFullSource = true
            }
            webhook = await client!.updateWebhook(ins.integration.id, current.id, body, { signal })
            writes++
            done.push(`Repaired the webhook in place: ${updates.map((u) => u.title.toLowerCase()).join('; ')}`)
          }
          let leftDuplicates = 0
          for (const d of deleteItems) {
            if (!confirm.deleteDuplicates) {
              leftDuplicates++
              continue
            }
            try {
              if (d.webhookId && ins.duplicates.find((x) => x.integrationId === d.integrationId && x.webhookId === d.webhookId)?.remove === 'webhook') {
                await client!.deleteWebhook(d.integrationId!, d.webhookId, { signal })
              } else {
                await client!.deleteIntegration(d.integrationId!, { signal })
              }
              writes++
              done.push(d.title.replace(/^Delete/, 'Deleted'))
            } catch (e) {
              if (isZendeskApiError(e) && e.status === 404) {
                writes++
                done.push(`${d.title.replace(/^Delete/, 'Deleted')} (it was already gone)`)
              } else {
                throw new StepFailure(toAppError(e, redact), manualDeleteDuplicates(profile!.gatewayUrl))
              }
            }
          }
          const where = `on ${targetWords(target)}`
          const base = done.length ? `${done.join('. ')} — ${where}.` : `Nothing to change on ${targetWords(target)}: 0 writes.`
          if (leftDuplicates) {
            return {
              status: 'warn',
              message: `${base} ${leftDuplicates} duplicate${leftDuplicates === 1 ? ' was' : 's were'} NOT deleted: deleting needs its own confirmation (--delete-duplicates). Until then every message reaches Aissist more than once.`,
              manual: manualDeleteDuplicates(profile!.gatewayUrl)
            }
          }
          return { message: base }
        },
        () => ((inspection as AccountInspection | null)?.integration ? manualRepairWebhook(profile!.gatewayUrl) : manualCreate())
      )

      // 6. keep the webhook ID and secret
      await run(
        'keep',
        async () => {
          const hookNow: Webhook | null = webhook
          const webhookId = hookNow ? hookNow.id : (inspection as AccountInspection | null)?.integration?.webhook?.id ?? null
          if (!integrationId || !webhookId) throw new AppFailure({ code: 'setup-no-webhook', message: 'There is no webhook to keep: the integration has none.', fix: 'Run the setup again; if it fails again, create the webhook by hand.' })
          let secret = (hookNow as Webhook | null)?.secret ?? knownSecret
          if (!secret) secret = (await client!.listWebhooks(integrationId, { signal })).find((w) => w.id === webhookId)?.secret
          const changed: string[] = []
          if (profile!.integrationId !== integrationId || profile!.webhookId !== webhookId) {
            profile = await services.vault.updateProfile(profile!.id, { integrationId, webhookId })
            changed.push(`saved the integration ID ${integrationId} and webhook ID ${webhookId} in the profile`)
          }
          if (!secret) {
            return {
              status: 'warn',
              message: `${changed.length ? `${cap(changed.join('; '))}. ` : ''}Zendesk did not return the webhook secret, so it could not be stored: copy it from Admin Center into the profile.`,
              manual: { where: manualCreateIntegration(profile!.gatewayUrl).where, steps: [`Open ${INTEGRATION_NAME}, copy its webhook secret, and paste it in Customers → ${profile!.name} → Webhook secret.`], values: [{ label: 'Webhook ID', value: webhookId }] }
            }
          }
          services.secrets.add(secret)
          const stored = (await services.vault.hasSecret(profile!.id, 'webhookSecret')) === 'present' ? await services.vault.getSecret(profile!.id, 'webhookSecret') : null
          if (stored !== secret) {
            await services.vault.setSecret(profile!.id, 'webhookSecret', secret)
            changed.push('stored the webhook secret in the keychain')
          }
          return { message: changed.length ? `${cap(changed.join('; '))}.` : `The webhook ID ${webhookId} and its secret were already saved; nothing changed.` }
        }
      )

      // 7. verify
      await run(
        'verify',
        async () => {
          const again = await inspectAccountDetailed(client!, profile!, { signal, app: app! })
          inspection = again.inspection
          const i = again.inspection.integration
          if (!i || !i.webhook) {
            throw new AppFailure({ code: 'setup-verify-missing', message: `Reading back found no ${INTEGRATION_NAME} with a webhook on ${targetWords(target)}.`, fix: 'Run the setup again, or create the integration by hand with the values below.' })
          }
          if (integrationId && i.id !== integrationId) {
            throw new AppFailure({ code: 'setup-verify-mismatch', message: `Reading back found ${INTEGRATION_NAME} ${i.id}, not the one just set up (${integrationId}).`, fix: 'Another tool may have changed the integrations meanwhile: run the setup again.' })
          }
          if (again.inspection.drift.length) {
            throw new AppFailure({
              code: 'setup-verify-mismatch',
              message: `Reading back, the webhook still differs from the plan: ${again.inspection.drift.map((d) => d.message).join(' ')}`,
              fix: 'Run the setup again; if the difference stays, set the values by hand as below.',
              details: { drift: again.inspection.drift }
            })
          }
          const dups = again.inspection.duplicates.length
          const good = `Read back: ${INTEGRATION_NAME} (${i.id}) sends to ${i.webhook.target}, with Conversation created and Conversation message, Include full user and Include full source on — as planned.`
          if (dups) return { status: 'warn', message: `${good} ${dups} duplicate${dups === 1 ? '' : 's'} still send${dups === 1 ? 's' : ''} to the gateway.`, manual: manualDeleteDuplicates(profile!.gatewayUrl), data: { inspection: again.inspection } }
          return { message: good, data: { inspection: again.inspection } }
        },
        () => manualRepairWebhook(profile!.gatewayUrl)
      )
    }

    // 8, 9: plugged in by their capabilities
    for (const id of ['test-events', 'agent-identity'] as const) {
      const hook = setupHook(id)
      if (!hook || !willApply || failed) {
        if (failed) set(id, { status: 'skipped', message: `Not run: the step "${(failed as SetupStep).title}" failed.` })
        else set(id, { status: 'skipped', message: hook ? 'Runs after the changes are applied.' : HOOK_SCREENS[id] })
        continue
      }
      await run(id, async () => hook.run({ services, profile: profile!, client: client!, inspection: inspection!, signal }))
    }

    // 10. channel bot
    await run('channel-bot', async () => {
      const bot = inspection!.channelBot
      return bot.aissistIsDefault
        ? { status: 'warn', message: bot.message, manual: manualChannelBot(), data: { channelBot: bot } }
        : { message: bot.message, data: { channelBot: bot } }
    })
  } finally {
    await (client as ZendeskClient | null)?.close()
  }

  const anyFailed = steps.some((s) => s.status === 'failed')
  const verified = ['passed', 'warn'].includes(step('verify').status)
  const configured = !anyFailed && (verified || (plan.filter((p) => p.confirm === 'apply').length === 0 && step('plan').status === 'passed'))
  const failedStep = steps.find((s) => s.status === 'failed')
  const summary = failedStep
    ? `Setup stopped at "${failedStep.title}": ${failedStep.message}`
    : mode === 'plan' || !confirm.apply
      ? `${planSummary(plan)}${plan.length ? ` Target: ${targetWords(target)}.` : ''}`
      : writes === 0
        ? `The account already matches the setup guide: nothing was written (${targetWords(target)}).`
        : `Setup done with ${writes} write${writes === 1 ? '' : 's'} to ${targetWords(target)}.`
  return { ok: !anyFailed, configured, steps, plan, writes, target, summary: redact(summary) }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Adds the guide's webhook to an existing integration. A POST is never repeated blindly: when its
 * answer is lost, the webhooks are read back and the one with the gateway target is taken.
 */
const createWebhookSafely = async (client: ZendeskClient, integrationId: string, gatewayUrl: string, signal?: AbortSignal): Promise<Webhook> => {
  try {
    return await client.createWebhook(integrationId, guideWebhook(gatewayUrl), { signal })
  } catch (e) {
    if (!isZendeskApiError(e) || !e.outcomeUnknown) throw e
    const found = (await client.listWebhooks(integrationId, { signal })).find((w) => sameTarget(w.target, gatewayUrl))
    if (found) return found
    throw e
  }
}
