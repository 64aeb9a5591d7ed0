import { app, dialog, Notification, shell, type BrowserWindow } from 'electron'
import type { AppUpdater } from 'electron-updater'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import type { StageSnapshot, RoomSnapshot } from '../../src-shared/contract'
import { SecretName } from '../../src-shared/contract/stage'
import { translate, type Locale, type MessageKey } from '../../src-shared/i18n'
import type { ConsoleApp } from '../console/console-app'
import { IM_SECRET_KEY } from '../console/room/room-connection'
import type { SecretStore } from '../console/secret-store'
import { parseDeepLink, type DeepLinkInbox } from '../desktop/deep-link'
import {
  saveDesktopSettings,
  type DesktopSettings,
  type NoticeKind,
} from '../desktop/desktop-settings'
import { diagnosticsFileName, readConsoleSettings, writeDiagnostics } from '../desktop/diagnostics'
import { wanted, type Notice } from '../desktop/notices'
import type { RotatingLog } from '../desktop/rotating-log'
import { ShowWatch } from '../desktop/show-watch'
import { trayCommand } from '../desktop/tray-status'
import { chooseFeed } from '../desktop/update-feed'
import { UpdateService, type UpdateState } from '../desktop/update-service'
import { buildMenu } from './menu'
import { createTray } from './tray'
import { startGlobalShortcuts } from './global-shortcuts'
import { electronUpdaterPort } from './updater-port'

export interface DesktopOptions {
  consoleApp: ConsoleApp
  locale: Locale
  dataDir: string
  resourcesDir: string
  settings: DesktopSettings
  secrets: SecretStore
  log: RotatingLog
  updater: AppUpdater
  window: () => BrowserWindow | null
  links: DeepLinkInbox
  version: string
}

export interface Desktop {
  /** A livedesk:// link from the OS: checked, then handed to whoever takes links. */
  openLink(raw: string): void
  close(): void
}

/** The update feed electron-builder wrote into the package (app-update.yml's `url:`). */
function buildFeedUrl(): string | null {
  const file = join(process.resourcesPath ?? '', 'app-update.yml')
  if (!app.isPackaged || !existsSync(file)) return null
  return /^url:\s*(\S+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? null
}

/**
 * What only the desktop app has, wired to Electron (the decisions are in src-main/desktop):
 * the tray, OS notifications, updates, livedesk:// links, the menu and "Collect diagnostics".
 */
export async function startDesktop(options: DesktopOptions): Promise<Desktop> {
  const { consoleApp, locale, log } = options
  let settings = options.settings
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params)
  const caller = { thisMachine: true }
  const run = async (name: string, input: unknown) => {
    const result = await consoleApp.dispatch(name, input, caller)
    if (!result.ok) log.write(`tray: ${name} refused: ${result.error.code} ${result.error.message}`)
  }
  const showWindow = () => {
    const win = options.window()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  }

  const tray = createTray({
    resourcesDir: options.resourcesDir,
    locale,
    onItem: (id, muteAll) => {
      const command = trayCommand(id, muteAll)
      if (command) void run(command.name, command.input)
      else showWindow()
    },
  })

  const notify = (notice: Notice) => {
    if (!wanted(notice, settings.notifications) || !Notification.isSupported()) return
    new Notification({ title: t(notice.title), body: t(notice.body, notice.params) }).show()
  }

  // Updates: a menu-asked check answers in a dialog; the one at start stays quiet unless found.
  let askedByMenu = false
  const onUpdate = (state: UpdateState) => {
    const win = options.window()
    win?.setProgressBar(state.status === 'downloading' ? state.percent / 100 : -1)
    if (state.status === 'failed') log.write(`update: ${state.code} failed: ${state.detail}`)
    if (state.status === 'downloaded') void offerInstall(state.release.version, state.release.notes)
    if (!askedByMenu) return
    if (state.status === 'current' || state.status === 'off' || state.status === 'failed') {
      askedByMenu = false
      const message =
        state.status === 'current'
          ? t('updateCurrent', { version: options.version })
          : state.status === 'off'
            ? t(`updateFeed.${state.reason}`)
            : t(`updateFailed.${state.code}`, { detail: state.detail })
      void dialog.showMessageBox({ type: 'info', message, buttons: ['OK'] })
    } else if (state.status === 'available' && state.waitingForShow) {
      askedByMenu = false
      void dialog.showMessageBox({
        type: 'info',
        message: t('updateAvailableTitle', { version: state.release.version }),
        detail: t('updateWaitingForShow'),
        buttons: ['OK'],
      })
    }
  }
  const updates: UpdateService = new UpdateService({
    port: electronUpdaterPort(options.updater, (percent) => updates.progress(percent)),
    feed: chooseFeed(settings.updates.feedUrl, buildFeedUrl(), settings.updates.channel),
    now: Date.now,
    onChange: onUpdate,
  })
  const offerInstall = async (version: string, notes: string) => {
    const { response } = await dialog.showMessageBox({
      type: 'info',
      message: t('updateDownloadedTitle', { version }),
      // Release notes are text from the feed: a message box shows them as text.
      detail: t('updateDownloadedDetail', { notes: notes || '—' }),
      buttons: [t('updateInstallNow'), t('updateInstallOnQuit')],
      defaultId: 1,
      cancelId: 1,
    })
    if (response !== 0) return
    updates.installNow()
    const after = updates.state()
    if (after.status === 'downloaded' && after.installAfterShow) {
      void dialog.showMessageBox({ type: 'info', message: t('updateInstallAfterShow') })
    }
  }

  const watch = new ShowWatch({
    changed: (stream, muteAll) => tray.update(stream, muteAll),
    showChanged: (on) => updates.showChanged(on),
    notice: notify,
  })
  const [stage, room] = await Promise.all([
    consoleApp.dispatch('stage:get-snapshot', {}, caller),
    consoleApp.dispatch('room:get-snapshot', {}, caller),
  ])
  watch.seed(
    stage.ok ? (stage.value as StageSnapshot).status : null,
    room.ok ? (room.value as RoomSnapshot).muteAll : false,
  )
  const unsubscribe = consoleApp.events.subscribe(watch.apply)
  // The show keys also work while another app has focus (issue 15 §2).
  const shortcuts = await startGlobalShortcuts(consoleApp, (line) => log.write(line))

  const collectDiagnostics = async () => {
    const now = Date.now()
    const { filePath, canceled } = await dialog.showSaveDialog({
      defaultPath: join(app.getPath('desktop'), diagnosticsFileName(now)),
      filters: [{ name: 'Zip', extensions: ['zip'] }],
    })
    if (canceled || !filePath) return
    try {
      const snapshot = stage.ok ? (stage.value as StageSnapshot) : null
      const secretValues = [...SecretName.options, IM_SECRET_KEY]
        .map((name) => options.secrets.get(name))
        .filter((v): v is string => !!v)
      writeDiagnostics(filePath, {
        logFiles: log.files(),
        versions: {
          livedesk: options.version,
          electron: process.versions.electron ?? 'none',
          chrome: process.versions.chrome ?? 'none',
          node: process.versions.node,
        },
        ffmpeg: await ffmpegVersion(snapshot?.ffmpeg?.path ?? null),
        os: {
          platform: process.platform,
          arch: process.arch,
          release: os.release(),
          version: os.version(),
          memoryMb: Math.round(os.totalmem() / 1024 / 1024),
          cpus: os.cpus().length,
          locale,
        },
        settings: {
          console: readConsoleSettings(
            join(options.dataDir, 'console.db'),
            process.env.LIVEDESK_SQLITE_BINDING,
          ),
          desktop: settings,
        },
        secretValues,
        now,
      })
      shell.showItemInFolder(filePath)
      void dialog.showMessageBox({
        type: 'info',
        message: t('diagnosticsSaved', { path: filePath }),
      })
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err)
      void dialog.showMessageBox({ type: 'error', message: t('diagnosticsFailed', { detail }) })
    }
  }

  const toggleNotice = (kind: NoticeKind, on: boolean) => {
    settings = { ...settings, notifications: { ...settings.notifications, [kind]: on } }
    saveDesktopSettings(options.dataDir, settings)
  }
  buildMenu({
    locale,
    viewerUrl: consoleApp.info.viewerUrl,
    notifications: settings.notifications,
    onCheckForUpdates: () => {
      askedByMenu = true
      if (updates.state().status === 'off') onUpdate(updates.state())
      else void updates.check()
    },
    onCollectDiagnostics: () => void collectDiagnostics(),
    onToggleNotice: toggleNotice,
  })

  if (settings.updates.checkAtStart && app.isPackaged) void updates.check()

  return {
    openLink: (raw) => {
      const link = parseDeepLink(raw)
      if ('refused' in link) {
        log.write(`link refused: ${link.refused}`)
        void dialog.showMessageBox({ type: 'warning', message: t(`deepLink.${link.refused}`) })
        return
      }
      showWindow()
      log.write(`link: ${link.action}`)
      options.links.deliver(link)
    },
    close: () => {
      unsubscribe()
      shortcuts.close()
      tray.destroy()
    },
  }
}

/** `ffmpeg -version`, for the archive; or why there is none. */
function ffmpegVersion(path: string | null): Promise<string> {
  if (!path) return Promise.resolve('(no ffmpeg found)')
  return new Promise((done) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) =>
      done(error ? `(${path} -version failed: ${error.message})` : `${path}\n${stdout}`),
    )
  })
}
