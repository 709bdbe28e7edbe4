import { CustomIntegrationCreateBody, DISPLAY_NAME_MAX, MAX_WEBHOOKS_PER_APP } from '../../../../shared/schemas/zendesk'
import type { SimResponse } from '../http'
import { defaultResponderOf } from '../routing'
import { countWebhooks, makeWebhook, WEBHOOK_LIMIT_ERROR } from '../seed'
import { newId, type SandboxData, type StoredIntegration } from '../state'
import type { ZendeskContext, ZendeskHandler } from './context'
import { badRequest, err, errs, ok, unknownProperties, type ZendeskErrorItem } from './errors'
import { isPage, pageOf } from './pagination'
import { webhookErrors } from './webhooks'

/**
 * Tag Integrations: list (filter by type, cursor pages), create a custom integration (exactly one
 * webhook), read, update (`displayName`; a channel's `defaultResponderId`), delete.
 */

/** An integration as the API shows it: webhooks (with their secrets) on custom ones, `defaultResponder` on channels. */
export const publicIntegration = (data: SandboxData, i: StoredIntegration): Record<string, unknown> => ({
  id: i.id,
  type: i.type,
  status: i.status,
  displayName: i.displayName,
  ...(i.webhooks ? { webhooks: i.webhooks.map((w) => ({ ...w })) } : {}),
  ...(i.type !== 'custom' ? { defaultResponder: defaultResponderOf(data, i) } : {})
})

const displayNameError = (d: unknown, nullable: boolean): ZendeskErrorItem | null =>
  (d === null && nullable) || (typeof d === 'string' && d.length >= 1 && d.length <= DISPLAY_NAME_MAX)
    ? null
    : { code: 'bad_request', title: `displayName must be between 1 and ${DISPLAY_NAME_MAX} characters` }

export const findIntegration = (data: SandboxData, id: string): StoredIntegration | undefined => data.integrations.find((i) => i.id === id)

export const listIntegrations: ZendeskHandler = ({ data, query, baseUrl }) => {
  const types = query.get('filter[types]')?.split(',').filter(Boolean)
  const items = types?.length ? data.integrations.filter((i) => types.includes(i.type)) : data.integrations
  const r = pageOf(items, query, baseUrl, `/v2/apps/${data.app.id}/integrations`)
  if (!isPage(r)) return r
  return ok({ integrations: r.page.map((i) => publicIntegration(data, i)), meta: r.meta, links: r.links })
}

export const createIntegration: ZendeskHandler = ({ data, effects, body }) => {
  if (body.type !== 'custom') return badRequest('Invalid integration type')
  const errors: ZendeskErrorItem[] = []
  const d = body.displayName
  const dErr = d === undefined ? null : displayNameError(d, false)
  if (dErr) errors.push(dErr)
  const hooks = body.webhooks
  if (!Array.isArray(hooks) || hooks.length !== 1) errors.push({ code: 'bad_request', title: 'A custom integration requires exactly one webhook' })
  else errors.push(...webhookErrors(hooks[0], false))
  errors.push(...unknownProperties(body, ['type', 'displayName', 'webhooks']))
  if (errors.length) return errs(400, errors)
  // Must agree with what the client sends (strict schema): keeps the two in step.
  const parsed = CustomIntegrationCreateBody.safeParse(body)
  if (!parsed.success) return badRequest(parsed.error.issues[0]?.message ?? 'Bad request')
  if (countWebhooks(data) >= MAX_WEBHOOKS_PER_APP) return errs(400, [WEBHOOK_LIMIT_ERROR])
  const w = makeWebhook(parsed.data.webhooks[0])
  const integration: StoredIntegration = { id: newId(), type: 'custom', status: 'active', displayName: (d as string | undefined) ?? null, webhooks: [w] }
  data.integrations.push(integration)
  effects.webhookCreated(w)
  return ok({ integration: publicIntegration(data, integration) }, 201)
}

export const getIntegration = (ctx: ZendeskContext, i: StoredIntegration): SimResponse => ok({ integration: publicIntegration(ctx.data, i) })

/** Schemas `customUpdate` (displayName) and `integrationUpdateBase` (a channel's displayName, defaultResponderId). */
export const updateIntegration = ({ data, body }: ZendeskContext, integration: StoredIntegration): SimResponse => {
  const allowed = integration.type === 'custom' ? ['displayName'] : ['displayName', 'defaultResponderId', 'showAIDisclaimer']
  const bad = unknownProperties(body, allowed)
  if (bad.length) return errs(400, bad)
  const dErr = 'displayName' in body ? displayNameError(body.displayName, true) : null
  if (dErr) return errs(400, [dErr])
  if ('defaultResponderId' in body) {
    const id = body.defaultResponderId
    if (id !== null && (typeof id !== 'string' || !data.switchboardIntegrations.some((s) => s.id === id))) {
      return badRequest('defaultResponderId must be the id of a switchboard integration, or null')
    }
    integration.defaultResponderId = id as string | null
  }
  if ('displayName' in body) integration.displayName = body.displayName as string | null
  return ok({ integration: publicIntegration(data, integration) })
}

/** Deleting an integration takes its webhooks and its switchboard integrations with it. */
export const deleteIntegration = ({ data }: ZendeskContext, integration: StoredIntegration): SimResponse => {
  data.integrations = data.integrations.filter((i) => i !== integration)
  data.switchboardIntegrations = data.switchboardIntegrations.filter((s) => s.integrationId !== integration.id)
  return ok({})
}

/** Runs `then` on the path's integration, or answers Zendesk's 404. */
export const withIntegration =
  (then: (ctx: ZendeskContext, i: StoredIntegration, params: Record<string, string>) => SimResponse): ZendeskHandler =>
  (ctx, params) => {
    const i = findIntegration(ctx.data, params.integrationId)
    return i ? then(ctx, i, params) : err(404, 'integration_not_found', 'Integration not found')
  }
