import { app, safeStorage, session, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { version } from '../../package.json'
import { defaultDataDir } from '../console/data-dir'
import { privateUmask } from '../common/private-files'
import { findRendererDir } from '../common/renderer-dir'
import { findResourcesDir } from '../common/resources-dir'
import { FileSecretStore } from '../console/secret-store'
import { parseHostArgs } from '../host/args'
import { startConsoleWithAddresses, type StartedConsole } from '../host/start-console'
import { registerContractIpc } from './ipc'
import { buildMenu } from './menu'
import { hardenSession, createMainWindow } from './window'

/**
 * The Electron host, kept thin: a hardened window on the same console services the browser host
 * uses. The browser console (a tokenized link moderators open) runs only when asked for with
 * `--host` (`--host 0.0.0.0` for the LAN) or `--port`: nothing listens for browsers otherwise.
 */
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let started: StartedConsole | null = null
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  app
    .whenReady()
    .then(async () => {
      privateUmask()
      // Electron's own command line carries Chromium's switches too: ours are picked out.
      const args = parseHostArgs(process.argv.slice(app.isPackaged ? 1 : 2), true)
      const dataDir = args.dataDir ?? process.env.LIVEDESK_DATA_DIR ?? defaultDataDir()
      const rendererDir = findRendererDir(__dirname) ?? join(__dirname, '../renderer')
      started = await startConsoleWithAddresses(args, {
        dataDir,
        host: 'electron',
        version,
        rendererDir,
        resourcesDir: findResourcesDir(__dirname),
        sqliteNativeBinding: process.env.LIVEDESK_SQLITE_BINDING,
        browser: args.host !== undefined || args.port !== undefined,
        // Keys sealed with the OS keychain where it is available (safeStorage).
        secrets: safeStorage.isEncryptionAvailable()
          ? new FileSecretStore(dataDir, {
              seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
              open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
            })
          : undefined,
      })
      for (const line of started.lines) console.log(line)
      const consoleApp = started.app

      const consoleFile = join(rendererDir, 'console', 'index.html')
      // The room server as the window reaches it: the Stage monitor plays the ingest from there.
      hardenSession(session.defaultSession, consoleFile, new URL(consoleApp.room.httpUrl).origin)
      registerContractIpc(consoleApp, consoleFile)
      buildMenu(consoleApp.info.viewerUrl)
      mainWindow = createMainWindow({
        preload: join(__dirname, '../preload/index.js'),
        consoleFile,
        stateFile: join(dataDir, 'window-state.json'),
        devTools: !app.isPackaged,
      })
      mainWindow.on('closed', () => (mainWindow = null))
    })
    .catch((err: unknown) => {
      console.error(`LiveDesk could not start: ${String(err)}`)
      app.exit(1)
    })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    if (!started) return
    event.preventDefault()
    const closing = started.close()
    started = null
    void closing.finally(() => app.quit())
  })
}
