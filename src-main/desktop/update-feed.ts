/**
 * Where the desktop app looks for updates (issue 16 §2): a generic electron-updater feed — a web
 * folder holding `latest.yml` (`beta.yml` … per channel) and the installers. The URL comes from the
 * desktop settings when the anchor names one, else from the build (LIVEDESK_UPDATE_URL, written
 * into app-update.yml by electron-builder.config.cjs).
 */

/** The build's feed when LIVEDESK_UPDATE_URL was not set: it means "no feed" (`.invalid` never resolves). */
export const UNSET_UPDATE_FEED = 'https://updates.livedesk.invalid/'

/** Release channels, in electron-updater's words: `latest` is stable; `beta` also takes betas. */
export const UPDATE_CHANNELS = ['latest', 'beta'] as const
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number]

export interface UpdateFeed {
  provider: 'generic'
  url: string
  channel: UpdateChannel
}

/** Why there is no feed to check, as a code the menu words (`updateFeed<Reason>` strings). */
export type NoFeedReason = 'unset' | 'insecure' | 'invalid'

/**
 * The feed to use, or why there is none. Plain http is taken only from this machine (a test
 * server, a LAN mirror through a local proxy): installers must not come over the open network
 * unencrypted.
 */
export function chooseFeed(
  settingsUrl: string | null,
  buildUrl: string | null,
  channel: UpdateChannel,
): UpdateFeed | { reason: NoFeedReason } {
  const raw = settingsUrl?.trim() || buildUrl?.trim() || ''
  if (!raw || raw === UNSET_UPDATE_FEED) return { reason: 'unset' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { reason: 'invalid' }
  }
  if (url.hostname.endsWith('.invalid')) return { reason: 'unset' }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { reason: url.protocol === 'http:' ? 'insecure' : 'invalid' }
  }
  if (url.username || url.password) return { reason: 'invalid' }
  const href = url.href.endsWith('/') ? url.href : `${url.href}/`
  return { provider: 'generic', url: href, channel }
}
