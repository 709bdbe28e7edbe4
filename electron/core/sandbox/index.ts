import { handleControl } from './control'
import { FaultController, type ActiveFault, type FaultSpec } from './faults'
import { SimulatedGateway } from './gateway'
import { imageHostAssets } from './image-host/assets'
import { SandboxRuntime } from './runtime'
import { seedChannel, seedCustomIntegration, type SandboxSeed } from './seed'
import { listen, serveZendesk, type SandboxServer } from './server'
import { findWebhook, newId, newSecret, type SandboxData } from './state'
import type { Sandbox, SandboxOptions } from './types'
import { simulateUserMessage } from './user-simulator'

export type { FaultSpec, ActiveFault, SandboxSeed, SandboxData, Sandbox, SandboxOptions }
export type { SeedChannel, SeedIntegration, SeedWebhook } from './seed'
export type { SimulatedUserMessage } from './types'
export { FaultController }

/**
 * Starts the sandbox: one plain Node HTTP server on 127.0.0.1 serving the simulated Zendesk
 * (`/zendesk/v2/...`), the simulated Aissist gateway (`/gateway/zendesk/conversation`), the image
 * host (`/images/...`) and a token-guarded control API (`/__sandbox/...`). It is the product's
 * offline default and what every test runs against.
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const host = options.host ?? '127.0.0.1'
  const controlToken = options.controlToken ?? newSecret(24)
  const rt = new SandboxRuntime(options)
  const gateway = new SimulatedGateway(rt)
  // Make the image host's pictures before answering anything (about a second, once per process):
  // a first avatar fetch that waits for them would look "slow" to the checker.
  await imageHostAssets()
  const ref: { sandbox?: Sandbox } = {}
  const server = await listen(
    {
      zendesk: serveZendesk(rt),
      gateway: (req, res, path) => gateway.handle(req, res, path),
      control: (req, res, path) => handleControl(ref.sandbox!, rt, controlToken, req, res, path)
    },
    options.port ?? 0,
    host,
    rt.traffic
  )
  rt.base = `http://${host}:${server.port}`
  rt.reset()
  ref.sandbox = inProcessApi(rt, server, gateway, controlToken)
  return ref.sandbox
}

/** The object a test or the CLI holds: URLs, keys, the live state, and the operations the control API exposes. */
const inProcessApi = (rt: SandboxRuntime, server: SandboxServer, gateway: SimulatedGateway, controlToken: string): Sandbox => ({
  port: server.port,
  zendeskUrl: `${rt.base}/zendesk`,
  gatewayUrl: `${rt.base}/gateway/zendesk/conversation`,
  imagesUrl: rt.imagesUrl,
  controlUrl: `${rt.base}/__sandbox`,
  controlToken,
  get appId() {
    return rt.data.app.id
  },
  get keyId() {
    return rt.data.keys[0].keyId
  },
  get keySecret() {
    return rt.data.keys[0].keySecret
  },
  get accountKeyId() {
    return rt.data.keys[1].keyId
  },
  get accountKeySecret() {
    return rt.data.keys[1].keySecret
  },
  get state() {
    return rt.data
  },
  faults: rt.faults,
  traffic: rt.traffic,
  setAgent: (agent) => {
    if (agent.name) rt.data.agent.name = agent.name
    if (agent.avatarUrl) rt.data.agent.avatarUrl = agent.avatarUrl
    if (agent.parts) rt.data.agent.parts = agent.parts
  },
  setDefaultResponder: (integrationId) => setDefaultResponder(rt.data, integrationId),
  simulateUserMessage: async (input) => simulateUserMessage(rt, input),
  seedIntegration: (seed) => {
    const r = seedCustomIntegration(rt.data, seed)
    if (!r.ok) throw new Error(r.error.title)
    return r.integration
  },
  addChannel: (channel) => {
    if (channel.defaultResponderId && !rt.data.switchboardIntegrations.some((s) => s.id === channel.defaultResponderId)) {
      throw new Error('defaultResponderId must be the id of a switchboard integration')
    }
    return seedChannel(rt.data, channel)
  },
  setWebhook: (webhookId, change) => {
    const w = findWebhook(rt.data, webhookId)
    if (!w) throw new Error(`No webhook ${webhookId}`)
    if (change.version) w.version = change.version
    if (change.secret) w.secret = change.secret
  },
  setGatewaySecret: (secret, webhookId) => {
    const s = rt.data.gatewaySecrets
    if (webhookId) {
      if (secret === null) delete s.byWebhook[webhookId]
      else s.byWebhook[webhookId] = secret
    } else {
      s.all = secret
      if (secret === null) s.byWebhook = {}
    }
  },
  settled: () => rt.settled(),
  reset: () => {
    rt.faults.clear()
    rt.reset()
  },
  close: async () => {
    await rt.close()
    await gateway.close()
    await server.close()
  }
})

/** The switchboard's default responder: this integration (linked when needed), or the Agent Workspace with null. */
const setDefaultResponder = (data: SandboxData, integrationId: string | null): void => {
  if (integrationId === null) {
    data.switchboard.defaultSwitchboardIntegrationId = data.switchboardIntegrations.find((s) => s.integrationType === 'zd:agentWorkspace')?.id ?? null
    return
  }
  let sbi = data.switchboardIntegrations.find((s) => s.integrationId === integrationId)
  if (!sbi) {
    sbi = { id: newId(), name: 'aissist', integrationId, integrationType: 'custom', deliverStandbyEvents: true, nextSwitchboardIntegrationId: null }
    data.switchboardIntegrations.push(sbi)
  }
  data.switchboard.defaultSwitchboardIntegrationId = sbi.id
}
