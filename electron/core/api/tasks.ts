/**
 * Long work (setup, doctor, bursts) is cancellable by the id the renderer chose, as Bruno cancels
 * requests by id. A task registers an AbortController; `cancelTask` aborts it.
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>()

  /** Starts tracking a task; the returned signal aborts on cancel. Call `end` when done. */
  start(taskId: string): { signal: AbortSignal; end: () => void } {
    this.running.get(taskId)?.abort()
    const controller = new AbortController()
    this.running.set(taskId, controller)
    return {
      signal: controller.signal,
      end: () => {
        if (this.running.get(taskId) === controller) this.running.delete(taskId)
      }
    }
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId)
    if (!controller) return false
    controller.abort(new Error('Cancelled by the user.'))
    this.running.delete(taskId)
    return true
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort(new Error('The app is closing.'))
    this.running.clear()
  }
}
