/**
 * Which links the desktop app hands to the system browser: plain web pages only. A `file:`,
 * `smb:` or custom-scheme URL could run a program or leak credentials (Electronegativity's
 * OPEN_EXTERNAL_JS_CHECK; Electron's security checklist §15), so those never leave the app.
 */
export function isExternalWebUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== ''
}
