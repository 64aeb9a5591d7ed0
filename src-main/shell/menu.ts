import { Menu, shell, type MenuItemConstructorOptions } from 'electron'

export function buildMenu(viewerUrl: string): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    {
      label: 'Room',
      submenu: [{ label: 'Open viewer page', click: () => void shell.openExternal(viewerUrl) }],
    },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
