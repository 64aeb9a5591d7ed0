const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * Main names the room's URLs by loopback (it listens there by default). A moderator who opened
 * the console over the LAN (`--host 0.0.0.0`) reaches the same machine by the console page's own
 * host instead, so loopback URLs are pointed there; anything else is left as it is.
 */
export function reachableUrl(url: string, pageHost: string): string {
  try {
    const parsed = new URL(url)
    if (!loopback.has(parsed.hostname) || !pageHost || loopback.has(pageHost)) return url
    parsed.hostname = pageHost
    return parsed.toString()
  } catch {
    return url
  }
}
