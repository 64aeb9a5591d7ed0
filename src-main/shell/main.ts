import { app, safeStorage, session, type BrowserWindow } from 'electron'
import { autoUpdater } from 'electron-updater'
import { join, resolve } from 'node:path'
import { version } from '../../package.json'
import { detectLocale } from '../../src-shared/i18n'
import { defaultDataDir } from '../console/data-dir'
import { privateUmask } from '../common/private-files'
import { findRendererDir } from '../common/renderer-dir'
import { findResourcesDir } from '../common/resources-dir'
import { FileSecretStore, type SecretStore } from '../console/secret-store'
import { DEEP_LINK_SCHEME, DeepLinkInbox, deepLinkInArgv } from '../desktop/deep-link'
import { loadDesktopSettings } from '../desktop/desktop-settings'
import { RotatingLog } from '../desktop/rotating-log'
import { parseHostArgs } from '../host/args'
import { startConsoleWithAddresses, type StartedConsole } from '../host/start-console'
import { startDesktop, type Desktop } from './desktop'
import { registerContractIpc } from './ipc'
import { createTrtcHost, type TrtcHost } from './trtc-window'
import { utilityForkIngest } from './utility-fork'
import { hardenSession, createMainWindow, openModeratorWindow } from './window'
import { inviteConsoleUrl } from '../desktop/invite-link'

/**
 * Moderator invites and other `livedesk://` links, for the capability that takes them (the
 * moderation issue's invites subscribe here). Links that come before it subscribes wait.
 */
export const deepLinks = new DeepLinkInbox()

/**
 * The Electron host, kept thin: a hardened window on the same console services the browser host
 * uses, plus what only a desktop app has (desktop.ts: tray, updates, notices, links, diagnostics).
 * The browser console (a tokenized link moderators open) runs only when asked for with `--host`
 * (`--host 0.0.0.0` for the LAN) or `--port`: nothing listens for browsers otherwise.
 *
 * A second launch (the anchor double-clicks the icon, or the OS opens a livedesk:// link) ends at
 * once and hands its command line to this one, which shows its window (issue 16 §3).
 */
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let started: StartedConsole | null = null
  let mainWindow: BrowserWindow | null = null
  let desktop: Desktop | null = null
  /** Tencent TRTC's hidden host window, opened at a Go live through TRTC (issue 17). */
  let trtcHost: TrtcHost | null = null
  /** A link that arrived before the window (macOS sends open-url before ready). */
  let earlyLink: string | null = deepLinkInArgv(process.argv)

  // The OS opens livedesk:// links with this app. The installers register it too (protocols in
  // electron-builder.config.cjs); from a checkout, Electron needs the script's path with it.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])])
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  }

  const openLink = (raw: string): void => {
    if (desktop) desktop.openLink(raw)
    else earlyLink = raw
  }
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.show()
    mainWindow?.focus()
    const link = deepLinkInArgv(argv)
    if (link) openLink(link)
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    openLink(url)
  })

  app
    .whenReady()
    .then(async () => {
      privateUmask()
      // Electron's own command line carries Chromium's switches too: ours are picked out.
      const args = parseHostArgs(process.argv.slice(app.isPackaged ? 1 : 2), true)
      const dataDir = args.dataDir ?? process.env.LIVEDESK_DATA_DIR ?? defaultDataDir()
      const log = new RotatingLog({ dir: join(dataDir, 'logs') })
      log.write(`LiveDesk ${version} starting (Electron ${process.versions.electron ?? '?'})`)
      const rendererDir = findRendererDir(__dirname) ?? join(__dirname, '../renderer')
      const resourcesDir = findResourcesDir(__dirname)
      // Keys sealed with the OS keychain where it is available (safeStorage).
      const secrets: SecretStore | undefined = safeStorage.isEncryptionAvailable()
        ? new FileSecretStore(dataDir, {
            seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
            open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
          })
        : undefined
      const host = createTrtcHost({
        preload: join(__dirname, 'trtc-host.js'),
        devTools: !app.isPackaged,
        log: (line) => log.write(line),
      })
      trtcHost = host
      started = await startConsoleWithAddresses(args, {
        dataDir,
        host: 'electron',
        version,
        rendererDir,
        resourcesDir,
        sqliteNativeBinding: process.env.LIVEDESK_SQLITE_BINDING,
        // A utility process, not fork: the packaged app's RunAsNode fuse is off.
        forkIngest: utilityForkIngest,
        trtcHost: host.open,
        browser: args.host !== undefined || args.port !== undefined,
        secrets,
        log: (line) => {
          log.write(line)
          console.error(line)
        },
      })
      for (const line of started.lines) {
        console.log(line)
        log.write(line)
      }
      const consoleApp = started.app

      const consoleFile = join(rendererDir, 'console', 'index.html')
      // The room server as the window reaches it: the Stage monitor plays the ingest from there.
      hardenSession(session.defaultSession, consoleFile, new URL(consoleApp.room.httpUrl).origin)
      registerContractIpc(consoleApp, consoleFile)
      mainWindow = createMainWindow({
        preload: join(__dirname, '../preload/index.js'),
        consoleFile,
        stateFile: join(dataDir, 'window-state.json'),
        devTools: !app.isPackaged,
      })
      mainWindow.on('closed', () => {
        mainWindow = null
        // The hidden TRTC window would otherwise keep window-all-closed from ever coming.
        trtcHost?.close()
      })
      desktop = await startDesktop({
        consoleApp,
        locale: detectLocale('', app.getLocale()),
        dataDir,
        resourcesDir: resourcesDir ?? join(__dirname, '../../resources'),
        settings: loadDesktopSettings(dataDir),
        secrets: secrets ?? new FileSecretStore(dataDir),
        log,
        updater: autoUpdater,
        window: () => mainWindow,
        links: deepLinks,
        version,
      })
      // A moderator's invite to another LiveDesk's console opens it in a window here (issue 13 §4).
      deepLinks.subscribe((link) => {
        const url = inviteConsoleUrl(link)
        if (url) openModeratorWindow(url, !app.isPackaged)
      })
      if (earlyLink) desktop.openLink(earlyLink)
      earlyLink = null
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
    desktop?.close()
    desktop = null
    trtcHost?.close()
    trtcHost = null
    void closing.finally(() => app.quit())
  })
}
