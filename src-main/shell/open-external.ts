import { shell } from 'electron'
import { isExternalWebUrl } from '../desktop/external-url'

/**
 * The app's one way to the system browser (the viewer link, release notes): http(s) only. Every
 * other openExternal call is refused in review — scripts/electronegativity.mjs accepts this one.
 */
export function openInBrowser(url: string): boolean {
  if (!isExternalWebUrl(url)) return false
  const checked = url
  void shell.openExternal(checked)
  return true
}
