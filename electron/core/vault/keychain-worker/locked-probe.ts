import { execFile } from 'node:child_process'

/** What the Secret Service says of its default collection, or `unknown` when it cannot be asked. */
export type LockState = 'locked' | 'unlocked' | 'unknown'

const COLLECTION = '/org/freedesktop/secrets/aliases/default'
const IFACE = 'org.freedesktop.Secret.Collection'

/**
 * The D-Bus command-line clients a Linux machine may have, in order: `gdbus` (GLib, on every GNOME
 * desktop), `busctl` (systemd), `dbus-send` (the reference tools). Each reads the default
 * collection's `Locked` property, which never prompts, unlike a keytar call on a locked keyring.
 */
const PROBES: { cmd: string; args: string[] }[] = [
  { cmd: 'gdbus', args: ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', COLLECTION, '--method', 'org.freedesktop.DBus.Properties.Get', IFACE, 'Locked'] },
  { cmd: 'busctl', args: ['--user', 'get-property', 'org.freedesktop.secrets', COLLECTION, IFACE, 'Locked'] },
  { cmd: 'dbus-send', args: ['--session', '--print-reply', '--dest=org.freedesktop.secrets', COLLECTION, 'org.freedesktop.DBus.Properties.Get', `string:${IFACE}`, 'string:Locked'] }
]

/** Reads the boolean out of each tool's answer: `(<true>,)`, `b true`, `variant boolean true`. */
export const parseLockedAnswer = (stdout: string): LockState => {
  const m = /\b(true|false)\b/.exec(stdout)
  return m ? (m[1] === 'true' ? 'locked' : 'unlocked') : 'unknown'
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ missing: boolean; stdout: string; ok: boolean }> =>
  new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, encoding: 'utf8', windowsHide: true }, (error, stdout) => {
      const code = (error as NodeJS.ErrnoException | null)?.code
      resolve({ missing: code === 'ENOENT' || code === 'EACCES', stdout: String(stdout ?? ''), ok: !error })
    })
  })

/**
 * Whether the default Secret Service collection is locked, asked without keytar and without a
 * prompt. The first client found answers; a machine with none of them, no bus, or no default
 * collection gets `unknown`, and the caller falls back to the timed keytar call.
 */
export const probeSecretServiceLock = async (options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<LockState> => {
  const env = options.env ?? process.env
  for (const probe of PROBES) {
    const r = await run(probe.cmd, probe.args, env, options.timeoutMs ?? 3000)
    if (r.missing) continue
    return r.ok ? parseLockedAnswer(r.stdout) : 'unknown'
  }
  return 'unknown'
}

/** True when an unlock prompt could appear on a screen (an X11 or Wayland display is set). */
export const canShowPrompt = (env: NodeJS.ProcessEnv = process.env): boolean => Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
