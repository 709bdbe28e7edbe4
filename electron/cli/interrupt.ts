/**
 * Runs work that Ctrl-C should cancel rather than kill: the signal it gets aborts on the first
 * SIGINT, so setup, Diagnose and bursts stop cleanly and still report what they did. The handler
 * is removed when the work ends, whichever way.
 */
export const whileInterruptible = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const controller = new AbortController()
  const onSigint = (): void => controller.abort()
  process.once('SIGINT', onSigint)
  try {
    return await work(controller.signal)
  } finally {
    process.off('SIGINT', onSigint)
  }
}

/** Resolves on the first SIGINT or SIGTERM: how a foreground server (the sandbox) waits to stop. */
export const untilStopped = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
