// `node scripts/electronegativity.mjs`: Doyensec's Electronegativity over the app's TypeScript
// sources (electron/, shared/, renderer/ — the tool parses TS 5 syntax fine; tests are left out,
// they are not shipped). Every finding must be listed in scripts/electronegativity-suppressions.json
// with the reason it is acceptable; any other finding, or a file the tool could not parse, fails.
//
// The tool's own CLI cannot start here (it requires commander 2's API and npm hoists commander 14),
// so this script calls its runner module, which is the same code the CLI calls.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { root } from './lib.mjs'

const require = createRequire(import.meta.url)
// Both overridable for the script's own test (a fixture folder with a known-bad window).
const suppressionsFile = process.env.ELECTRONEGATIVITY_SUPPRESSIONS ?? join(root, 'scripts', 'electronegativity-suppressions.json')
const fixedInput = process.env.ELECTRONEGATIVITY_INPUT

/** Copies what ships into one folder, so the tool's global checks see main, preload and the page together. */
const stage = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aissist-electronegativity-'))
  const keep = (src) => !/\.(test|spec)\.tsx?$/.test(src) && !src.split(sep).includes('node_modules')
  for (const folder of ['electron', 'shared', 'renderer']) cpSync(join(root, folder), join(dir, folder), { recursive: true, filter: keep })
  return dir
}

/** Finding → stable key: the check and the file (not the line, which moves with every edit). */
const keyOf = (check, file) => `${check} ${file.split(sep).join('/')}`

const main = async () => {
  const suppressions = JSON.parse(readFileSync(suppressionsFile, 'utf8'))
  for (const s of suppressions) {
    if (!s.check || !s.file || typeof s.reason !== 'string' || s.reason.trim().length < 20) {
      console.error(`✖ suppression ${JSON.stringify(s)} needs "check", "file" and a "reason" that explains it.`)
      return 1
    }
  }
  const allowed = new Map(suppressions.map((s) => [keyOf(s.check, s.file), s]))
  const electronVersion = require('electron/package.json').version
  const run = require('@doyensec/electronegativity')
  const dir = fixedInput ?? stage()
  let result
  try {
    // The tool logs a line about fetching Electron's release list; offline that just fails over.
    result = await run({
      input: dir,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: []
    })
  } finally {
    if (!fixedInput) rmSync(dir, { recursive: true, force: true })
  }
  const used = new Set()
  const unexplained = []
  for (const issue of result.issues) {
    const file = issue.file === 'N/A' ? 'N/A' : issue.file
    const key = keyOf(issue.id, file)
    const line = `${issue.id} ${file}:${issue.location?.line ?? 0} [${issue.severity?.name ?? issue.severity}/${issue.confidence?.name ?? issue.confidence}] ${issue.description}`
    if (allowed.has(key)) {
      used.add(key)
      console.log(`  ▸ explained: ${line}\n      because: ${allowed.get(key).reason}`)
    } else unexplained.push(line)
  }
  const parseErrors = result.errors.filter((e) => !e.tolerable)
  for (const e of parseErrors) console.error(`✖ could not parse ${e.file}: ${e.message}`)
  for (const [key] of allowed) if (!used.has(key)) console.log(`  ▲ stale suppression (no longer found; remove it): ${key}`)
  for (const line of unexplained) console.error(`✖ unexplained finding: ${line}`)
  console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}): ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ${result.issues.length} findings, ${used.size} explained, ${unexplained.length} unexplained, ${parseErrors.length} parse errors`)
  return unexplained.length === 0 && parseErrors.length === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`✖ electronegativity crashed: ${e?.stack ?? e}`)
    process.exit(2)
  }
)
