/** Path parameters by name (`:integrationId` → `params.integrationId`), URL-decoded. */
export type Params = Record<string, string>

interface Route<H> {
  method: string
  parts: string[]
  handler: H
}

/** What a path resolved to: a handler, a known path with another method, or nothing. */
export type RouteMatch<H> = { handler: H; params: Params } | { methodNotAllowed: true } | null

const split = (path: string): string[] => path.split('/').filter(Boolean)

/**
 * A small method + path router for the sandbox's services: patterns like
 * `/integrations/:integrationId/webhooks`, first registered wins, no wildcards.
 */
export class Router<H> {
  private readonly routes: Route<H>[] = []

  on(method: string, pattern: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), parts: split(pattern), handler })
    return this
  }

  match(method: string, path: string): RouteMatch<H> {
    let segments: string[]
    try {
      segments = split(path).map(decodeURIComponent)
    } catch {
      return null
    }
    let known = false
    for (const r of this.routes) {
      const params = matchParts(r.parts, segments)
      if (!params) continue
      if (r.method === method.toUpperCase()) return { handler: r.handler, params }
      known = true
    }
    return known ? { methodNotAllowed: true } : null
  }
}

const matchParts = (parts: string[], segments: string[]): Params | null => {
  if (parts.length !== segments.length) return null
  const params: Params = {}
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) params[parts[i].slice(1)] = segments[i]
    else if (parts[i] !== segments[i]) return null
  }
  return params
}
