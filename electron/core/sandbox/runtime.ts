import { WebhookDeliverer, ZENDESK_RETRY_SCHEDULE_MS } from './delivery'
import { fanOut, type Deliver } from './events'
import { FaultController } from './faults'
import { delay } from './http'
import { seedData, type SandboxSeed } from './seed'
import type { SandboxData } from './state'
import { TrafficMeter } from './traffic'
import type { ZendeskEffects } from './zendesk/index'

export interface RuntimeOptions {
  seed?: SandboxSeed
  webhookTimeoutMs?: number
  retryScheduleMs?: number[]
}

/**
 * What the sandbox's services share: the state (replaced on reset), the fault table, the webhook
 * deliverer, the effects of Zendesk writes (HEAD a new webhook, fan events out) and the work in
 * flight that `settled()` waits for.
 */
export class SandboxRuntime {
  data!: SandboxData
  /** `http://127.0.0.1:PORT`, once listening. */
  base = ''
  readonly faults = new FaultController()
  /** Requests served at once, and in all (the control API's excepted). */
  readonly traffic = new TrafficMeter()
  readonly deliverer: WebhookDeliverer
  readonly effects: ZendeskEffects
  private readonly pending = new Set<Promise<unknown>>()

  constructor(private readonly options: RuntimeOptions) {
    this.deliverer = new WebhookDeliverer({
      timeoutMs: options.webhookTimeoutMs ?? 20_000,
      retryScheduleMs: options.retryScheduleMs ?? ZENDESK_RETRY_SCHEDULE_MS,
      record: (a) => this.data.deliveries.push(a)
    })
    const deliver: Deliver = (w, payload, eventType) => this.deliverer.deliver(w, payload, eventType)
    this.effects = {
      webhookCreated: (w) => this.track(this.deliverer.head(w).then((h) => this.data.headChecks.push(h))),
      conversationCreated: (conv) => fanOut(this.data, deliver, 'conversation:create', conv),
      messagePosted: (conv, m) => fanOut(this.data, deliver, 'conversation:message', conv, m)
    }
  }

  get imagesUrl(): string {
    return `${this.base}/images`
  }

  /** Starts over from the seed (new IDs and secrets unless the seed fixes them). */
  reset(): void {
    this.data = seedData(this.options.seed ?? {}, this.imagesUrl)
  }

  /** Counts `p` as work in flight until it settles. */
  track(p: Promise<unknown>): void {
    this.pending.add(p)
    void p.finally(() => this.pending.delete(p)).catch(() => undefined)
  }

  /** Resolves when no webhook delivery nor tracked work (a gateway reply, a HEAD) is pending. */
  async settled(): Promise<void> {
    for (let i = 0; i < 10_000 && (this.deliverer.busy || this.pending.size > 0); i++) {
      await Promise.allSettled([...this.pending])
      await delay(5)
    }
  }

  async close(): Promise<void> {
    await this.deliverer.close()
    await Promise.allSettled([...this.pending])
  }
}
