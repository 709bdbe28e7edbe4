// `npm run bench`: every benchmark in bench/*.bench.ts, one after the other, printing figures, then
// one summary table of each bench's headline figures: the lines a bench prints as
// `FIGURE name | value | baseline | ratio | goal | met` (bench/figures.ts prints them).
// Benchmarks measure; they never assert. The keychain ones run inside a private D-Bus session.
// `npm run bench -- cli renderer` runs only the benches whose file names contain those words.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, ensureDependencies, root } from './lib.mjs'

/** Runs a command, streaming its stdout through while keeping it; resolves its exit code and stdout. */
const runCapturing = (command, args, env) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
    let text = ''
    child.stdout.on('data', (d) => {
      process.stdout.write(d)
      text += d
    })
    child.on('error', (e) => {
      console.error(`✖ could not run ${command}: ${e.message}`)
      resolve({ code: 127, text })
    })
    child.on('close', (code) => resolve({ code: code ?? 1, text }))
  })

/** Runs one bench file (in its own D-Bus session and keyring on Linux, as in npm test). */
const runBench = async (file) => {
  const script = ['--import', 'tsx', '--expose-gc', join('bench', file)]
  if (process.platform !== 'linux') return runCapturing('node', script, {})
  const cmd = `echo -n aissist-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec node ${script.map((a) => JSON.stringify(a)).join(' ')}`
  // A keyring of its own, as in npm test: never the user's, never one with another password.
  const keyringHome = mkdtempSync(join(tmpdir(), 'aissist-keyring-'))
  try {
    return await runCapturing('dbus-run-session', ['--', 'sh', '-c', cmd], { XDG_DATA_HOME: keyringHome })
  } finally {
    rmSync(keyringHome, { recursive: true, force: true })
  }
}

/** The FIGURE lines of a bench's output, as table rows. */
const figuresIn = (file, text) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('FIGURE '))
    .map((l) => {
      const [name = '', value = '', baseline = '', ratio = '', goal = '', met = ''] = l.slice('FIGURE '.length).split(' | ').map((c) => c.trim())
      return { file, name, value, baseline, ratio, goal, met: met === 'yes' ? '✔' : met === 'no' ? '✖' : '' }
    })

/** The machine's 1-minute load average: benches on a shared machine are read with it. */
const load = () => loadavg()[0].toFixed(1)

const printSummary = (rows, failed, loadBefore) => {
  const head = ['figure', 'value', 'baseline (same run)', 'ratio', 'goal', 'met', 'bench']
  const cells = rows.map((r) => [r.name, r.value, r.baseline, r.ratio, r.goal, r.met, r.file])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`
  console.log(`\n=== summary === (load average ${loadBefore} at the start, ${load()} at the end, on ${availableParallelism()} cores)`)
  console.log(line(head))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const c of cells) console.log(line(c))
  if (!rows.length) console.log('(no bench printed a FIGURE line)')
  if (failed.length) console.log(`\n✖ failed: ${failed.join(', ')}`)
}

if (ensureDependencies() !== 0) process.exit(1)
if (build() !== 0) process.exit(1)
const only = process.argv.slice(2)
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort()
const rows = []
const failed = []
const loadBefore = load()
for (const f of files) {
  console.log(`\n=== ${f} ===`)
  const { code, text } = await runBench(f)
  rows.push(...figuresIn(f, text))
  if (code !== 0) failed.push(f)
}
printSummary(rows, failed, loadBefore)
process.exit(failed.length ? 1 : 0)
