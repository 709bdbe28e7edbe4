import { MAX_WEBHOOKS_PER_APP } from '../../../../shared/schemas/zendesk'
import type { SimResponse } from '../http'
import { countWebhooks, makeWebhook, WEBHOOK_LIMIT_ERROR } from '../seed'
import type { StoredIntegration, StoredWebhook } from '../state'
import type { ZendeskContext } from './context'
import { err, errs, ok, type ZendeskErrorItem } from './errors'

/**
 * Tag Webhooks: a custom integration's webhooks, listed and read with their secret (as the spec
 * says: "available in the response to the POST … or through a GET"), created (at most 10 per
 * app, across all integrations), updated, deleted. A recreated webhook gets a new secret.
 */

const isHttpUrl = (v: unknown): boolean => {
  try {
    return typeof v === 'string' && /^https?:$/.test(new URL(v).protocol)
  } catch {
    return false
  }
}

/** Checks a webhook body the way Zendesk does; returns every error at once (400 may list several). */
export const webhookErrors = (w: unknown, partial: boolean): ZendeskErrorItem[] => {
  if (typeof w !== 'object' || w === null) return [{ code: 'bad_request', title: 'Webhook must be an object' }]
  const o = w as Record<string, unknown>
  const out: ZendeskErrorItem[] = []
  const allowed = new Set(['target', 'triggers', 'includeFullUser', 'includeFullSource'])
  for (const k of Object.keys(o)) if (!allowed.has(k)) out.push({ code: 'bad_request', title: `Unknown property ${k}` })
  if ((!partial || 'target' in o) && !isHttpUrl(o.target)) out.push({ code: 'bad_request', title: 'target must be a valid URL' })
  if (!partial || 'triggers' in o) {
    if (!Array.isArray(o.triggers) || o.triggers.length === 0 || !o.triggers.every((t) => typeof t === 'string')) {
      out.push({ code: 'bad_request', title: 'triggers must be a non-empty array of strings' })
    }
  }
  for (const k of ['includeFullUser', 'includeFullSource']) {
    if (k in o && typeof o[k] !== 'boolean') out.push({ code: 'bad_request', title: `${k} must be a boolean` })
  }
  return out
}

const hooksOf = (i: StoredIntegration): StoredWebhook[] | null => (i.type === 'custom' && i.webhooks ? i.webhooks : null)

const forbidden = (): SimResponse => err(403, 'forbidden', 'Forbidden')

export const listWebhooks = (_ctx: ZendeskContext, i: StoredIntegration): SimResponse => {
  const hooks = hooksOf(i)
  return hooks ? ok({ webhooks: hooks.map((w) => ({ ...w })) }) : forbidden()
}

export const createWebhook = ({ data, effects, body }: ZendeskContext, i: StoredIntegration): SimResponse => {
  const hooks = hooksOf(i)
  if (!hooks) return forbidden()
  const e = webhookErrors(body, false)
  if (e.length) return errs(400, e)
  if (countWebhooks(data) >= MAX_WEBHOOKS_PER_APP) return errs(400, [WEBHOOK_LIMIT_ERROR])
  const w = makeWebhook(body as { target: string; triggers: string[]; includeFullUser?: boolean; includeFullSource?: boolean })
  hooks.push(w)
  effects.webhookCreated(w)
  return ok({ webhook: { ...w } }, 201)
}

/** Runs `then` on the path's webhook of a custom integration (403 on a channel, 404 when unknown). */
const withWebhook =
  (then: (ctx: ZendeskContext, i: StoredIntegration, w: StoredWebhook) => SimResponse) =>
  (ctx: ZendeskContext, i: StoredIntegration, params: Record<string, string>): SimResponse => {
    const hooks = hooksOf(i)
    if (!hooks) return forbidden()
    const w = hooks.find((x) => x.id === params.webhookId)
    return w ? then(ctx, i, w) : err(404, 'not_found', 'Resource not found')
  }

export const getWebhook = withWebhook((_ctx, _i, w) => ok({ webhook: { ...w } }))

export const updateWebhook = withWebhook(({ body }, _i, w) => {
  const e = webhookErrors(body, true)
  if (e.length) return errs(400, e)
  Object.assign(w, body)
  return ok({ webhook: { ...w } })
})

export const deleteWebhook = withWebhook((_ctx, i, w) => {
  i.webhooks = (i.webhooks ?? []).filter((x) => x !== w)
  return ok({})
})
