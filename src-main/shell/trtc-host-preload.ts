import { ipcRenderer } from 'electron'
import { createRequire } from 'node:module'
import type * as TrtcModule from 'trtc-electron-sdk'
import { serveTrtcCloud, TRTC_HOST_CHANNEL } from '../console/stream/trtc-host'
import type { RpcEndpoint, TrtcHostMessage } from '../console/stream/trtc-rpc'

/**
 * The TRTC host window's only code (issue 17; the window: trtc-window.ts). The window's page is
 * empty and may load nothing (its CSP); this preload has Node, loads Tencent's TRTC Electron SDK
 * — which needs the window's DOM as it loads — and serves its shared TRTCCloud to main over the
 * MessagePort main sends on TRTC_HOST_CHANNEL (trtc-host.ts). It says `ready`, or `loadFailed`
 * with require()'s words.
 */

/** The DOM's MessagePort as this preload uses it (the Node types here do not carry the DOM's). */
interface DomPort {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  start(): void
  close(): void
}

function domEndpoint(port: DomPort): RpcEndpoint<TrtcHostMessage> {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.addEventListener('message', (event) => listener(event.data)),
    // Main going away takes this window with it: nothing to do on this side.
    onClose: () => {},
    close: () => port.close(),
  }
}

ipcRenderer.once(TRTC_HOST_CHANNEL, (event) => {
  const port = event.ports[0] as unknown as DomPort | undefined
  if (!port) return
  const endpoint = domEndpoint(port)
  port.start()
  let sdk: typeof TrtcModule
  try {
    // Required here, at run time: the SDK is an optional dependency outside the bundle.
    sdk = createRequire(__filename)('trtc-electron-sdk') as typeof TrtcModule
  } catch (error) {
    endpoint.post({
      kind: 'loadFailed',
      detail: error instanceof Error ? error.message : String(error),
    })
    return
  }
  serveTrtcCloud(endpoint, sdk.default.getTRTCShareInstance(), sdk, (line) => console.error(line))
  endpoint.post({ kind: 'ready' })
})
