import type { Duplex } from 'node:stream'
import { WebSocket } from 'ws'
import type { SharedFrame } from './shared-frame'

export interface ClientWriterOptions {
  /** Past this many bytes waiting to be sent, the client counts as not reading (`onSlow`). */
  maxBufferedBytes: number
  /** Called once, the first time the client falls behind by more than `maxBufferedBytes`. */
  onSlow: () => void
}

/** What a WebSocket keeps under the hood (ws 8), read only to write shared frames straight out. */
interface WsInternals {
  _socket?: Duplex
  _sender?: { _queue?: unknown[]; _state?: number }
}

/**
 * Writes one client's frames to its WebSocket and watches how far behind it is. A shared frame
 * (a broadcast) goes to the socket as the bytes built once for every viewer: no string-to-UTF-8
 * conversion, header or copy per viewer. That is only in order while ws itself holds nothing back
 * (no compression, which this server does not negotiate, and no queued frame); otherwise the
 * frame's text goes through ws.send like any other.
 *
 * The slow-consumer rule (docs/protocol.md): a client with more than `maxBufferedBytes` waiting
 * (a stalled tab during a chat storm) is reported once through `onSlow`, and the caller closes it
 * with 4007, so its backlog cannot grow without bound in this process or hold up anyone else.
 */
export class ClientWriter {
  private slow = false

  constructor(
    private readonly ws: WebSocket,
    private readonly options: ClientWriterOptions,
  ) {}

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  sendText(text: string): void {
    if (!this.open) return
    this.ws.send(text)
    this.check()
  }

  sendShared(frame: SharedFrame): void {
    if (!this.open) return
    const socket = this.directSocket()
    if (socket) socket.write(frame.wire)
    else this.ws.send(frame.text)
    this.check()
  }

  private directSocket(): Duplex | undefined {
    const internals = this.ws as unknown as WsInternals
    const sender = internals._sender
    const idle = sender !== undefined && (sender._queue?.length ?? 0) === 0 && !sender._state
    return idle && internals._socket?.writable ? internals._socket : undefined
  }

  private check(): void {
    if (this.slow || this.ws.bufferedAmount <= this.options.maxBufferedBytes) return
    this.slow = true
    this.options.onSlow()
  }
}
