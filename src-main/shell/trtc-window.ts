import { BrowserWindow, MessageChannelMain, type MessagePortMain, type WebContents } from 'electron'
import { TRTC_HOST_CHANNEL } from '../console/stream/trtc-host'
import type { TrtcCloudPort } from '../console/stream/trtc-port'
import { openTrtcCloud, type RpcEndpoint, type TrtcRpcCall } from '../console/stream/trtc-rpc'

/**
 * The TRTC host window (issue 17). Tencent's TRTC Electron SDK needs a window's DOM as it loads
 * (trtc-loader.ts), and LiveDesk's engines run in main, so the SDK gets a hidden window of its
 * own, opened only when a Go live through Tencent TRTC asks for it, and driven from main over a
 * MessagePort (trtc-rpc.ts).
 *
 * Why this window is safe although its preload has Node:
 * - it is a preload-only page: the page is TRTC_HOST_PAGE, a data: URL in this bundle with no
 *   script, whose CSP (`default-src 'none'`) lets it load nothing; the only code that runs is
 *   the preload (trtc-host-preload.ts), which loads the SDK. nodeIntegration stays off, so the
 *   page itself has no Node; the preload is not sandboxed because it must require the SDK's
 *   native module, and contextIsolation keeps it apart from the page;
 * - it never shows anything else: every navigation and every window.open is refused, and its
 *   own session partition refuses every permission (the SDK captures through its native module,
 *   not through the page's getUserMedia) and shares nothing with the console's;
 * - it takes orders only from main, over the port main created, and serves only the port's
 *   allow-list (trtc-host.ts).
 */

/** An empty page: a title for the task manager, and nothing it may load. */
export const TRTC_HOST_PAGE = `data:text/html;charset=utf-8,${encodeURIComponent(
  '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">` +
    '<title>LiveDesk TRTC</title></head><body></body></html>',
)}`

const PARTITION = 'livedesk-trtc-host'

export interface TrtcHostOptions {
  /** The built trtc-host-preload.ts (out/main/trtc-host.js). */
  preload: string
  devTools: boolean
  log: (line: string) => void
}

export interface TrtcHost {
  /** The SDK's TRTCCloud in the host window: the running window's, or a new window's. */
  open(): Promise<TrtcCloudPort>
  /** Closes the window (the app quits, or its main window closed). */
  close(): void
}

export function createTrtcHost(options: TrtcHostOptions): TrtcHost {
  let win: BrowserWindow | null = null
  let cloud: Promise<TrtcCloudPort> | null = null

  const close = (): void => {
    cloud = null
    const closing = win
    win = null
    if (closing && !closing.isDestroyed()) closing.destroy()
  }

  const open = (): Promise<TrtcCloudPort> => {
    if (cloud) return cloud
    const created = newHostWindow(options)
    win = created
    cloud = new Promise<MessagePortMain>((resolve, reject) => {
      created.webContents.once('did-finish-load', () => {
        const { port1, port2 } = new MessageChannelMain()
        created.webContents.postMessage(TRTC_HOST_CHANNEL, null, [port2])
        resolve(port1)
      })
      created.webContents.once('did-fail-load', (_event, code, description) =>
        reject(new Error(`the TRTC host page did not load: ${code} ${description}`)),
      )
      void created.loadURL(TRTC_HOST_PAGE)
    })
      .then((port) => openTrtcCloud(electronEndpoint(port, created.webContents, close), options))
      .then((port) => {
        port.onHostLost(() => {
          if (win === created) close()
        })
        return port
      })
      .catch((error: unknown) => {
        if (win === created) close()
        throw error
      })
    return cloud
  }

  return { open, close }
}

function newHostWindow(options: TrtcHostOptions): BrowserWindow {
  const win = new BrowserWindow({
    show: false,
    width: 320,
    height: 240,
    title: 'LiveDesk TRTC',
    skipTaskbar: true,
    webPreferences: {
      preload: options.preload,
      partition: PARTITION,
      contextIsolation: true,
      // The preload requires the SDK's native module, which a sandboxed preload cannot.
      sandbox: false,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      // A hidden window's timers are throttled otherwise, and the SDK's callbacks with them.
      backgroundThrottling: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  })
  const contents = win.webContents
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  contents.session.setPermissionCheckHandler(() => false)
  contents.on('render-process-gone', (_event, details) =>
    options.log(`trtc host: its process ended (${details.reason})`),
  )
  return win
}

/** Main's end of the channel; the window's process ending closes it too. */
function electronEndpoint(
  port: MessagePortMain,
  contents: WebContents,
  closeWindow: () => void,
): RpcEndpoint<TrtcRpcCall> {
  const closeListeners = new Set<() => void>()
  let closed = false
  const closedNow = (): void => {
    if (closed) return
    closed = true
    for (const listener of closeListeners) listener()
  }
  port.on('close', closedNow)
  contents.once('render-process-gone', closedNow)
  contents.once('destroyed', closedNow)
  port.start()
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    onClose: (listener) => closeListeners.add(listener),
    close: () => {
      port.close()
      closeWindow()
    },
  }
}
