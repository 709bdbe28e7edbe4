import { ipcMain, type WebContents } from 'electron'
import { channels, type PushEventName, type PushPayload } from '../../shared/contract'
import type { HandlerContext, Handlers } from '../core/api/context'
import { dispatch } from '../core/api/dispatch'
import { isTrustedFrame, type TrustedSenders } from './trusted-senders'

/**
 * The only place raw `ipcMain` is used. Every contract channel gets one handler that first checks
 * the sender (GitHub Desktop's trusted-ipc-sender: only our own window's top frame, loaded from our
 * own origin — see trusted-senders.ts), then hands over to the shared dispatcher, which validates
 * the input.
 */
export { TrustedSenders } from './trusted-senders'

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
      try {
        return await dispatch(handlers, channel, raw, makeContext())
      } catch {
        // dispatch returns errors as data; this is the last guard so nothing (no stack) escapes.
        return { ok: false, error: { code: 'internal-error', message: `The ${channel} request failed unexpectedly.`, fix: 'Try again; if it persists, export a support report.' } }
      }
    })
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}

/** Sends a typed event to every trusted window. */
export const sendEvent = <E extends PushEventName>(targets: Iterable<WebContents>, name: E, payload: PushPayload<E>): void => {
  for (const contents of targets) if (!contents.isDestroyed()) contents.send(`event:${name}`, payload)
}
