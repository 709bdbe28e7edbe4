import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { DecoderMessage, DecoderRequest } from './decode-protocol'

/**
 * How the decoder process is started. Plain Node (the CLI, the harness, tests) forks a Node child;
 * the packaged app cannot (its Electron binary has the run-as-node fuse off, so a fork would start
 * a second app) and hands in a launcher over Electron's utility process instead.
 */

/** A started decoder process, whatever started it. */
export interface DecoderProcess {
  readonly pid: number | undefined
  send(message: DecoderRequest): void
  onMessage(listener: (message: DecoderMessage) => void): void
  /** Called once when the process is gone, for whatever reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void
  /** Kills it outright (SIGKILL where there is one): a decode in progress stops with it. */
  kill(): void
  /** Keeps this process's host alive while a decode runs; an idle decoder never holds an exit. */
  hold(held: boolean): void
}

/** The script to run and the Node flags it needs. */
export interface DecoderEntry {
  script: string
  execArgv: string[]
}

export type DecoderLauncher = (entry: DecoderEntry) => DecoderProcess

/** The JS heap a decoder needs (pixels live outside it, under the memory bound). */
const HEAP_MB = 96

/** The built script's name, next to the bundle (`out/main/avatar-decoder.js`). */
export const DECODER_SCRIPT = 'avatar-decoder.js'

/**
 * Finds the decoder script: the TypeScript source beside this file when running from source
 * (tests, benches; tsx compiles it), else the built `avatar-decoder.js` beside the bundle or its
 * chunk folder. Null when neither exists (a broken install).
 */
export const findDecoderEntry = (moduleUrl: string = import.meta.url): DecoderEntry | null => {
  const here = fileURLToPath(moduleUrl)
  const heap = `--max-old-space-size=${HEAP_MB}`
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href
    return { script: join(dirname(here), 'decode-child.ts'), execArgv: ['--import', tsx, heap] }
  }
  for (const dir of [dirname(here), join(dirname(here), '..')]) {
    const script = join(dir, DECODER_SCRIPT)
    if (existsSync(script)) return { script, execArgv: [heap] }
  }
  return null
}

/** Starts the decoder as a Node child over an IPC channel (structured clone: bytes are not JSON). */
export const forkLauncher: DecoderLauncher = (entry) => {
  const child = fork(entry.script, [], {
    execArgv: entry.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
  })
  let gone = false
  const exitListeners: Array<(code: number | null, signal: string | null) => void> = []
  const exited = (code: number | null, signal: string | null): void => {
    if (gone) return
    gone = true
    for (const l of exitListeners) l(code, signal)
  }
  child.on('exit', (code, signal) => exited(code, signal))
  child.on('error', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    exited(null, 'spawn-error')
  })
  const hold = (held: boolean): void => {
    if (held) {
      child.ref()
      child.channel?.ref()
    } else {
      child.unref()
      child.channel?.unref()
    }
  }
  hold(false)
  return {
    pid: child.pid,
    send: (message) => {
      if (!gone && child.connected) child.send(message)
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as DecoderMessage)),
    onExit: (listener) => {
      exitListeners.push(listener)
    },
    kill: () => {
      if (!gone) child.kill('SIGKILL')
    },
    hold
  }
}

/** The launcher for this runtime: a fork in plain Node; none in Electron unless the app gives one. */
export const defaultLauncher = (): DecoderLauncher | null => (process.versions.electron ? null : forkLauncher)
