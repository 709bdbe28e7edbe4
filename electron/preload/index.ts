import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { channels, eventNames, subscriptionName, type AissistBridge } from '../../shared/contract'

/**
 * Builds `window.aissist` from the contract: one named function per call, each bound to its own
 * channel (the page can never pick a channel), and one `on<Event>` per event, whose listener never
 * sees the IPC event object and which returns its unsubscribe. `ipcRenderer` itself is not exposed.
 */
const buildBridge = (): AissistBridge => {
  const bridge: Record<string, unknown> = {}
  for (const channel of channels) {
    bridge[channel] = (input: unknown) => ipcRenderer.invoke(channel, input ?? {})
  }
  for (const name of eventNames) {
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
