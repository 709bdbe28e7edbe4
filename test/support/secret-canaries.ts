import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/** One place a canary secret turned up. */
export interface CanaryHit {
  /** The haystack's name (a file path relative to the scanned folder, "DOM", "clipboard"…). */
  name: string
  /** Which canary (as planted). */
  canary: string
  /** The form it was found in: plain, url-encoded, json-escaped, base64, base64url, hex. */
  form: string
}

/** The forms in which a leaked secret is still a leak (what a redactor must also catch). */
const forms = (canary: string): [string, string][] => {
  const out: [string, string][] = [
    ['plain', canary],
    ['url-encoded', encodeURIComponent(canary)],
    ['json-escaped', JSON.stringify(canary).slice(1, -1)],
    ['base64', Buffer.from(canary).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(canary).toString('base64url')],
    ['hex', Buffer.from(canary).toString('hex')]
  ]
  const seen = new Set<string>()
  return out.filter(([, f]) => f.length > 0 && !seen.has(f) && Boolean(seen.add(f)))
}

/**
 * The renderer- and disk-side secret check the end-to-end flows end with: looks for every planted
 * canary, in every form a careless encoder would produce, in each named text (DOM, storage,
 * clipboard, reports). Returns every hit, so a failure names where and in what form.
 */
export const findCanaries = (haystacks: { name: string; text: string }[], canaries: string[]): CanaryHit[] => {
  const hits: CanaryHit[] = []
  for (const canary of canaries) {
    if (canary.length < 4) throw new Error(`A canary must be at least 4 characters (got ${JSON.stringify(canary)}): shorter ones match ordinary text.`)
    const variants = forms(canary)
    for (const { name, text } of haystacks) {
      for (const [form, needle] of variants) if (text.includes(needle)) hits.push({ name, canary, form })
    }
  }
  return hits
}

/** Every file under `dir`, recursively (symlinks are not followed). */
const listFiles = (dir: string): string[] => {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else if (entry.isFile()) out.push(full)
  }
  return out
}

/**
 * Scans a folder (the data folder with its logs, an export folder, a browser profile) for canaries:
 * reads every file whole, as UTF-8 and as Latin-1 (so binary stores like LevelDB are searched byte
 * for byte), and as UTF-16LE at both byte alignments (Chromium's localStorage). Hits are named by path relative to `dir`.
 */
export const scanFolder = (dir: string, canaries: string[]): CanaryHit[] => {
  try {
    if (!statSync(dir).isDirectory()) return findCanaries([{ name: dir, text: readFileSync(dir, 'latin1') }], canaries)
  } catch {
    return []
  }
  const hits: CanaryHit[] = []
  for (const file of listFiles(dir)) {
    const bytes = readFileSync(file)
    const name = relative(dir, file)
    const found = findCanaries(
      [
        { name, text: bytes.toString('utf8') },
        { name, text: bytes.toString('latin1') },
        { name, text: bytes.toString('utf16le') },
        { name, text: bytes.subarray(1).toString('utf16le') }
      ],
      canaries
    )
    const unique = new Map(found.map((h) => [`${h.canary}\u0000${h.form}`, h]))
    hits.push(...unique.values())
  }
  return hits
}
