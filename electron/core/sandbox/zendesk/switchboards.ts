import {
  MAX_SWITCHBOARD_INTEGRATIONS,
  SwitchboardIntegrationCreateBody,
  SwitchboardIntegrationUpdateBody,
  SwitchboardUpdateBody,
  type SwitchboardIntegration
} from '../../../../shared/schemas/zendesk'
import type { SimResponse } from '../http'
import type { Params } from '../router'
import { newId, type SandboxData } from '../state'
import type { ZendeskContext, ZendeskHandler } from './context'
import { badRequest, err, ok } from './errors'

/**
 * Tags Switchboards and Switchboard Integrations: the app's one switchboard (enable it, choose its
 * default responder) and its integrations (`integrationId`/`integrationType`, `deliverStandbyEvents`,
 * `nextSwitchboardIntegrationId`, `messageHistoryCount`), at most 10.
 */

const firstIssue = (issues: { path: PropertyKey[]; message: string }[]): string => {
  const i = issues[0]
  return i ? `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}` : 'Bad request'
}

/** Runs `then` when the path names the app's switchboard. */
const withSwitchboard =
  (then: (ctx: ZendeskContext, params: Params) => SimResponse): ZendeskHandler =>
  (ctx, params) =>
    params.switchboardId === ctx.data.switchboard.id ? then(ctx, params) : err(404, 'switchboard_not_found', 'Switchboard not found')

const sbiExists = (data: SandboxData, id: string | null | undefined): boolean => !id || data.switchboardIntegrations.some((s) => s.id === id)

export const listSwitchboards: ZendeskHandler = ({ data }) => ok({ switchboards: [data.switchboard] })

export const createSwitchboard: ZendeskHandler = () => badRequest('Only one switchboard can be created per app')

export const updateSwitchboard = withSwitchboard(({ data, body }) => {
  const r = SwitchboardUpdateBody.safeParse(body)
  if (!r.success) return badRequest(firstIssue(r.error.issues))
  if (r.data.defaultSwitchboardIntegrationId !== undefined && !sbiExists(data, r.data.defaultSwitchboardIntegrationId)) {
    return badRequest('defaultSwitchboardIntegrationId must be the id of a switchboard integration')
  }
  Object.assign(data.switchboard, r.data)
  return ok({ switchboard: data.switchboard })
})

export const listSwitchboardIntegrations = withSwitchboard(({ data }) => ok({ switchboardIntegrations: data.switchboardIntegrations }))

export const createSwitchboardIntegration = withSwitchboard(({ data, body }) => {
  const r = SwitchboardIntegrationCreateBody.safeParse(body)
  if (!r.success) return badRequest(firstIssue(r.error.issues))
  if (data.switchboardIntegrations.length >= MAX_SWITCHBOARD_INTEGRATIONS) {
    return err(400, 'too_many_switchboard_integrations', `Switchboard has reached the max number of switchboard integrations (${MAX_SWITCHBOARD_INTEGRATIONS})`)
  }
  const b = r.data
  if (data.switchboardIntegrations.some((s) => s.name === b.name)) return badRequest(`A switchboard integration named ${b.name} already exists`)
  const integration = b.integrationId ? data.integrations.find((i) => i.id === b.integrationId) : undefined
  if (b.integrationId && !integration) return badRequest('integrationId must be the id of an integration of this app')
  if (!sbiExists(data, b.nextSwitchboardIntegrationId)) return badRequest('nextSwitchboardIntegrationId must be the id of a switchboard integration')
  const sbi: SwitchboardIntegration = {
    id: newId(),
    name: b.name,
    integrationId: integration?.id ?? newId(),
    integrationType: integration?.type ?? (b.integrationType as string),
    deliverStandbyEvents: b.deliverStandbyEvents ?? true,
    nextSwitchboardIntegrationId: b.nextSwitchboardIntegrationId ?? null,
    ...(b.messageHistoryCount !== undefined ? { messageHistoryCount: b.messageHistoryCount } : {})
  }
  data.switchboardIntegrations.push(sbi)
  return ok({ switchboardIntegration: sbi }, 201)
})

const withSwitchboardIntegration = (then: (ctx: ZendeskContext, sbi: SwitchboardIntegration) => SimResponse): ZendeskHandler =>
  withSwitchboard((ctx, params) => {
    const sbi = ctx.data.switchboardIntegrations.find((s) => s.id === params.switchboardIntegrationId)
    return sbi ? then(ctx, sbi) : err(404, 'switchboard_integration_not_found', 'Switchboard integration not found')
  })

export const updateSwitchboardIntegration = withSwitchboardIntegration(({ data, body }, sbi) => {
  const r = SwitchboardIntegrationUpdateBody.safeParse(body)
  if (!r.success) return badRequest(firstIssue(r.error.issues))
  if (r.data.integrationId !== undefined && r.data.integrationType !== undefined) return badRequest("Can't provide both integrationId and integrationType")
  if (!sbiExists(data, r.data.nextSwitchboardIntegrationId)) return badRequest('nextSwitchboardIntegrationId must be the id of a switchboard integration')
  Object.assign(sbi, r.data)
  return ok({ switchboardIntegration: sbi })
})

/** Removes a switchboard integration; a channel or the switchboard that pointed at it falls back. */
export const deleteSwitchboardIntegration = withSwitchboardIntegration(({ data }, sbi) => {
  data.switchboardIntegrations = data.switchboardIntegrations.filter((s) => s !== sbi)
  if (data.switchboard.defaultSwitchboardIntegrationId === sbi.id) data.switchboard.defaultSwitchboardIntegrationId = null
  for (const i of data.integrations) if (i.defaultResponderId === sbi.id) i.defaultResponderId = null
  return ok({})
})
