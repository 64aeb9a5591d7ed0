import type { SocketFactory } from '../../src-shared/protocol/socket'

/** The browser's WebSocket behind `SocketLike`. */
export const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url)
  ws.onopen = () => handlers.open()
  ws.onmessage = (event) => {
    if (typeof event.data === 'string') handlers.message(event.data)
  }
  // `error` is always followed by `close`; the close handler is the one place that reacts.
  ws.onclose = (event) => handlers.close(event.code, event.reason)
  return ws
}

/** ws: or wss: to this page's own host. */
export function sameHostSocketUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`
}
