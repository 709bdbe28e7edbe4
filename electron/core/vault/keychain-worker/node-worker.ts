import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { SpawnKeychainWorker, WorkerHandle } from './protocol'

/** The built worker's file name, next to `cli.js` and `harness.js` in `out/main`. */
export const WORKER_BUNDLE = 'keychain-worker.js'

/**
 * This module's folder: the source folder under tsx and vitest, `out/main` (or a chunk folder
 * under it) when built (the bundler turns `import.meta.url` into the bundle file's URL).
 */
const here = (): string => dirname(fileURLToPath(import.meta.url))

/** A program to run and the Node flags it needs (TypeScript sources go through tsx). */
export interface WorkerEntry {
  file: string
  execArgv: string[]
}

const tsxArgs = (from: string): string[] => ['--import', pathToFileURL(createRequire(join(from, 'x.js')).resolve('tsx')).href]

/**
 * Where the worker is: the built bundle beside the running bundle, or, when the core runs from its
 * TypeScript sources (tests, tsx), `entry.ts` beside this file, run through tsx.
 */
export const defaultWorkerEntry = (): WorkerEntry => {
  const dir = here()
  const source = join(dir, 'entry.ts')
  if (existsSync(source)) return { file: source, execArgv: tsxArgs(dir) }
  const built = [join(dir, WORKER_BUNDLE), join(dir, '..', WORKER_BUNDLE)].find((f) => existsSync(f))
  return { file: built ?? join(dir, WORKER_BUNDLE), execArgv: [] }
}

export interface NodeWorkerOptions {
  /** The worker program (default: {@link defaultWorkerEntry}); a `.ts` file runs through tsx. */
  entry?: string
  /** The worker's environment (default: this process's). */
  env?: NodeJS.ProcessEnv
}

/**
 * Starts the keychain worker as a Node child process with an IPC channel (the CLI, the harness,
 * tests). Its output is dropped: keytar's native warnings must not reach a terminal or a log.
 * While no call is pending the child and its channel are unreferenced, so a CLI run ends when its
 * command does.
 */
export const nodeKeychainWorkerSpawner =
  (options: NodeWorkerOptions = {}): SpawnKeychainWorker =>
  (): WorkerHandle => {
    const entry: WorkerEntry = options.entry ? { file: options.entry, execArgv: options.entry.endsWith('.ts') ? tsxArgs(dirname(options.entry)) : [] } : defaultWorkerEntry()
    if (!existsSync(entry.file)) throw new Error(`${entry.file} is missing`)
    const child = fork(entry.file, [], { execArgv: entry.execArgv, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' })
    const exitListeners: ((exit: { code: number | null; signal: string | null }) => void)[] = []
    let exited = false
    const fireExit = (code: number | null, signal: string | null): void => {
      if (exited) return
      exited = true
      for (const l of exitListeners) l({ code, signal })
    }
    child.once('exit', (code, signal) => fireExit(code, signal))
    // A process that could not even start emits 'error' and no 'exit'.
    child.on('error', () => {
      if (child.pid === undefined) fireExit(null, null)
    })
    return {
      send: (request) => {
        child.send(request, (e) => {
          if (e && !exited && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        })
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exitListeners.push(listener),
      kill: () => {
        if (!exited) child.kill('SIGKILL')
      },
      setBusy: (busy) => {
        if (exited) return
        if (busy) {
          child.ref()
          child.channel?.ref()
        } else {
          child.unref()
          child.channel?.unref()
        }
      },
      get pid() {
        return child.pid
      }
    }
  }
