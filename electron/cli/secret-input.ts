import type { CliIO, CliRuntime } from './runtime'
import { AppFailure } from '../core/errors'

/**
 * Reads a secret piped on stdin (`--secret-stdin`): the whole input, minus one trailing newline
 * (what `echo` and most password managers add). Secrets never come from argv, where `ps` and the
 * shell history would see them.
 */
export const readSecretFromStdin = async (stdin: CliIO['stdin']): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
  if (!text) {
    throw new AppFailure({
      code: 'secret-empty',
      message: 'No secret was read from stdin.',
      fix: 'Pipe the secret in, e.g. `pass show zendesk/acme | aissist-zd customer add … --secret-stdin`.'
    })
  }
  return text
}

/**
 * Asks for a secret on the terminal without echoing it: raw mode, characters collected until
 * Enter, Backspace honoured, Ctrl-C cancels. Resolves '' when the user just presses Enter.
 */
export const promptHidden = (cli: CliRuntime, question: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { stdin, stderr } = cli.io
    if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
      reject(
        new AppFailure({
          code: 'no-terminal',
          message: 'A secret was needed but there is no terminal to ask on.',
          fix: 'Pipe the secret in with --secret-stdin.'
        })
      )
      return
    }
    cli.ask(question)
    let value = ''
    stdin.setRawMode(true)
    stdin.resume()
    const done = (err: Error | null): void => {
      stdin.off('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      stderr.write('\n')
      if (err) reject(err)
      else resolve(value)
    }
    const onData = (data: Buffer | string): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null)
        if (ch === '\u0003') {
          return done(new AppFailure({ code: 'cancelled', message: 'Cancelled.', fix: 'Run the command again when ready.' }))
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    stdin.on('data', onData)
  })

/** Asks a yes/no question on the terminal (echoed; not a secret). */
export const confirm = (cli: CliRuntime, question: string): Promise<boolean> =>
  new Promise((resolve) => {
    const io = cli.io
    cli.ask(`${question} [y/N] `)
    let buf = ''
    const onData = (data: Buffer | string): void => {
      buf += data.toString()
      const nl = buf.indexOf('\n')
      if (nl === -1) return
      io.stdin.off('data', onData)
      io.stdin.pause()
      resolve(/^\s*y(es)?\s*$/i.test(buf.slice(0, nl)))
    }
    io.stdin.on('data', onData)
    io.stdin.resume()
  })
