import { renderCurl } from '../../../../shared/gateway/curl'
import { writeFile } from 'node:fs/promises'
import { runBurst } from '../../gateway/burst'
import { findHistoryEntry, readHistory } from '../../gateway/history'
import { runLiveRoundTrip } from '../../gateway/round-trip'
import { probeGatewayHead } from '../../gateway/send-event'
import { previewTestEvent, sendTestEvent } from '../../gateway/test-event'
import { WebhookPayload } from '../../../../shared/webhook-events'
import type { HandlerGroup } from '../context'
import { runTask } from '../run-task'

type TestEventChannel =
  | 'sendTestEvent'
  | 'previewTestEvent'
  | 'probeGateway'
  | 'listEventHistory'
  | 'replayEvent'
  | 'copyCurl'
  | 'exportEventHistory'
  | 'runBurst'
  | 'runLiveRoundTrip'

/** A burst reports at most every 100 ms (and always its last answer), so a fast gateway does not flood the renderer. */
const BURST_PROGRESS_MS = 100

/**
 * The webhook test-event calls. The webhook secret is read here, in main, and only ever leaves
 * through the gateway request itself or (copy as curl, reveal) the clipboard.
 */
export const testEventHandlers: HandlerGroup<TestEventChannel> = {
  sendTestEvent: async (input, { services }) => sendTestEvent(services, input),
  previewTestEvent: async (input, { services }) => previewTestEvent(services, input),
  probeGateway: async ({ profileRef }, { services }) => {
    const p = await services.vault.getProfile(profileRef)
    return { response: await probeGatewayHead({ url: p.gatewayUrl, allowPrivate: p.allowPrivate }) }
  },
  listEventHistory: async ({ profileRef }, { services }) => {
    const p = await services.vault.getProfile(profileRef)
    return { entries: await readHistory(services.dataDir, p.id) }
  },
  replayEvent: async ({ historyId }, { services }) => {
    const entry = await findHistoryEntry(services.dataDir, historyId)
    const payload = WebhookPayload.parse(entry.response.request.body)
    return sendTestEvent(services, { profileRef: entry.profileId, type: payload.events[0].type, payload, replayOf: entry.id })
  },
  copyCurl: async ({ historyId, reveal }, { services, host }) => {
    const entry = await findHistoryEntry(services.dataDir, historyId)
    const masked = renderCurl(entry.response.request)
    if (!reveal) {
      host.clipboard.writeText(masked)
      return { copied: true, revealed: false, curl: masked, clearsAfterMs: null }
    }
    const secret = await services.vault.getSecret(entry.profileId, 'webhookSecret')
    const vault = services.vault
    vault.clipboard.copy(host.clipboard, renderCurl(entry.response.request, secret))
    services.logger.info('curl with the webhook secret copied', { profileId: entry.profileId })
    return { copied: true, revealed: true, curl: masked, clearsAfterMs: vault.clipboard.clearsAfterMs }
  },
  exportEventHistory: async ({ profileRef }, { services, host }) => {
    const p = await services.vault.getProfile(profileRef)
    const entries = await readHistory(services.dataDir, p.id)
    const safeName = p.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'customer'
    const path = await host.chooseSavePath(`aissist-events-${safeName}.json`, [{ name: 'JSON', extensions: ['json'] }])
    if (!path) return { path: null, count: 0 }
    const text = JSON.stringify({ format: 'aissist-gateway-event-history', version: 1, profile: { id: p.id, name: p.name, gatewayUrl: p.gatewayUrl }, exportedAt: new Date().toISOString(), entries }, null, 2)
    // History holds no secret (checked on write); the redactor is a second net for the file.
    await writeFile(path, services.secrets.redact(text), { mode: 0o600 })
    return { path, count: entries.length }
  },
  runBurst: ({ taskId, ...input }, ctx) =>
    runTask(ctx, { id: taskId, kind: 'burst' }, ({ signal, progress }) => {
      let last = 0
      return runBurst(ctx.services, {
        ...input,
        signal,
        onProgress: (sample) => {
          const now = Date.now()
          if (sample.done !== sample.total && now - last < BURST_PROGRESS_MS) return
          last = now
          progress(sample)
        }
      })
    }),
  runLiveRoundTrip: ({ profileRef, taskId, timeoutMs, echoWaitMs }, ctx) =>
    runTask(ctx, { id: taskId, kind: 'round-trip' }, ({ signal, progress }) => runLiveRoundTrip(ctx.services, { profileRef, timeoutMs, echoWaitMs, signal, onStep: progress }))
}
