import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron'
import { detectLocale, translate } from '../../src-shared/i18n'

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
          click: () => void shell.openExternal(viewerUrl),
        },
      ],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
