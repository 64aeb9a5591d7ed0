import { PanelId } from '../../../src-shared/contract'

/** The panel a pop-out window shows (`?panel=chat`), or null in the main window. */
export function poppedOutPanel(): PanelId | null {
  const parsed = PanelId.safeParse(new URLSearchParams(location.search).get('panel'))
  return parsed.success ? parsed.data : null
}

/**
 * Opens `panel` in a window of its own: the same console page on the same session (the browser
 * host's cookie, or the desktop app's own window rules, src-main/shell/window.ts), showing only
 * that panel. False when the browser refused to open one.
 */
export function openPopOut(panel: PanelId): boolean {
  const url = new URL(location.href)
  url.search = ''
  url.hash = ''
  url.searchParams.set('panel', panel)
  const opened = window.open(
    url.toString(),
    `livedesk-panel-${panel}`,
    'popup,width=440,height=760',
  )
  return opened !== null
}
