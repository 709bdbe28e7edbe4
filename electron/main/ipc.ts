import { ipcMain, type WebContents, type WebFrameMain } from 'electron'
import { channels, type EventName, type EventPayload } from '../../shared/contract'
import type { HandlerContext, Handlers } from '../core/api/context'
import { dispatch } from '../core/api/dispatch'

/**
 * The only place raw `ipcMain` is used. Every contract channel gets one handler that first checks
 * the sender (GitHub Desktop's trusted-ipc-sender: only our own window's top frame, loaded from our
 * own origin), then hands over to the shared dispatcher, which validates the input.
 */
export class TrustedSenders {
  private readonly ids = new Set<number>()
  add(contents: WebContents): void {
    this.ids.add(contents.id)
    contents.once('destroyed', () => this.ids.delete(contents.id))
  }
  has(contents: WebContents): boolean {
    return this.ids.has(contents.id)
  }
}

/** True when the frame is the top frame of a trusted window, showing our own page. */
export const isTrustedFrame = (
  senders: TrustedSenders,
  contents: WebContents,
  frame: WebFrameMain | null,
  isOwnUrl: (url: string) => boolean
): boolean => {
  if (!senders.has(contents)) return false
  if (!frame || frame !== contents.mainFrame) return false
  return isOwnUrl(frame.url)
}

/** Registers every contract channel on ipcMain. Returns a function that removes them. */
export const registerIpc = (
  handlers: Handlers,
  makeContext: () => HandlerContext,
  senders: TrustedSenders,
  isOwnUrl: (url: string) => boolean
): (() => void) => {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, raw: unknown) => {
      if (!isTrustedFrame(senders, event.sender, event.senderFrame, isOwnUrl)) {
        return { ok: false, error: { code: 'untrusted-sender', message: 'This request did not come from the app\'s own window and was ignored.', fix: 'Use the app window.' } }
      }
      return dispatch(handlers, channel, raw, makeContext())
    })
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}

/** Sends a typed event to every trusted window. */
export const sendEvent = <E extends EventName>(targets: Iterable<WebContents>, name: E, payload: EventPayload<E>): void => {
  for (const contents of targets) if (!contents.isDestroyed()) contents.send(`event:${name}`, payload)
}
