import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/** A private D-Bus session with a gnome-keyring of its own, as a headless box or an SSH login has. */
export interface KeyringSession {
  /** The environment of a program in that session: its bus, its keyring folder, no display. */
  env: NodeJS.ProcessEnv
  /** Locks the "Login" keyring the way the repro does: a new daemon unlocks it with a wrong password. */
  lock(): Promise<void>
  stop(): void
}

const LOCKED_QUERY = ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets/aliases/default', '--method', 'org.freedesktop.DBus.Properties.Get', 'org.freedesktop.Secret.Collection', 'Locked']

const startBus = (env: NodeJS.ProcessEnv): Promise<{ bus: ChildProcess; address: string }> =>
  new Promise((resolve, reject) => {
    const bus = spawn('dbus-daemon', ['--session', '--print-address=1', '--nofork'], { env, stdio: ['ignore', 'pipe', 'ignore'] })
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not print its address')), 10_000)
    bus.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    createInterface({ input: bus.stdout! }).once('line', (address) => {
      clearTimeout(timer)
      resolve({ bus, address: address.trim() })
    })
  })

/**
 * Starts the real thing for a test: `dbus-daemon` and `gnome-keyring-daemon --unlock` fed
 * `password`, in a temp XDG_DATA_HOME, with no DISPLAY — so an unlock prompt can never show. The
 * daemons end with the bus in `stop()`.
 */
export const startKeyringSession = async (password = 'right'): Promise<KeyringSession> => {
  const home = mkdtempSync(join(tmpdir(), 'aissist-keyring-session-'))
  mkdirSync(join(home, 'data'))
  const base: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: join(home, 'data') }
  delete base.DISPLAY
  delete base.WAYLAND_DISPLAY
  delete base.DBUS_SESSION_BUS_ADDRESS
  const { bus, address } = await startBus(base)
  const env: NodeJS.ProcessEnv = { ...base, DBUS_SESSION_BUS_ADDRESS: address }
  const keyringDaemon = (args: string[], input: string): void => {
    const r = spawnSync('gnome-keyring-daemon', args, { env, input, encoding: 'utf8', timeout: 15_000 })
    if (r.status !== 0) throw new Error(`gnome-keyring-daemon ${args.join(' ')} failed: ${r.stderr}`)
  }
  const locked = (): boolean => /true/.test(spawnSync('gdbus', LOCKED_QUERY, { env, encoding: 'utf8', timeout: 5000 }).stdout ?? '')
  keyringDaemon(['--unlock', '--components=secrets'], password)
  return {
    env,
    lock: async () => {
      keyringDaemon(['--replace', '--unlock', '--components=secrets'], `wrong-${password}`)
      for (let i = 0; i < 50 && !locked(); i++) await new Promise((r) => setTimeout(r, 100))
      if (!locked()) throw new Error('the keyring did not lock')
    },
    stop: () => {
      bus.kill('SIGTERM')
      rmSync(home, { recursive: true, force: true })
    }
  }
}
