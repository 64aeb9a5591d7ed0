import type { LiveDeskBridge } from '../../src-shared/contract'
import { browserSocket, sameHostSocketUrl } from './browser-socket'
import { bridgeApi, socketApi, type Api } from './contract-client'

export type { Api, LinkState } from './contract-client'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    livedesk?: LiveDeskBridge
  }
}

/**
 * The link's token has done its work once the page loaded (the host answered with its cookie): it
 * leaves the address bar, the history and anything a screenshot of the page shows.
 */
function forgetToken(): void {
  const url = new URL(location.href)
  // A moderator's invite token too (issue 13 §4): the host's cookie carries on from here.
  if (!url.searchParams.has('token') && !url.searchParams.has('invite')) return
  url.searchParams.delete('token')
  url.searchParams.delete('invite')
  history.replaceState(history.state, '', url)
}

/**
 * The console's one way to talk to main, under either host: the preload's bridge in Electron, else
 * the browser host's WebSocket (which authenticates by the cookie the page came with). A socket
 * closed because the access link was reset reloads the page, which then says so.
 */
export const api: Api = window.livedesk
  ? bridgeApi(window.livedesk)
  : (forgetToken(),
    socketApi({
      url: sameHostSocketUrl('/contract'),
      connect: browserSocket,
      onRevoked: () => location.reload(),
    }))
