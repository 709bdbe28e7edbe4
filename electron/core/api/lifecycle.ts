import type { Services } from '../services'
import type { Host } from './host'

type ShutdownHook = (env: { services: Services; host: Host }) => Promise<void> | void

const hooks: ShutdownHook[] = []

/**
 * Features register what must happen when the app quits (the vault clears a secret it put on the
 * clipboard; the embedded sandbox stops). Hosts call {@link runShutdownHooks} on quit.
 */
export const onShutdown = (hook: ShutdownHook): void => {
  hooks.push(hook)
}

/** Runs every shutdown hook; one failing never stops the others. */
export const runShutdownHooks = async (env: { services: Services; host: Host }): Promise<void> => {
  for (const hook of hooks) {
    try {
      await hook(env)
    } catch {
      /* best effort on the way out */
    }
  }
}
