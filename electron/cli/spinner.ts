import type { CliRuntime } from './runtime'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

export interface Spinner {
  update(text: string): void
  succeed(text: string): void
  warn(text: string): void
  fail(text: string): void
  stop(): void
}

/**
 * Progress for long work on a terminal: an animated line on stderr when a person watches, plain
 * lines otherwise (CI logs), nothing at all with `--json` (stdout stays machine-readable).
 */
export const createSpinner = (cli: CliRuntime, initial: string): Spinner => {
  const stream = cli.io.stderr
  if (cli.json) {
    const noop = (): void => undefined
    return { update: noop, succeed: noop, warn: noop, fail: noop, stop: noop }
  }
  if (!stream.isTTY) {
    return {
      update: () => undefined,
      succeed: (t) => cli.err(`✔ ${t}`),
      warn: (t) => cli.err(`▲ ${t}`),
      fail: (t) => cli.err(`✖ ${t}`),
      stop: () => undefined
    }
  }
  let text = initial
  let frame = 0
  const render = (): void => {
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${cli.safe(text)}`)
  }
  const timer = setInterval(render, 80)
  timer.unref?.()
  render()
  const finish = (mark: string, t: string): void => {
    clearInterval(timer)
    stream.write(`\r\x1b[2K${mark} ${cli.safe(t)}\n`)
  }
  return {
    update: (t) => {
      text = t
    },
    succeed: (t) => finish('✔', t),
    warn: (t) => finish('▲', t),
    fail: (t) => finish('✖', t),
    stop: () => {
      clearInterval(timer)
      stream.write('\r\x1b[2K')
    }
  }
}
