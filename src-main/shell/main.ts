import { app, safeStorage, session, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { version } from '../../package.json'
import { startConsole, type ConsoleApp } from '../console/console-app'
import { defaultDataDir } from '../console/data-dir'
import { findRendererDir } from '../common/renderer-dir'
import { findResourcesDir } from '../common/resources-dir'
import { FileSecretStore } from '../console/secret-store'
import { startBrowserHost, type BrowserHost } from '../host/browser-host'
import { registerContractIpc } from './ipc'
import { buildMenu } from './menu'
import { hardenSession, createMainWindow } from './window'

/**
 * The Electron host, kept thin: a hardened window on the same console services the browser host
 * uses, plus the browser host itself so moderators can open the console from the printed URL.
 */
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let consoleApp: ConsoleApp | null = null
  let browserHost: BrowserHost | null = null
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  app
    .whenReady()
    .then(async () => {
      const dataDir = process.env.LIVEDESK_DATA_DIR ?? defaultDataDir()
      const rendererDir = findRendererDir(__dirname) ?? join(__dirname, '../renderer')
      consoleApp = await startConsole({
        dataDir,
        host: 'electron',
        version,
        rendererDir,
        resourcesDir: findResourcesDir(__dirname),
        sqliteNativeBinding: process.env.LIVEDESK_SQLITE_BINDING,
        // Keys sealed with the OS keychain where it is available (safeStorage).
        secrets: safeStorage.isEncryptionAvailable()
          ? new FileSecretStore(dataDir, {
              seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
              open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
            })
          : undefined,
      })
      browserHost = await startBrowserHost({ app: consoleApp, rendererDir })
      console.log(`Console: ${browserHost.consoleUrl}`)
      console.log(`Viewer: ${consoleApp.info.viewerUrl}`)

      hardenSession(session.defaultSession)
      const consoleFile = join(rendererDir, 'console', 'index.html')
      registerContractIpc(consoleApp, consoleFile)
      buildMenu(consoleApp.info.viewerUrl)
      mainWindow = createMainWindow({
        preload: join(__dirname, '../preload/index.js'),
        consoleFile,
        stateFile: join(dataDir, 'window-state.json'),
      })
      mainWindow.on('closed', () => (mainWindow = null))
    })
    .catch((err: unknown) => {
      console.error(`LiveDesk could not start: ${String(err)}`)
      app.exit(1)
    })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    if (!consoleApp && !browserHost) return
    event.preventDefault()
    const closing = Promise.all([browserHost?.close(), consoleApp?.close()])
    consoleApp = null
    browserHost = null
    void closing.finally(() => app.quit())
  })
}
