import type { SimResponse } from '../http'

/** One error of Zendesk's error body (`{"errors":[{"code","title"}]}`). */
export interface ZendeskErrorItem {
  code: string
  title: string
}

/** An answer with Zendesk's error body. */
export const err = (status: number, code: string, title: string): SimResponse => ({ status, body: { errors: [{ code, title }] } })

/** An answer listing several errors at once (a 400 may). */
export const errs = (status: number, list: ZendeskErrorItem[]): SimResponse => ({ status, body: { errors: list } })

export const ok = (body: unknown, status = 200): SimResponse => ({ status, body })

export const notFound = (): SimResponse => err(404, 'not_found', 'Resource not found')

export const badRequest = (title: string): SimResponse => err(400, 'bad_request', title)

/** Every body key not in `allowed`, as Zendesk names them. */
export const unknownProperties = (body: Record<string, unknown>, allowed: readonly string[]): ZendeskErrorItem[] =>
  Object.keys(body)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ code: 'bad_request', title: `Unknown property ${k}` }))
