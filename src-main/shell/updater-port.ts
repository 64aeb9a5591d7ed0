import type { AppUpdater } from 'electron-updater'
import type { UpdaterPort } from '../desktop/update-service'
import { releaseNotesText } from '../desktop/update-service'

/**
 * electron-updater behind the desktop's UpdaterPort. electron-updater owns the feed: it fetches
 * `<channel>[-mac|-linux].yml`, compares versions (semver; no downgrade), honours the channel and
 * the staged rollout (`stagingPercentage`, per install), downloads with sha512 checks and runs the
 * installer. We only decide when (update-service.ts): so it never downloads or installs by itself.
 * No `electron` import here: test/integration/desktop/update-feed.test.ts runs it under Node.
 */
export function electronUpdaterPort(
  updater: AppUpdater,
  onProgress: (percent: number) => void,
): UpdaterPort {
  updater.autoDownload = false
  // A downloaded update installs when the anchor quits (after the quit has ended the show).
  updater.autoInstallOnAppQuit = true
  updater.allowDowngrade = false
  updater.on('download-progress', (progress) => onProgress(progress.percent))
  return {
    check: async (feed) => {
      updater.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel })
      updater.allowPrerelease = feed.channel !== 'latest'
      // Setting the channel lets a beta user go back to stable; we never go back.
      updater.channel = feed.channel
      updater.allowDowngrade = false
      const result = await updater.checkForUpdates()
      if (!result?.isUpdateAvailable) return null
      const info = result.updateInfo
      return {
        version: info.version,
        notes: releaseNotesText(info.releaseNotes),
        releaseDate: info.releaseDate ?? null,
      }
    },
    download: async () => {
      await updater.downloadUpdate()
    },
    install: () => updater.quitAndInstall(false, true),
  }
}
