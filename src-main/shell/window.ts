import { BrowserWindow, type Session } from 'electron'
import { pathToFileURL } from 'node:url'
import { openInBrowser } from './open-external'
import { adoptPopOut } from './pop-out-window'
import { desktopPolicy, mediaAllowed, pageOf, popOutPanelOf } from './security'
import { loadWindowState, trackWindowState } from './window-state'

export interface MainWindowOptions {
  preload: string
  consoleFile: string
  stateFile: string
  /** Off in packaged builds (issue 16 §5): the anchor's app opens no inspector. */
  devTools: boolean
}

/** contextIsolation, sandbox, no Node, no navigation away, no new windows (DESIGN.md, Hosts). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = loadWindowState(options.stateFile)
  const webPreferences = {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    devTools: options.devTools,
  }
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'LiveDesk',
    backgroundColor: '#111418',
    show: false,
    webPreferences,
  })
  const appUrl = pathToFileURL(options.consoleFile).toString()
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault()
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    // A panel popped out (issue 15 §2): the console page again in a window of its own, with the
    // same preferences. Chat starts on top of other windows (over a game, on a second screen);
    // the pop-out's "Stay on top" changes that (pop-out-window.ts).
    const panel = popOutPanelOf(appUrl, url)
    if (panel) {
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          width: 440,
          height: 760,
          minWidth: 320,
          minHeight: 360,
          title: 'LiveDesk',
          backgroundColor: '#111418',
          alwaysOnTop: panel === 'chat',
          webPreferences,
        },
      }
    }
    // Links the user clicks (the viewer link) open in the system browser, never in the app.
    openInBrowser(url)
    return { action: 'deny' }
  })
  // A pop-out keeps to its page and opens nothing itself; closing it docks its panel back
  // (main hears its webContents go, src-main/shell/ipc.ts).
  win.webContents.on('did-create-window', (child, { url }) => {
    if (popOutPanelOf(appUrl, url)) adoptPopOut(child)
    child.webContents.on('will-navigate', (event, next) => {
      if (next !== url) event.preventDefault()
    })
    child.webContents.setWindowOpenHandler(({ url: opened }) => {
      openInBrowser(opened)
      return { action: 'deny' }
    })
  })
  win.once('ready-to-show', () => win.show())
  trackWindowState(win, options.stateFile)
  void win.loadURL(appUrl)
  return win
}

/**
 * Camera and microphone only for the app's own console page (its exact URL, top frame);
 * everything else is refused. The console page gets a policy naming the room server.
 */
export function hardenSession(ses: Session, consoleFile: string, roomOrigin: string): void {
  const appUrl = pathToFileURL(consoleFile).toString()
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(
      mediaAllowed(appUrl, permission, {
        pageUrl: webContents.getURL(),
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
      }),
    )
  })
  ses.setPermissionCheckHandler((webContents, permission, _origin, details) => {
    return mediaAllowed(appUrl, permission, {
      pageUrl: webContents?.getURL(),
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
    })
  })
  const policy = desktopPolicy(roomOrigin)
  ses.webRequest.onHeadersReceived((details, callback) => {
    // The console page itself; the built page's meta policy says the same, as a floor.
    if (details.resourceType !== 'mainFrame' || pageOf(details.url) !== appUrl) {
      callback({})
      return
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] },
    })
  })
}

/**
 * Another LiveDesk's console, opened from a moderator's `livedesk://invite` link (issue 13 §4):
 * a plain sandboxed browser window on that address — no preload, so the remote page gets no
 * bridge to this app — in its own in-memory session (its cookie is not this app's), kept on that
 * console's origin; other links open in the system browser.
 */
export function openModeratorWindow(url: string, devTools: boolean): BrowserWindow {
  const origin = new URL(url).origin
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'LiveDesk',
    backgroundColor: '#111418',
    webPreferences: {
      partition: 'livedesk-moderator',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools,
    },
  })
  // A moderator's console needs no camera, microphone or anything else a page may ask for.
  win.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  win.webContents.session.setPermissionCheckHandler(() => false)
  win.webContents.on('will-navigate', (event, next) => {
    if (new URL(next).origin !== origin) event.preventDefault()
  })
  win.webContents.setWindowOpenHandler(({ url: opened }) => {
    openInBrowser(opened)
    return { action: 'deny' }
  })
  void win.loadURL(url)
  return win
}
