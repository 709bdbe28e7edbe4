/**
 * The few globals that exist in every runtime shared/ runs in (Node, Chromium, Electron) and that
 * ES2022 does not declare. shared/ is compiled with only these (tsconfig.shared.json), so a Node or
 * DOM API used there fails to type-check. The node and web configs do not include this file:
 * there @types/node or lib.dom declare the same names.
 */
declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][])
  get(name: string): string | null
  getAll(name: string): string[]
  has(name: string): boolean
  set(name: string, value: string): void
  append(name: string, value: string): void
  delete(name: string): void
  keys(): IterableIterator<string>
  entries(): IterableIterator<[string, string]>
  forEach(cb: (value: string, key: string) => void): void
  toString(): string
  readonly size: number
  [Symbol.iterator](): IterableIterator<[string, string]>
}

declare class URL {
  constructor(url: string, base?: string | URL)
  static canParse(url: string, base?: string): boolean
  hash: string
  host: string
  hostname: string
  href: string
  readonly origin: string
  password: string
  pathname: string
  port: string
  protocol: string
  search: string
  readonly searchParams: URLSearchParams
  username: string
  toString(): string
  toJSON(): string
}

declare class TextEncoder {
  encode(input?: string): Uint8Array
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean })
  decode(input?: Uint8Array): string
}

declare function encodeURIComponent(uriComponent: string | number | boolean): string
declare function decodeURIComponent(encodedURIComponent: string): string
declare function structuredClone<T>(value: T): T
declare function setTimeout(handler: () => void, timeout?: number): unknown
declare function clearTimeout(id: unknown): void
declare const console: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void }
