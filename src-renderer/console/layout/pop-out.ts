import { panelsNamed, type PanelId } from '../../../src-shared/contract'

/**
 * The panels a pop-out window shows (`?panel=chat`), or none in the main window. An older page's
 * `?panel=show` shows the panels that column became.
 */
export function poppedOutPanels(): readonly PanelId[] {
  return panelsNamed(new URLSearchParams(location.search).get('panel'))
}

/**
 * Opens `panel` in a window of its own: the same console page on the same session (the browser
 * host's cookie, or the desktop app's own window rules, src-main/shell/window.ts), in the same
 * language (`?lang=`), showing only that panel. False when the browser refused to open one.
 */
export function openPopOut(panel: PanelId): boolean {
  const here = new URL(location.href)
  const url = new URL(here)
  url.search = ''
  url.hash = ''
  url.searchParams.set('panel', panel)
  const lang = here.searchParams.get('lang')
  if (lang) url.searchParams.set('lang', lang)
  const opened = window.open(
    url.toString(),
    `livedesk-panel-${panel}`,
    'popup,width=440,height=760',
  )
  return opened !== null
}
