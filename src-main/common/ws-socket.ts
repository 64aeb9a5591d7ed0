import WebSocket from 'ws'
import type { SocketFactory } from '../../src-shared/protocol/socket'

/**
 * Node's WebSocket (`ws`) behind the protocol client's SocketFactory, as `browserSocket` is the
 * browser's: the same RoomClient (src-shared/protocol/room-client.ts) runs in the console and the
 * viewer page.
 */
export const nodeSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url)
  ws.on('open', () => handlers.open())
  ws.on('message', (data, isBinary) => {
    if (!isBinary) handlers.message(data.toString())
  })
  // `error` is always followed by `close`; the close handler is the one place that reacts.
  ws.on('error', () => undefined)
  ws.on('close', (code, reason) => handlers.close(code, reason.toString()))
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  }
}
