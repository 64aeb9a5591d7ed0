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
 * The console's one way to talk to main, under either host: the preload's bridge in Electron, else
 * the browser host's WebSocket (which authenticates by the `token` query param or its cookie).
 */
export const api: Api = window.livedesk
  ? bridgeApi(window.livedesk)
  : socketApi({
      url: sameHostSocketUrl(`/contract${location.search}`),
      connect: browserSocket,
    })
