import type { DeepLink } from './deep-link'

/** An invite token as LiveDesk makes them: 24 random bytes, base64url. */
const INVITE_TOKEN = /^[A-Za-z0-9_-]{32}$/

/**
 * The moderator console a `livedesk://invite?url=…` link names (issue 13 §4), or null: the link
 * comes from any web page, so only a console's own address is taken — http(s), no credentials,
 * the root path, and nothing in its query but an invite token. The window that opens it is a
 * plain browser window (no bridge to this app), so the page gets nothing a browser would not.
 */
export function inviteConsoleUrl(link: DeepLink): string | null {
  if (link.action !== 'invite' || !link.params.url) return null
  let url: URL
  try {
    url = new URL(link.params.url)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password || url.pathname !== '/' || url.hash) return null
  const keys = [...url.searchParams.keys()]
  const token = url.searchParams.get('invite')
  if (keys.length !== 1 || !token || !INVITE_TOKEN.test(token)) return null
  return url.toString()
}
