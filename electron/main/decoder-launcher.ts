import { utilityProcess } from 'electron'
import type { DecoderLauncher } from '../core/avatar/decoder-process'

/**
 * The avatar decoder in the packaged app: an Electron utility process (the app's binary has the
 * run-as-node fuse off, so core's Node fork is not available). Sharp on untrusted bytes then runs
 * outside the main process, and core can kill it past its time or memory bound, or on cancel.
 */
export const utilityDecoderLauncher: DecoderLauncher = (entry) => {
  const child = utilityProcess.fork(entry.script, [], { execArgv: entry.execArgv, serviceName: 'Aissist image decoder', stdio: 'ignore' })
  let gone = false
  return {
    get pid() {
      return child.pid
    },
    send: (message) => {
      if (!gone) child.postMessage(message)
    },
    onMessage: (listener) => {
      child.on('message', listener)
    },
    onExit: (listener) => {
      child.once('exit', (code) => {
        gone = true
        listener(code, null)
      })
    },
    kill: () => {
      if (!gone) child.kill()
    },
    // Utility processes never hold the app open: it quits when its windows close.
    hold: () => undefined
  }
}
