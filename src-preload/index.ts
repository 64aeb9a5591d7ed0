import { contextBridge, ipcRenderer } from 'electron'
import {
  IpcChannel,
  isCommandName,
  type ContractEvent,
  type LiveDeskBridge,
} from '../src-shared/contract'

/** `window.livedesk`: the contract's two channels and nothing else. */
const bridge: LiveDeskBridge = {
  invoke(name, input) {
    if (!isCommandName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 1001, message: `Unknown command: ${String(name)}` },
      })
    }
    return ipcRenderer.invoke(IpcChannel.invoke, name, input)
  },
  onEvents(listener) {
    const handler = (_event: unknown, events: ContractEvent[]) => listener(events)
    ipcRenderer.on(IpcChannel.events, handler)
    return () => ipcRenderer.off(IpcChannel.events, handler)
  },
}

contextBridge.exposeInMainWorld('livedesk', bridge)
