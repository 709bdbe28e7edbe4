/**
 * The command line's start-up (issue 19): whole-process wall time, process.hrtime around
 * spawnSync, of `aissist-zd --version`, `--help` and `avatar rewrite URL` (offline) against
 * `node -e 0`, all measured in the same interleaved rounds (load on the machine hits each alike);
 * medians. Run after `npm run build` (the runner builds first).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { median, printFigure, times } from './figures'

const root = resolve(__dirname, '..')
const bin = join(root, 'bin', 'aissist-zd')
const ROUNDS = 21
const DRIVE = 'https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/view?usp=sharing'

const cases = {
  node: ['-e', '0'],
  version: [bin, '--version'],
  help: [bin, '--help'],
  rewrite: [bin, 'avatar', 'rewrite', DRIVE]
} as const
type Case = keyof typeof cases

/** Milliseconds from spawn to exit of one whole process. */
const wall = (args: readonly string[]): number => {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } })
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`)
  return ms
}

const main = (): void => {
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) throw new Error('Build first: npm run build')
  const samples: Record<Case, number[]> = { node: [], version: [], help: [], rewrite: [] }
  for (const c of Object.keys(cases) as Case[]) wall(cases[c]) // warm the file cache
  for (let i = 0; i < ROUNDS; i++) for (const c of Object.keys(cases) as Case[]) samples[c].push(wall(cases[c]))
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<Case, number>
  const ms = (n: number): string => `${n.toFixed(0)} ms`
  console.log(`whole process, median of ${ROUNDS} interleaved rounds:`)
  for (const c of Object.keys(cases) as Case[]) console.log(`  ${c.padEnd(8)} ${ms(m[c]).padStart(7)}  (${(m[c] / m.node).toFixed(2)}× node -e 0; min ${ms(Math.min(...samples[c]))}, max ${ms(Math.max(...samples[c]))})`)
  const baseline = `node -e 0: ${ms(m.node)}`
  printFigure({ name: 'aissist-zd --version, whole process', value: ms(m.version), baseline, ratio: times(m.version / m.node), goal: '≤ 1.5×', met: m.version / m.node <= 1.5 })
  printFigure({ name: 'aissist-zd avatar rewrite URL (offline)', value: ms(m.rewrite), baseline, ratio: times(m.rewrite / m.node), goal: '≤ 1.8×', met: m.rewrite / m.node <= 1.8 })
  printFigure({ name: 'aissist-zd --help', value: ms(m.help), baseline, ratio: times(m.help / m.node), goal: '(none)' })
}

main()
