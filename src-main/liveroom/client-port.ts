import type { ServerFrame } from '../../src-shared/protocol/frames'
import type { SharedFrame } from './shared-frame'

/** What the IM engine needs from a client connection; the WebSocket server provides it. */
export interface ClientPort {
  /** Sends an already serialized frame, so a broadcast serializes once for all members. */
  sendText(text: string): void
  /**
   * Sends a frame many connections get as it is (a broadcast), without re-encoding it per
   * connection. Optional: without it the frame's text goes through `sendText`.
   */
  sendShared?(frame: SharedFrame): void
  /** Closes the connection after the frames already sent; later frames are ignored. */
  close(code: number, reason: string): void
  /** The peer's address, for callbacks' ClientIP. */
  readonly remoteAddress?: string
}

export function sendFrame(port: ClientPort, frame: ServerFrame): void {
  port.sendText(JSON.stringify(frame))
}

export function sendShared(port: ClientPort, frame: SharedFrame): void {
  if (port.sendShared) port.sendShared(frame)
  else port.sendText(frame.text)
}

/** Close reasons are limited to 123 UTF-8 bytes by RFC 6455. */
export function closeReason(text: string): string {
  let reason = text
  while (Buffer.byteLength(reason, 'utf8') > 123) reason = reason.slice(0, -1)
  return reason
}
