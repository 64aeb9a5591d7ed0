import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import { detectLocale, translate } from '../../src-shared/i18n'
import { openInBrowser } from './open-external'

export function buildMenu(viewerUrl: string): void {
  const locale = detectLocale('', app.getLocale())
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      label: translate(locale, 'menuRoom'),
      submenu: [
        {
          label: translate(locale, 'menuOpenViewer'),
          click: () => openInBrowser(viewerUrl),
        },
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
