/** Something that must happen before the process ends (clear a secret from the clipboard, stop a server). */
export type ShutdownHook = () => Promise<void> | void

/**
 * What one process must undo on the way out, owned by that process's {@link Services} rather than
 * by a module: each service registers its own hook when it starts the thing to undo, and the host
 * (Electron main, the harness, the CLI, a test) calls `shutdown` once.
 */
export class Lifecycle {
  private readonly hooks = new Set<ShutdownHook>()

  /** Registers a hook; the returned function removes it (a service stopped early). */
  onShutdown(hook: ShutdownHook): () => void {
    this.hooks.add(hook)
    return () => {
      this.hooks.delete(hook)
    }
  }

  /**
   * Runs every hook once; one failing or hanging never stops the others, and the whole run is
   * bounded by `timeoutMs`, so quitting can never hang.
   */
  async shutdown(timeoutMs = 3000): Promise<void> {
    const hooks = [...this.hooks]
    this.hooks.clear()
    const all = Promise.all(
      hooks.map(async (hook) => {
        try {
          await hook()
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
}
