import type { SimResponse } from '../http'
import { badRequest } from './errors'

/** One page of a cursor-paginated list, with Zendesk's `meta` and `links`. */
export interface Page<T> {
  page: T[]
  meta: { hasMore: boolean; afterCursor?: string }
  links: { next?: string }
}

/** Cursor pagination as Zendesk does it: `page[size]` 1–100 (default 25), `page[after]`, never both cursors. */
export const pageOf = <T extends { id: string }>(items: T[], query: URLSearchParams, baseUrl: string, path: string): Page<T> | SimResponse => {
  const sizeRaw = query.get('page[size]')
  const size = sizeRaw === null ? 25 : Number(sizeRaw)
  if (!Number.isInteger(size) || size < 1 || size > 100) return badRequest('Invalid query parameters')
  if (query.get('page[after]') && query.get('page[before]')) return badRequest('Invalid query parameters')
  let start = 0
  const after = query.get('page[after]')
  if (after) {
    const i = items.findIndex((x) => x.id === after)
    if (i < 0) return badRequest('Invalid query parameters')
    start = i + 1
  }
  const page = items.slice(start, start + size)
  const hasMore = start + size < items.length
  const meta = { hasMore, ...(hasMore ? { afterCursor: page[page.length - 1].id } : {}) }
  const next = new URLSearchParams(query)
  if (hasMore) next.set('page[after]', page[page.length - 1].id)
  return { page, meta, links: hasMore ? { next: `${baseUrl}${path}?${next.toString()}` } : {} }
}

export const isPage = <T>(r: Page<T> | SimResponse): r is Page<T> => 'page' in r
