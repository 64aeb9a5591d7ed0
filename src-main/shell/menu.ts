import { Menu, type MenuItemConstructorOptions } from 'electron'
import { translate, type Locale } from '../../src-shared/i18n'
import {
  RAISED_NOTICE_KINDS,
  type DesktopSettings,
  type NoticeKind,
} from '../desktop/desktop-settings'
import { openInBrowser } from './open-external'

export interface MenuOptions {
  locale: Locale
  viewerUrl: string
  notifications: DesktopSettings['notifications']
  onCheckForUpdates: () => void
  onCollectDiagnostics: () => void
  onToggleNotice: (kind: NoticeKind, on: boolean) => void
}

/** The application menu: the OS's usual menus, the room's, and Help (updates, diagnostics). */
export function buildMenu(options: MenuOptions): void {
  const t = (key: Parameters<typeof translate>[1]) => translate(options.locale, key)
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      label: t('menuRoom'),
      submenu: [
        {
          label: t('menuOpenViewer'),
          enabled: options.viewerUrl !== '',
          click: () => openInBrowser(options.viewerUrl),
        },
        { type: 'separator' },
        {
          label: t('menuNotifications'),
          submenu: RAISED_NOTICE_KINDS.map((kind) => ({
            label: t(`menuNotice.${kind}`),
            type: 'checkbox' as const,
            checked: options.notifications[kind],
            click: (item: { checked: boolean }) => options.onToggleNotice(kind, item.checked),
          })),
        },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      label: t('menuHelp'),
      submenu: [
        { label: t('menuCheckForUpdates'), click: options.onCheckForUpdates },
        { label: t('menuCollectDiagnostics'), click: options.onCollectDiagnostics },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
