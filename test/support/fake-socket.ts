import type { SocketFactory, SocketHandlers } from '../../src-shared/protocol/socket'

/** A scripted WebSocket: the test opens, feeds and closes it, and reads what the client sent. */
export class FakeSocket {
  readonly sent: unknown[] = []
  closedWith: { code?: number; reason?: string } | null = null

  constructor(
    readonly url: string,
    readonly handlers: SocketHandlers,
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason }
  }

  push(frame: unknown): void {
    this.handlers.message(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  lastSent<T = Record<string, unknown>>(): T {
    return this.sent.at(-1) as T
  }
}

export function fakeSockets(): { sockets: FakeSocket[]; connect: SocketFactory } {
  const sockets: FakeSocket[] = []
  return {
    sockets,
    connect: (url, handlers) => {
      const socket = new FakeSocket(url, handlers)
      sockets.push(socket)
      return socket
    },
  }
}
