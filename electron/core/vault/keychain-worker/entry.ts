import { createWorkerHandler } from './worker'
import type { KeychainMessage } from './protocol'

/**
 * The keychain worker's process (built as `out/main/keychain-worker.js`): keytar lives here, so
 * when it crashes on a locked keyring only this process dies and the app starts a new one. It
 * speaks the same protocol over either transport: Electron's utilityProcess (`process.parentPort`)
 * or a Node child process (`process.send`). It writes nothing to stdout, stderr or disk.
 */

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort
const handle = createWorkerHandler()

if (parentPort) {
  const send = (m: KeychainMessage): void => parentPort.postMessage(m)
  parentPort.on('message', (e) => void handle(e.data, send))
  send({ type: 'ready', pid: process.pid })
} else if (process.send) {
  const send = (m: KeychainMessage): void => {
    if (process.connected) process.send?.(m)
  }
  process.on('message', (m) => void handle(m, send))
  // The app went away (or stopped us): nothing is left to answer.
  process.on('disconnect', () => process.exit(0))
  send({ type: 'ready', pid: process.pid })
} else {
  process.stderr.write('The keychain worker is started by Aissist Zendesk Setup, not by hand.\n')
  process.exitCode = 64
}
