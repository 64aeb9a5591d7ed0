import { ipcRenderer } from 'electron'
import { createRequire } from 'node:module'
import type * as TrtcModule from 'trtc-electron-sdk'
import { serveHostPort } from '../console/stream/trtc-host'

/**
 * The TRTC host window's only code (issue 17; the window: trtc-window.ts). The window's page is
 * empty and may load nothing (its CSP); this preload has Node, loads Tencent's TRTC Electron SDK
 * — which needs the window's DOM as it loads — and serves its shared TRTCCloud to main over the
 * MessagePort main sends (serveHostPort in trtc-host.ts, tested there with a fake ipcRenderer).
 */
serveHostPort(
  ipcRenderer,
  () => {
    // Required here, at run time: the SDK is an optional dependency outside the bundle.
    const sdk = createRequire(__filename)('trtc-electron-sdk') as typeof TrtcModule
    return { cloud: sdk.default.getTRTCShareInstance(), classes: sdk }
  },
  (line) => console.error(line),
)
