import { Menu, nativeImage, Tray } from 'electron'
import { join } from 'node:path'
import type { StreamStatus } from '../../src-shared/contract'
import { translate, type Locale } from '../../src-shared/i18n'
import { trayItems, trayStatus, type TrayItemId } from '../desktop/tray-status'

export interface DesktopTray {
  update(stream: StreamStatus | null, muteAll: boolean): void
  destroy(): void
}

/**
 * The tray icon (issue 16 §3): its picture and tooltip say live / recording / paused / offline;
 * its menu runs the same commands as the console's buttons (desktop/tray-status.ts decides which).
 */
export function createTray(options: {
  resourcesDir: string
  locale: Locale
  onItem: (id: TrayItemId, muteAll: boolean) => void
}): DesktopTray {
  const icon = (status: string) =>
    nativeImage.createFromPath(join(options.resourcesDir, 'tray', `tray-${status}.png`))
  const tray = new Tray(icon('offline'))
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(options.locale, key, params)
  const update = (stream: StreamStatus | null, muteAll: boolean): void => {
    const status = trayStatus(stream)
    tray.setImage(icon(status))
    tray.setToolTip(t('trayTooltip', { status: t(`trayStatus.${status}`) }))
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayItems(stream, muteAll).map((item) => ({
          id: item.id,
          label: t(item.label),
          enabled: item.enabled,
          ...(item.checked === undefined
            ? {}
            : { type: 'checkbox' as const, checked: item.checked }),
          click: () => options.onItem(item.id, muteAll),
        })),
      ),
    )
  }
  update(null, false)
  return { update, destroy: () => tray.destroy() }
}
