import { panelsNamed, type PanelId } from '../../src-shared/contract/layout'

/**
 * The desktop window's security rules as pure functions (no `electron` here, so they are unit
 * tested): which page may use the camera and microphone, and the page's Content-Security-Policy.
 */

/** A URL without its query and fragment: what a page is, whatever it was opened with. */
export function pageOf(url: string | undefined): string {
  return (url ?? '').split(/[?#]/)[0] ?? ''
}

/**
 * Camera and microphone ('media') only for the app's own console page, in its top frame, and
 * only when every URL Electron names for the request is that page — not any file:// page, and
 * not a frame inside it.
 */
export function mediaAllowed(
  appUrl: string,
  permission: string,
  request: { pageUrl: string | undefined; requestingUrl?: string; isMainFrame?: boolean },
): boolean {
  if (permission !== 'media') return false
  if (request.isMainFrame === false) return false
  if (pageOf(request.pageUrl) !== appUrl) return false
  return request.requestingUrl === undefined || pageOf(request.requestingUrl) === appUrl
}

/**
 * The console page's policy in the desktop app: its own files, and the room server by its address
 * (the Stage monitor plays the ingest's FLV from there; chat goes over IPC, not a socket). No
 * `ws:` to anywhere, no plugins, no <base>, no framing.
 */
export function desktopPolicy(roomOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ${roomOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}

/**
 * The panel a window the console asks to open would pop out (issue 15 §2): only the console page
 * itself with nothing but `?panel=<a panel>` (and the console's `lang`); anything else is a link
 * for the system browser.
 */
export function popOutPanelOf(appUrl: string, url: string): PanelId | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.hash || pageOf(url) !== appUrl) return null
  const keys = [...parsed.searchParams.keys()]
  if (!keys.includes('panel') || keys.some((key) => key !== 'panel' && key !== 'lang')) return null
  if (keys.length !== new Set(keys).size) return null
  // An older page's `?panel=show` pops out the panels it became; the first names the window.
  return panelsNamed(parsed.searchParams.get('panel'))[0] ?? null
}
