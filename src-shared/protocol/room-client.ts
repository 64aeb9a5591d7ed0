import { ContractCode } from '../contract/result'
import { ErrorCode } from './codes'
import { AckData, ServerFrame, type ClientFrame, type ClientFrameType } from './frames'
import type { SocketFactory, SocketLike } from './socket'

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never
/** A client frame before the client numbers it. */
export type RequestFrame = WithoutSeq<ClientFrame>

export type Ack<T extends ClientFrameType> =
  { ok: true; data: AckData<T> } | { ok: false; code: number; message: string; data?: unknown }

/**
 * Everything the server pushes that is not an answer to a request. A version 3 `messages` batch
 * reaches listeners as one `message` push per message, in order, so they handle one shape.
 */
export type PushFrame = Exclude<ServerFrame, { type: 'ack' | 'messages' }>

export interface CloseInfo {
  code: number
  reason: string
}

export interface RoomClientOptions {
  url: string
  connect: SocketFactory
  /** A request with no ack after this long resolves as not connected. */
  timeoutMs?: number
}

interface Pending {
  type: ClientFrameType
  resolve(ack: Ack<ClientFrameType>): void
  timer: ReturnType<typeof setTimeout>
}

/**
 * The one client of the embedded room's protocol (frames.ts, docs/protocol.md), used by the
 * viewer page (the browser's WebSocket) and by the console's local backend (Node's `ws`, through
 * the same SocketFactory). It numbers each request and resolves it with the ack of the same seq.
 *
 * One rule for errors: a request never rejects. It resolves with an Ack — `ok` with the ack's
 * parsed data, or the room's code, message and data; a request that cannot be made or is not
 * answered in time (or whose socket closes first) resolves as not connected (ContractCode 1005).
 * Callers that prefer exceptions convert the Ack in one place of their own.
 *
 * One instance is one socket; reconnecting means a new client (the caller's policy).
 */
export class RoomClient {
  private socket: SocketLike | null = null
  private seq = 0
  private closed: CloseInfo | null = null
  private readonly pending = new Map<number, Pending>()
  private readonly pushListeners = new Set<(frame: PushFrame) => void>()
  private readonly closeListeners = new Set<(info: CloseInfo) => void>()
  private readonly timeoutMs: number

  constructor(private readonly options: RoomClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000
  }

  /** True between the socket opening and its close. */
  get isOpen(): boolean {
    return this.socket !== null && this.closed === null
  }

  /** Resolves true once the socket is open, false if it closed first. */
  open(): Promise<boolean> {
    return new Promise((resolve) => {
      let current: SocketLike | null = null
      let settled = false
      const settle = (value: boolean) => {
        if (settled) return
        settled = true
        resolve(value)
      }
      try {
        current = this.options.connect(this.options.url, {
          open: () => {
            this.socket = current
            settle(true)
          },
          message: (data) => this.receive(data),
          close: (code, reason) => {
            settle(false)
            this.finish({ code, reason })
          },
        })
      } catch (error) {
        this.finish({ code: 1006, reason: error instanceof Error ? error.message : String(error) })
        settle(false)
      }
    })
  }

  request<F extends RequestFrame>(frame: F): Promise<Ack<F['type']>> {
    const socket = this.socket
    if (!socket || this.closed) {
      return Promise.resolve(notConnected(this.closed?.reason || 'Not connected to the room'))
    }
    const seq = ++this.seq
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq)
        resolve(notConnected('The room did not answer in time'))
      }, this.timeoutMs)
      this.pending.set(seq, {
        type: frame.type,
        resolve: resolve as (ack: Ack<ClientFrameType>) => void,
        timer,
      })
      try {
        socket.send(JSON.stringify({ ...frame, seq }))
      } catch {
        clearTimeout(timer)
        this.pending.delete(seq)
        resolve(notConnected('Could not send to the room'))
      }
    })
  }

  on(listener: (frame: PushFrame) => void): () => void {
    this.pushListeners.add(listener)
    return () => this.pushListeners.delete(listener)
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    this.closeListeners.add(listener)
    return () => this.closeListeners.delete(listener)
  }

  close(): void {
    this.socket?.close(1000, 'Left the room')
    this.finish({ code: 1000, reason: 'Left the room' })
  }

  private receive(data: string): void {
    let json: unknown
    try {
      json = JSON.parse(data)
    } catch {
      return
    }
    const parsed = ServerFrame.safeParse(json)
    if (!parsed.success) return
    const frame = parsed.data
    if (frame.type === 'messages') {
      for (const message of frame.messages) this.push({ type: 'message', message })
      return
    }
    if (frame.type !== 'ack') {
      this.push(frame)
      return
    }
    const pending = this.pending.get(frame.seq)
    if (!pending) return
    this.pending.delete(frame.seq)
    clearTimeout(pending.timer)
    if (frame.code !== ErrorCode.ok) {
      pending.resolve({
        ok: false,
        code: frame.code,
        message: frame.message ?? `Error ${frame.code}`,
        data: frame.data,
      })
      return
    }
    const body = AckData[pending.type].safeParse(frame.data)
    pending.resolve(
      body.success
        ? { ok: true, data: body.data }
        : { ok: false, code: ErrorCode.internal, message: 'The room sent a malformed answer' },
    )
  }

  private push(frame: PushFrame): void {
    for (const listener of [...this.pushListeners]) listener(frame)
  }

  private finish(info: CloseInfo): void {
    if (this.closed) return
    this.closed = info
    this.socket = null
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer)
      pending.resolve(notConnected(info.reason || 'The connection to the room closed'))
    }
    this.pending.clear()
    for (const listener of [...this.closeListeners]) listener(info)
  }
}

function notConnected(message: string): { ok: false; code: number; message: string } {
  return { ok: false, code: ContractCode.notConnected, message }
}
