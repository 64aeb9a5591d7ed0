import {
  BrowserWindow,
  MessageChannelMain,
  type MessagePortMain,
  type RenderProcessGoneDetails,
  type WebContents,
} from 'electron'
import { streamError, type StreamEngineError } from '../console/stream/stream-error'
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
  /** The window now and the cloud it serves (or will): one at a time. */
  let current: { win: BrowserWindow; cloud: Promise<TrtcCloudPort> } | null = null

  /**
   * Destroys `win`. Only the window still current is forgotten: an old window's late 'closed',
   * host-lost or failed load must not take the window opened after it.
   */
  const closeWindow = (win: BrowserWindow): void => {
    if (current?.win === win) current = null
    if (!win.isDestroyed()) win.destroy()
  }

  const open = (): Promise<TrtcCloudPort> => {
    if (current) return current.cloud
    const win = newHostWindow(options)
    win.once('closed', () => {
      if (current?.win === win) current = null
    })
    const cloud = loadHostPage(win)
      .then((port) =>
        openTrtcCloud(
          electronEndpoint(port, win.webContents, () => closeWindow(win)),
          options,
        ),
      )
      .then((port) => {
        port.onHostLost(() => closeWindow(win))
        return port
      })
      .catch((error: unknown) => {
        closeWindow(win)
        throw error
      })
    current = { win, cloud }
    return cloud
  }

  return {
    open,
    close: () => {
      if (current) closeWindow(current.win)
    },
  }
}

/** Chromium's net::ERR_ABORTED: the load was cut short (the window closing), not refused. */
const ERR_ABORTED = -3

/**
 * Loads the host page and hands it main's end of a new channel once it has loaded. Every way a
 * load ends settles it, so a Go live never waits on a window that is gone:
 * - the page did not load: TRTC_UNAVAILABLE/loadFailed with Chromium's code and words, which
 *   the Stage shows and stops offering TRTC on (stage-service.ts);
 * - its process ended, or the window was destroyed (close() at quit): TRTC_HOST_FAILED/closed.
 */
function loadHostPage(win: BrowserWindow): Promise<MessagePortMain> {
  const contents = win.webContents
  return new Promise<MessagePortMain>((resolve, reject) => {
    const stop = (): void => {
      contents.off('did-finish-load', loaded)
      contents.off('did-fail-load', failed)
      contents.off('render-process-gone', gone)
      contents.off('destroyed', destroyed)
    }
    const fail = (error: StreamEngineError): void => {
      stop()
      reject(error)
    }
    const loaded = (): void => {
      stop()
      const { port1, port2 } = new MessageChannelMain()
      contents.postMessage(TRTC_HOST_CHANNEL, null, [port2])
      resolve(port1)
    }
    const failed = (
      _event: unknown,
      code: number,
      description: string,
      _url: string,
      isMainFrame: boolean,
    ): void => {
      if (!isMainFrame) return
      if (code === ERR_ABORTED || win.isDestroyed()) return fail(closedWhileLoading(description))
      fail(
        streamError(
          'TRTC_UNAVAILABLE',
          `The TRTC host page did not load: ${description} (${code})`,
          {
            reason: 'loadFailed',
            detail: description,
            loadCode: code,
          },
        ),
      )
    }
    const gone = (_event: unknown, details: RenderProcessGoneDetails): void =>
      fail(closedWhileLoading(details.reason))
    const destroyed = (): void => fail(closedWhileLoading('destroyed'))
    contents.on('did-finish-load', loaded)
    contents.on('did-fail-load', failed)
    contents.on('render-process-gone', gone)
    contents.on('destroyed', destroyed)
    // loadURL rejects as did-fail-load fires, which words the failure; nothing more to say here.
    win.loadURL(TRTC_HOST_PAGE).catch(() => {})
  })
}

function closedWhileLoading(detail: string): StreamEngineError {
  return streamError('TRTC_HOST_FAILED', `The TRTC host window closed while loading (${detail})`, {
    reason: 'closed',
    detail,
  })
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
