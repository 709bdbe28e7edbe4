import type { WebContents, WebFrameMain } from 'electron'

/** The parts of a WebContents the sender check reads (so it can be proven without Electron). */
export type SenderContents = Pick<WebContents, 'id' | 'once'> & { readonly mainFrame: FrameLike }
/** The parts of a WebFrameMain the sender check reads. */
export type FrameLike = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> & { readonly parent: unknown }

/**
 * GitHub Desktop's trusted-ipc-sender: the ids of our own windows' web contents. A message from
 * any other web contents (a devtools page, a future webview, a stray window) is dropped.
 */
export class TrustedSenders {
  private readonly ids = new Set<number>()
  add(contents: Pick<WebContents, 'id' | 'once'>): void {
    const id = contents.id
    this.ids.add(id)
    contents.once('destroyed', () => this.ids.delete(id))
  }
  has(contents: Pick<WebContents, 'id'>): boolean {
    return this.ids.has(contents.id)
  }
}

/**
 * True when an IPC message comes from the top frame of a trusted window showing our own page.
 * The frame is compared by process and routing id (a WebFrameMain object is not guaranteed to be
 * the same JS object twice), must have no parent (no iframe), and its URL must be ours.
 */
export const isTrustedFrame = (
  senders: TrustedSenders,
  contents: SenderContents,
  frame: FrameLike | null | undefined,
  isOwnUrl: (url: string) => boolean
): boolean => {
  if (!senders.has(contents)) return false
  if (!frame) return false
  const top = contents.mainFrame
  if (!top || frame.parent) return false
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false
  return isOwnUrl(frame.url)
}
