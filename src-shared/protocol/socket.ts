/**
 * The little of a WebSocket the clients here need. Pages adapt the browser's WebSocket to it
 * (`browserSocket`); tests pass a fake, so the protocol logic runs under Node.
 */
export interface SocketLike {
  send(data: string): void
  close(code?: number, reason?: string): void
}

export interface SocketHandlers {
  open(): void
  message(data: string): void
  close(code: number, reason: string): void
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike
