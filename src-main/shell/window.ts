import { BrowserWindow, shell, type Session } from 'electron'
import { pathToFileURL } from 'node:url'
import { loadWindowState, trackWindowState } from './window-state'

export interface MainWindowOptions {
  preload: string
  consoleFile: string
  stateFile: string
}

/** contextIsolation, sandbox, no Node, no navigation away, no new windows (DESIGN.md, Hosts). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = loadWindowState(options.stateFile)
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'LiveDesk',
    backgroundColor: '#111418',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  const appUrl = pathToFileURL(options.consoleFile).toString()
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault()
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links the user clicks (the viewer link) open in the system browser, never in the app.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.once('ready-to-show', () => win.show())
  trackWindowState(win, options.stateFile)
  void win.loadURL(appUrl)
  return win
}

/** Camera and microphone only for the app's own pages; everything else is refused. */
export function hardenSession(ses: Session): void {
  const allowed = new Set(['media'])
  ses.setPermissionRequestHandler((webContents, permission, callback) => {
    callback(allowed.has(permission) && webContents.getURL().startsWith('file://'))
  })
  ses.setPermissionCheckHandler((webContents, permission) => {
    return allowed.has(permission) && (webContents?.getURL().startsWith('file://') ?? false)
  })
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*",
        ],
      },
    })
  })
}
