import type { Host } from '../api/host'

/** How long a copied secret stays on the clipboard. */
export const CLIPBOARD_CLEAR_MS = 30_000

/**
 * Puts a secret on the clipboard for a short while: after `clearAfterMs` it is cleared, but only
 * if the clipboard still holds our value (the user may have copied something else meanwhile).
 * The host calls `clearIfOurs()` on quit so a secret never outlives the app there.
 */
export class SecretClipboard {
  private current: { clipboard: Host['clipboard']; value: string; timer: NodeJS.Timeout } | null = null

  constructor(private readonly clearAfterMs = CLIPBOARD_CLEAR_MS) {}

  get clearsAfterMs(): number {
    return this.clearAfterMs
  }

  copy(clipboard: Host['clipboard'], value: string): void {
    this.clearIfOurs()
    clipboard.writeText(value)
    const timer = setTimeout(() => this.clearIfOurs(), this.clearAfterMs)
    timer.unref?.()
    this.current = { clipboard, value, timer }
  }

  /** Clears the clipboard if it still holds the secret we put there; returns whether it did. */
  clearIfOurs(): boolean {
    const c = this.current
    if (!c) return false
    clearTimeout(c.timer)
    this.current = null
    let ours = false
    try {
      ours = c.clipboard.readText() === c.value
      if (ours) c.clipboard.writeText('')
    } catch {
      /* the clipboard went away with the window */
    }
    return ours
  }
}
