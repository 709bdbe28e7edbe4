import type { SimResponse } from '../http'
import { Router } from '../router'
import type { SandboxData } from '../state'
import type { ZendeskContext, ZendeskEffects, ZendeskHandler, ZendeskRequest } from './context'
import { acceptControl, createConversation, deleteConversation, getConversation, offerControl, passControl, releaseControl } from './conversations'
import { err, notFound, ok } from './errors'
import { createIntegration, deleteIntegration, getIntegration, listIntegrations, updateIntegration, withIntegration } from './integrations'
import { listMessages, postMessage } from './messages'
import {
  createSwitchboard,
  createSwitchboardIntegration,
  deleteSwitchboardIntegration,
  listSwitchboardIntegrations,
  listSwitchboards,
  updateSwitchboard,
  updateSwitchboardIntegration
} from './switchboards'
import { createUser, deleteUser, getUser } from './users'
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from './webhooks'

export type { ZendeskEffects, ZendeskRequest } from './context'

const getApp: ZendeskHandler = ({ data }) => ok({ app: { id: data.app.id, displayName: data.app.displayName, settings: {}, metadata: null } })

/** The endpoints under `/v2/apps/{appId}`, one module per resource. */
const routes = new Router<ZendeskHandler>()
  .on('GET', '/', getApp)
  .on('GET', '/integrations', listIntegrations)
  .on('POST', '/integrations', createIntegration)
  .on('GET', '/integrations/:integrationId', withIntegration(getIntegration))
  .on('PATCH', '/integrations/:integrationId', withIntegration(updateIntegration))
  .on('DELETE', '/integrations/:integrationId', withIntegration(deleteIntegration))
  .on('GET', '/integrations/:integrationId/webhooks', withIntegration(listWebhooks))
  .on('POST', '/integrations/:integrationId/webhooks', withIntegration(createWebhook))
  .on('GET', '/integrations/:integrationId/webhooks/:webhookId', withIntegration(getWebhook))
  .on('PATCH', '/integrations/:integrationId/webhooks/:webhookId', withIntegration(updateWebhook))
  .on('DELETE', '/integrations/:integrationId/webhooks/:webhookId', withIntegration(deleteWebhook))
  .on('GET', '/switchboards', listSwitchboards)
  .on('POST', '/switchboards', createSwitchboard)
  .on('PATCH', '/switchboards/:switchboardId', updateSwitchboard)
  .on('GET', '/switchboards/:switchboardId/switchboardIntegrations', listSwitchboardIntegrations)
  .on('POST', '/switchboards/:switchboardId/switchboardIntegrations', createSwitchboardIntegration)
  .on('PATCH', '/switchboards/:switchboardId/switchboardIntegrations/:switchboardIntegrationId', updateSwitchboardIntegration)
  .on('DELETE', '/switchboards/:switchboardId/switchboardIntegrations/:switchboardIntegrationId', deleteSwitchboardIntegration)
  .on('POST', '/users', createUser)
  .on('GET', '/users/:userId', getUser)
  .on('DELETE', '/users/:userId', deleteUser)
  .on('POST', '/conversations', createConversation)
  .on('GET', '/conversations/:conversationId', getConversation)
  .on('DELETE', '/conversations/:conversationId', deleteConversation)
  .on('GET', '/conversations/:conversationId/messages', listMessages)
  .on('POST', '/conversations/:conversationId/messages', postMessage)
  .on('POST', '/conversations/:conversationId/passControl', passControl)
  .on('POST', '/conversations/:conversationId/offerControl', offerControl)
  .on('POST', '/conversations/:conversationId/acceptControl', acceptControl)
  .on('POST', '/conversations/:conversationId/releaseControl', releaseControl)

/** The key of an HTTP Basic header, if it is one of the app's (app-scoped) or the account's. */
const authenticate = (data: SandboxData, authorization: string | undefined): SandboxData['keys'][number] | undefined => {
  const m = /^Basic\s+(.+)$/i.exec(authorization ?? '')
  if (!m) return undefined
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
  const i = decoded.indexOf(':')
  const [id, secret] = i < 0 ? [decoded, ''] : [decoded.slice(0, i), decoded.slice(i + 1)]
  return data.keys.find((k) => k.keyId === id && k.keySecret === secret)
}

/**
 * The simulated Sunshine Conversations v2 API: the endpoints the product uses, with the official
 * error bodies, validation rules and limits (display name ≤ 100, one webhook on a custom create,
 * 10 webhooks per app, 10 switchboard integrations, cursor pagination). Pure over its state: the
 * server does the I/O, the effects deliver the webhooks.
 */
export const handleZendesk = (data: SandboxData, effects: ZendeskEffects, req: ZendeskRequest): SimResponse => {
  const key = authenticate(data, req.authorization)
  if (!key) return err(401, 'unauthorized', 'Authorization is required')
  const parts = req.path.split('/').filter(Boolean)
  if (parts[0] !== 'v2' || parts[1] !== 'apps' || !parts[2]) return notFound()
  if (decodeURIComponent(parts[2]) !== data.app.id) return key.scope === 'account' ? err(404, 'app_not_found', 'App not found') : err(403, 'forbidden', 'Forbidden')
  const match = routes.match(req.method, `/${parts.slice(3).join('/')}`)
  if (!match) return notFound()
  if ('methodNotAllowed' in match) return err(405, 'method_not_allowed', 'Method not allowed')
  const ctx: ZendeskContext = { data, effects, query: req.query, body: (req.body ?? {}) as Record<string, unknown>, baseUrl: req.baseUrl, path: req.path }
  return match.handler(ctx, match.params)
}
