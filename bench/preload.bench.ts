/**
 * The preload's size (issue 19): the built bundle, beside the same bridge bundled in this run from
 * the zod contract (what the preload was before it read the channel list), and gzip sizes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'
import { printFigure, times } from './figures'

const root = resolve(__dirname, '..')
const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`

/** The old preload: the same loops over `channels` and `eventNames` from the zod contract. */
const bundleFromContract = async (): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'aissist-bench-preload-'))
  try {
    const entry = join(dir, 'preload-from-contract.ts')
    writeFileSync(
      entry,
      `import { contextBridge, ipcRenderer } from 'electron'
import { channels, eventNames, subscriptionName } from ${JSON.stringify(join(root, 'shared', 'contract', 'index.ts'))}
const bridge: Record<string, unknown> = {}
for (const c of channels) bridge[c] = (input: unknown) => ipcRenderer.invoke(c, input ?? {})
for (const e of eventNames) bridge[subscriptionName(e)] = (l: (p: unknown) => void) => { const w = (_: unknown, p: unknown) => l(p); ipcRenderer.on('event:' + e, w); return () => ipcRenderer.removeListener('event:' + e, w) }
contextBridge.exposeInMainWorld('aissist', Object.freeze(bridge))
`
    )
    const build = await rolldown({ input: entry, external: ['electron'], platform: 'node', logLevel: 'silent' })
    const { output } = await build.generate({ format: 'cjs' })
    await build.close()
    return output.map((o) => ('code' in o ? o.code : '')).join('')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const main = async (): Promise<void> => {
  const built = readFileSync(join(root, 'out', 'preload', 'index.js'))
  const old = Buffer.from(await bundleFromContract())
  console.log(`preload, built from the channel list: ${kb(built.length)} (gzip ${kb(gzipSync(built, { level: 9 }).length)}); zod inside: ${/\$Zod[A-Z]/.test(built.toString()) ? 'yes' : 'no'}`)
  console.log(`the same bridge from the zod contract: ${kb(old.length)} (gzip ${kb(gzipSync(old, { level: 9 }).length)}); zod inside: ${/\$Zod[A-Z]/.test(old.toString()) ? 'yes' : 'no'}`)
  printFigure({ name: 'preload bundle', value: kb(built.length), baseline: `from the zod contract: ${kb(old.length)}`, ratio: times(built.length / old.length), goal: '≤ 20 kB', met: built.length <= 20 * 1024 })
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
