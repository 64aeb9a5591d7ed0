/**
 * `livedesk://` links (issue 16 §3): the OS hands them to the app — in argv on Windows and Linux
 * (a second launch's command line, which the running app receives), through `open-url` on macOS.
 * A link is untrusted input from any web page, so it is parsed strictly into a known action, and
 * its parameters are bounded; nothing in it is executed or opened.
 */

export const DEEP_LINK_SCHEME = 'livedesk'
/** Longer links are refused: an invite is a room address and a token, well under this. */
export const DEEP_LINK_MAX_LENGTH = 2048
/** Actions the app takes from a link. `invite`: a moderator invite (the moderation capability). */
export const DEEP_LINK_ACTIONS = ['invite'] as const
export type DeepLinkAction = (typeof DEEP_LINK_ACTIONS)[number]

export interface DeepLink {
  action: DeepLinkAction
  /** The link's query, each value at most 512 characters. */
  params: Record<string, string>
}

/** Why a link was refused: `deepLink<Reason>` strings say it to the user. */
export type DeepLinkRefusal = 'tooLong' | 'notLiveDesk' | 'unknownAction' | 'badParams'

export function parseDeepLink(raw: string): DeepLink | { refused: DeepLinkRefusal } {
  if (raw.length > DEEP_LINK_MAX_LENGTH) return { refused: 'tooLong' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { refused: 'notLiveDesk' }
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return { refused: 'notLiveDesk' }
  // livedesk://invite?… and livedesk:invite?… both name the action: host or first path segment.
  const action = (
    url.hostname ||
    url.pathname.replace(/^\/+/, '').split('/')[0] ||
    ''
  ).toLowerCase()
  if (!(DEEP_LINK_ACTIONS as readonly string[]).includes(action))
    return { refused: 'unknownAction' }
  if (url.username || url.password) return { refused: 'badParams' }
  const params: Record<string, string> = {}
  for (const [key, value] of url.searchParams) {
    if (!/^[A-Za-z][\w-]{0,31}$/.test(key) || value.length > 512 || Object.hasOwn(params, key))
      return { refused: 'badParams' }
    params[key] = value
  }
  return { action: action as DeepLinkAction, params }
}

/** The link in a command line, if any (Windows and Linux pass it as an argument). */
export function deepLinkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null
}

/**
 * Links that arrive before anyone can take them (at start, before the window exists) wait here;
 * a capability that takes links (the moderation issue's invites) subscribes and gets those first.
 */
export class DeepLinkInbox {
  private readonly waiting: DeepLink[] = []
  private readonly takers = new Set<(link: DeepLink) => void>()

  deliver(link: DeepLink): void {
    if (this.takers.size === 0) {
      // Bounded: a page that fires links in a loop cannot grow this.
      if (this.waiting.length < 8) this.waiting.push(link)
      return
    }
    for (const take of this.takers) take(link)
  }

  subscribe(take: (link: DeepLink) => void): () => void {
    this.takers.add(take)
    for (const link of this.waiting.splice(0)) take(link)
    return () => this.takers.delete(take)
  }
}
