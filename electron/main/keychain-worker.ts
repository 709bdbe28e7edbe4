import { utilityProcess } from 'electron'
import { join } from 'node:path'
import type { SpawnKeychainWorker, WorkerHandle } from '../core/vault/keychain-worker/protocol'

/**
 * The app's keychain worker: the same entry as the CLI's (`out/main/keychain-worker.js`), run as
 * Electron's utilityProcess, so keytar crashing on a locked keyring ends that process, never the
 * window. Core only sees a {@link WorkerHandle}; it never imports `electron`.
 */
export const utilityKeychainWorkerSpawner =
  (mainDir: string): SpawnKeychainWorker =>
  (): WorkerHandle => {
    const child = utilityProcess.fork(join(mainDir, 'keychain-worker.js'), [], { serviceName: 'Aissist keychain', stdio: 'ignore' })
    let exited = false
    child.once('exit', () => {
      exited = true
    })
    return {
      send: (request) => {
        if (!exited) child.postMessage(request)
      },
      onMessage: (listener) => {
        child.on('message', listener)
      },
      // A utilityProcess reports only the exit code; a signal shows as 128 + its number (139: SIGSEGV).
      onExit: (listener) => {
        child.once('exit', (code) => listener({ code, signal: null }))
      },
      kill: () => {
        if (!exited) child.kill()
      },
      get pid() {
        return child.pid
      }
    }
  }
