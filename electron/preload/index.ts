import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { AissistBridge } from '../../shared/contract'
import { CALL_CHANNELS, EVENT_NAMES, subscriptionName } from '../../shared/contract/channel-names'

/**
 * Builds `window.aissist` from the contract's names (plain data, so this bundle holds no zod and
 * no schema: main validates every input): one named function per call, each bound to its own
 * channel (the page can never pick a channel), and one `on<Event>` per event, whose listener never
 * sees the IPC event object and which returns its unsubscribe. `ipcRenderer` itself is not exposed.
 */
const buildBridge = (): AissistBridge => {
  const bridge: Record<string, unknown> = {}
  for (const channel of CALL_CHANNELS) {
    bridge[channel] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {})
  }
  for (const name of EVENT_NAMES) {
    bridge[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('A listener function is required.')
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(`event:${name}`, wrapped)
      return () => {
        ipcRenderer.removeListener(`event:${name}`, wrapped)
      }
    }
  }
  return Object.freeze(bridge) as AissistBridge
}

contextBridge.exposeInMainWorld('aissist', buildBridge())
