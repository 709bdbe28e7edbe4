import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { CONTENT_TYPES, WEBHOOK_VERSIONS } from '../../../shared/webhook-events'
import type { FaultSpec } from './faults'
import { readBody, send, type SimResponse } from './http'
import { Router, type Params } from './router'
import type { SandboxRuntime } from './runtime'
import { seedCustomIntegration } from './seed'
import type { Sandbox, SimulatedUserMessage } from './types'

/**
 * The sandbox's control API (`/__sandbox/...`, every call with `Authorization: Bearer <token>`):
 * inspection, faults, and the states a real account can be in that Zendesk's own API cannot make.
 *
 *   GET    /state                   everything the sandbox knows, with the active faults
 *   GET    /faults                  the active faults
 *   GET    /traffic                 requests served (in all, at once, most at once) per service and method
 *   DELETE /traffic                 start counting afresh
 *   POST   /faults                  add a fault (FaultSpec) → 201 { id }
 *   DELETE /faults                  clear every fault
 *   DELETE /faults/:id              remove one fault
 *   POST   /reset                   start over from the seed → { appId, keyId }
 *   POST   /agent                   { name?, avatarUrl? }: the simulated gateway's agent identity
 *   POST   /default-responder       { integrationId | null }: the switchboard's default responder
 *   POST   /user-message            SimulatedUserMessage: a customer writes → 201 { conversationId, messageId }
 *   POST   /integrations            SeedIntegration: a custom integration with any webhooks (version v1/v1.1/v2,
 *                                   `*` triggers, fixed secrets) and switchboard settings → 201; an 11th
 *                                   webhook gets Zendesk's 400 body
 *   POST   /channels                { type, displayName?, defaultResponderId? }: a channel integration → 201
 *   PATCH  /webhooks/:webhookId     { version?, secret? }: what Zendesk's API cannot change (a secret
 *                                   rotated elsewhere, a legacy payload version)
 *   POST   /gateway/secret          { secret | null, webhookId? }: the secret the simulated gateway expects
 *                                   (a stale value entered in the gateway); null: Zendesk's current one
 *   PATCH  /users/:userId           { zendeskId?, brandId? }: fields only Zendesk sets on a user
 */

interface ControlContext {
  sandbox: Sandbox
  rt: SandboxRuntime
  body: Record<string, unknown>
  params: Params
}
type ControlHandler = (ctx: ControlContext) => SimResponse | Promise<SimResponse>

const ok = (body: unknown, status = 200): SimResponse => ({ status, body })
const bad = (message: string): SimResponse => ({ status: 400, body: { error: 'bad_request', message } })

/** Parses a control body, or answers 400 naming the first wrong field. */
const parsed =
  <T>(schema: z.ZodType<T>, then: (value: T, ctx: ControlContext) => SimResponse | Promise<SimResponse>): ControlHandler =>
  (ctx) => {
    const r = schema.safeParse(ctx.body)
    if (r.success) return then(r.data, ctx)
    const i = r.error.issues[0]
    return bad(`${i.path.map(String).join('.') || 'body'}: ${i.message}`)
  }

const SeedWebhookBody = z.strictObject({
  target: z.string().url(),
  triggers: z.array(z.string().min(1)).min(1).optional(),
  version: z.enum(WEBHOOK_VERSIONS).optional(),
  secret: z.string().min(1).optional(),
  includeFullUser: z.boolean().optional(),
  includeFullSource: z.boolean().optional()
})

const SeedIntegrationBody = SeedWebhookBody.partial().extend({
  displayName: z.string().min(1).max(100),
  webhooks: z.array(SeedWebhookBody).optional(),
  switchboard: z
    .union([
      z.literal(false),
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional(),
        deliverStandbyEvents: z.boolean().optional(),
        messageHistoryCount: z.number().int().min(1).max(10).nullable().optional(),
        nextSwitchboardIntegrationId: z.string().nullable().optional(),
        default: z.boolean().optional()
      })
    ])
    .optional()
})

const UserMessageBody = z.strictObject({
  text: z.string().optional(),
  content: z.union([z.enum(CONTENT_TYPES), z.looseObject({ type: z.string() })]).optional(),
  conversationId: z.string().optional(),
  sourceType: z.string().min(1).optional(),
  user: z.strictObject({ zendeskId: z.string().nullable().optional(), brandId: z.string().nullable().optional(), givenName: z.string().optional(), surname: z.string().optional() }).optional(),
  conversationMetadata: z.record(z.string(), z.unknown()).nullable().optional()
})

const routes = new Router<ControlHandler>()
  .on('GET', '/state', ({ rt }) => ok({ ...rt.data, faults: rt.faults.list() }))
  .on('GET', '/faults', ({ rt }) => ok({ faults: rt.faults.list() }))
  .on('POST', '/faults', ({ rt, body }) => ok({ id: rt.faults.add(body as unknown as FaultSpec) }, 201))
  .on('DELETE', '/faults', ({ rt }) => {
    rt.faults.clear()
    return ok({})
  })
  .on('GET', '/traffic', ({ rt }) => ok(rt.traffic.snapshot()))
  .on('DELETE', '/traffic', ({ rt }) => {
    rt.traffic.reset()
    return ok({})
  })
  .on('DELETE', '/faults/:id', ({ rt, params }) => (rt.faults.remove(Number(params.id)) ? ok({}) : { status: 404, body: { error: 'not_found' } }))
  .on('POST', '/reset', ({ sandbox, rt }) => {
    sandbox.reset()
    return ok({ appId: rt.data.app.id, keyId: rt.data.keys[0].keyId })
  })
  .on(
    'POST',
    '/agent',
    parsed(z.strictObject({ name: z.string().min(1).optional(), avatarUrl: z.string().min(1).optional(), parts: z.number().int().min(1).max(5).optional() }), (b, { sandbox, rt }) => {
      sandbox.setAgent(b)
      return ok(rt.data.agent)
    })
  )
  .on('POST', '/default-responder', ({ sandbox, rt, body }) => {
    sandbox.setDefaultResponder((body.integrationId as string | null) ?? null)
    return ok(rt.data.switchboard)
  })
  .on('POST', '/user-message', parsed(UserMessageBody, async (b, { sandbox }) => ok(await sandbox.simulateUserMessage(b as SimulatedUserMessage), 201)))
  .on(
    'POST',
    '/integrations',
    parsed(SeedIntegrationBody, (b, { rt }) => {
      const r = seedCustomIntegration(rt.data, b)
      return r.ok ? ok({ integration: r.integration, switchboardIntegration: r.switchboardIntegration }, 201) : { status: 400, body: { errors: [r.error] } }
    })
  )
  .on(
    'POST',
    '/channels',
    parsed(z.strictObject({ type: z.string().min(1), displayName: z.string().nullable().optional(), defaultResponderId: z.string().nullable().optional() }), (b, { sandbox }) =>
      ok({ integration: sandbox.addChannel(b) }, 201)
    )
  )
  .on(
    'PATCH',
    '/webhooks/:webhookId',
    parsed(z.strictObject({ version: z.enum(WEBHOOK_VERSIONS).optional(), secret: z.string().min(1).optional() }), (b, { sandbox, params }) => {
      sandbox.setWebhook(params.webhookId, b)
      return ok({ webhookId: params.webhookId, ...b })
    })
  )
  .on(
    'POST',
    '/gateway/secret',
    parsed(z.strictObject({ secret: z.string().min(1).nullable(), webhookId: z.string().optional() }), (b, { sandbox, rt }) => {
      sandbox.setGatewaySecret(b.secret, b.webhookId)
      return ok({ gatewaySecrets: { all: rt.data.gatewaySecrets.all !== null, byWebhook: Object.keys(rt.data.gatewaySecrets.byWebhook) } })
    })
  )
  .on(
    'PATCH',
    '/users/:userId',
    parsed(z.strictObject({ zendeskId: z.string().nullable().optional(), brandId: z.string().nullable().optional() }), (b, { rt, params }) => {
      const user = rt.data.users.find((u) => u.id === params.userId || u.externalId === params.userId)
      if (!user) return { status: 404, body: { error: 'not_found', message: 'No such user' } }
      Object.assign(user, b)
      return ok({ user })
    })
  )

/** Serves one control call: token check, body, route; a refused operation is a 400 naming why. */
export const handleControl = async (sandbox: Sandbox, rt: SandboxRuntime, token: string, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
  if (req.headers.authorization !== `Bearer ${token}`) return send(res, { status: 401, body: { error: 'unauthorized' } })
  const raw = req.method === 'POST' || req.method === 'PATCH' ? await readBody(req) : ''
  let body: Record<string, unknown> = {}
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
  } catch {
    return send(res, bad('The body is not valid JSON'))
  }
  const match = routes.match(req.method ?? 'GET', path)
  if (!match || 'methodNotAllowed' in match) return send(res, { status: 404, body: { error: 'not_found' } })
  try {
    send(res, await match.handler({ sandbox, rt, body, params: match.params }))
  } catch (e) {
    send(res, bad(e instanceof Error ? e.message : String(e)))
  }
}
