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

/**
 * Runs every shutdown hook; one failing or hanging never stops the others, and the whole run is
 * bounded by `timeoutMs` so quitting can never hang.
 */
export const runShutdownHooks = async (env: { services: Services; host: Host }, timeoutMs = 3000): Promise<void> => {
  const all = Promise.all(
    hooks.map(async (hook) => {
      try {
        await hook(env)
      } catch {
        /* best effort on the way out */
      }
    })
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs)
    timer.unref?.()
  })
  await Promise.race([all.then(() => undefined), limit])
  clearTimeout(timer)
}
