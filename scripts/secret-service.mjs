// Whether real customers' secrets have a Secret Service on this Linux session, asked the way the
// app's keychain worker does (over D-Bus, never through keytar, never with a prompt). Used by
// `npm start` to say so in one line on a headless machine. Plain Node, no dependencies.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ask = (env, method, args = []) => {
  const r = spawnSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', `org.freedesktop.DBus.${method}`, ...args], { env, encoding: 'utf8', timeout: 3000 })
  if (r.error) return { missing: true }
  return { ok: r.status === 0, stdout: r.stdout ?? '' }
}

/** Why this session has no Secret Service ("no D-Bus session", …), or null when it has one or cannot tell. */
export const missingSecretService = (env = process.env, platform = process.platform) => {
  if (platform !== 'linux') return null
  const socket = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'bus') : null
  if (!env.DBUS_SESSION_BUS_ADDRESS && !(socket && existsSync(socket))) return 'no D-Bus session'
  const owner = ask(env, 'NameHasOwner', ['org.freedesktop.secrets'])
  if (owner.missing) return null
  if (!owner.ok) return 'no D-Bus session'
  if (/true/.test(owner.stdout)) return null
  const activatable = ask(env, 'ListActivatableNames')
  return activatable.ok && activatable.stdout.includes("'org.freedesktop.secrets'") ? null : 'no Secret Service on the D-Bus session'
}

/** The one line `npm start` prints when real customers' secrets have nowhere to go. */
export const secretServiceLine = (reason) =>
  `▲ No Secret Service here (${reason}): real customers' secrets need one (GNOME Keyring or KWallet); the built-in sandbox works without it.`
