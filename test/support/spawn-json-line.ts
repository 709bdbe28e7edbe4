import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A child process that announced itself with one JSON line on stdout. */
export interface Announced<T> {
  child: ChildProcess
  info: T
  stderr: () => string
  stop(): Promise<void>
}

/**
 * Starts a program that prints one JSON object as its first stdout line (the harness, the sandbox)
 * and waits for that line. Used by the Playwright fixtures and integration tests.
 */
export const spawnJsonLine = <T>(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<Announced<T>> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString()
      if (err.length > 100_000) err = err.slice(-50_000)
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} did not announce itself within ${timeoutMs} ms.\n${err}`))
    }, timeoutMs)
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => {
      clearTimeout(timer)
      try {
        const info = JSON.parse(line) as T
        resolve({
          child,
          info,
          stderr: () => err,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
              child.once('exit', () => {
                clearTimeout(killer)
                done()
              })
              child.kill('SIGTERM')
            })
        })
      } catch (e) {
        child.kill('SIGKILL')
        reject(new Error(`First line was not JSON: ${line}\n${String(e)}`))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${command} exited with ${code} before announcing itself.\n${err}`))
    })
  })
