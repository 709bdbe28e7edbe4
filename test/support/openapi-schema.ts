import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import { load } from 'js-yaml'

/**
 * The official Sunshine Conversations OpenAPI description, as tests check payloads and answers
 * against it. It lives outside the project (`../shared/reference/` from the repo root) and is never
 * copied in; tests that need it skip, saying why, when it is absent.
 *
 * OpenAPI 3.0 schemas are not JSON Schema: `nullable`, and a `discriminator` whose branches do not
 * pin their `type`, are converted here so ajv reads them as the spec means them.
 */

const SPEC_FILE = join('shared', 'reference', 'sunshine-conversations-openapi.yaml')

/**
 * `../shared/reference/` from the repo root; from a git worktree nested one level deeper the same
 * folder is found by walking up (a few levels at most). `AISSIST_OPENAPI_SPEC` overrides it.
 */
const findSpec = (): string => {
  const first = resolve(process.cwd(), '..', SPEC_FILE)
  let dir = resolve(process.cwd(), '..')
  for (let i = 0; i < 3; i++) {
    if (existsSync(join(dir, SPEC_FILE))) return join(dir, SPEC_FILE)
    dir = dirname(dir)
  }
  return first
}

/** Where the spec is expected. */
export const OPENAPI_SPEC_PATH = process.env.AISSIST_OPENAPI_SPEC ?? findSpec()

/** Why spec-based tests skip, or null when the spec is there. */
export const openApiMissingReason = (): string | null =>
  existsSync(OPENAPI_SPEC_PATH) ? null : `the official OpenAPI file is not at ${OPENAPI_SPEC_PATH} (spec-based checks skipped)`

type Node = Record<string, unknown>

export interface OpenApiDocument {
  components: { schemas: Record<string, Node>; examples?: Record<string, { value?: unknown }> }
  paths: Record<string, unknown>
  [k: string]: unknown
}

let cached: OpenApiDocument | null = null

/** The parsed spec (read once per process); throws when absent: guard with {@link openApiMissingReason}. */
export const loadOpenApi = (): OpenApiDocument => {
  cached ??= load(readFileSync(OPENAPI_SPEC_PATH, 'utf8')) as OpenApiDocument
  return cached
}

/** `discriminator` + `oneOf`: each mapped branch must carry its own discriminator value. */
const pinDiscriminator = (node: Node): Node => {
  const d = node.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined
  const { discriminator: _drop, ...rest } = node
  if (!d || !Array.isArray(rest.oneOf) || !d.mapping) return rest
  const mapped = new Map(Object.entries(d.mapping).map(([value, ref]) => [ref, value]))
  rest.oneOf = (rest.oneOf as Node[]).map((branch) => {
    const value = typeof branch.$ref === 'string' ? mapped.get(branch.$ref) : undefined
    return value === undefined ? branch : { allOf: [branch, { type: 'object', properties: { [d.propertyName]: { const: value } }, required: [d.propertyName] }] }
  })
  return rest
}

/** Converts one OpenAPI schema node (and everything below it) to JSON Schema. */
export const toJsonSchema = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toJsonSchema)
  if (value === null || typeof value !== 'object') return value
  const node = pinDiscriminator(value as Node)
  const out: Node = {}
  for (const [k, v] of Object.entries(node)) {
    if (k === 'nullable' || k === 'example' || k.startsWith('x-')) continue
    // `properties` maps names to schemas: convert the schemas, keep the names.
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Node).map(([name, s]) => [name, toJsonSchema(s)])) : toJsonSchema(v)
  }
  if (node.nullable === true) return { anyOf: [out, { type: 'null' }] }
  if (node.nullable === false) return { allOf: [out, { not: { type: 'null' } }] }
  return out
}

let ajv: Ajv | null = null

const compiler = (): Ajv => {
  if (ajv) return ajv
  ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addFormat('uri', { type: 'string', validate: (s: string) => URL.canParse(s) })
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/)
  ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchema(loadOpenApi().components.schemas) } })
  return ajv
}

/**
 * An ajv validator for one named component schema of the official spec
 * (`conversationMessageEvent`, `webhook`, `switchboardIntegration`…), `$ref`s resolved.
 */
export const openApiValidator = (schemaName: string): ValidateFunction => {
  const a = compiler()
  const id = `openapi#/components/schemas/${schemaName}`
  if (!loadOpenApi().components.schemas[schemaName]) throw new Error(`The spec has no component schema ${schemaName}`)
  return a.getSchema(id) ?? a.compile({ $ref: id })
}

/** ajv's errors in one line each, for an assertion message. */
export const describeAjvErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n')

/** A named example of the spec (`components.examples`), its `value`. */
export const openApiExample = (name: string): unknown => loadOpenApi().components.examples?.[name]?.value
