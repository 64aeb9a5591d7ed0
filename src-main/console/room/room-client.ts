import { EventEmitter } from 'node:events'
import WebSocket from 'ws'
import {
  AckData,
  PROTOCOL_VERSION,
  ServerFrame,
  type ClientFrame,
  type ClientFrameType,
} from '../../../src-shared/protocol/frames'
import { ErrorCode } from '../../../src-shared/protocol/codes'
import { RoomError } from '../../common/room-error'

type Pending = {
  resolve: (data: unknown) => void
  reject: (err: Error) => void
  timer: NodeJS.Timeout
}
type Distribute<T> = T extends unknown ? Omit<T, 'seq'> : never
export type RequestFrame<T extends ClientFrameType> = Distribute<Extract<ClientFrame, { type: T }>>

export interface RoomClientEvents {
  frame: [ServerFrame]
  open: []
  close: [code: number, reason: string]
}

/**
 * One WebSocket to the embedded live room (protocol v2, docs/protocol.md): requests resolve with
 * their ack's data, pushes are emitted as `frame`. Reconnecting is the caller's policy.
 */
export class RoomClient extends EventEmitter<RoomClientEvents> {
  private socket: WebSocket | null = null
  private nextSeq = 1
  private readonly pending = new Map<number, Pending>()

  constructor(
    private readonly url: string,
    private readonly requestTimeoutMs = 10_000,
  ) {
    super()
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url)
      this.socket = socket
      socket.once('open', () => {
        socket.off('error', reject)
        socket.on('error', () => undefined) // 'close' follows and carries what matters
        this.emit('open')
        resolve()
      })
      socket.once('error', reject)
      socket.on('message', (data) => this.onMessage(data.toString()))
      socket.on('close', (code, reason) => {
        if (this.socket === socket) this.socket = null
        this.failPending(new RoomError(ErrorCode.notLoggedIn, 'Connection to the room closed'))
        this.emit('close', code, reason.toString())
      })
    })
  }

  async login(sdkAppId: number, userId: string, userSig: string, nick?: string) {
    return this.request({
      type: 'login',
      version: PROTOCOL_VERSION,
      sdkAppId,
      userId,
      userSig,
      nick,
    })
  }

  request<F extends RequestFrame<ClientFrameType>>(frame: F): Promise<AckData<F['type']>> {
    type T = F['type']
    const socket = this.socket
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new RoomError(ErrorCode.notLoggedIn, 'Not connected to the room'))
    }
    const seq = this.nextSeq++
    return new Promise<AckData<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq)
        reject(
          new RoomError(ErrorCode.internal, 'The room did not answer in time', undefined, {
            reason: 'noAnswer',
          }),
        )
      }, this.requestTimeoutMs)
      this.pending.set(seq, {
        resolve: (data) => resolve(AckData[frame.type].parse(data) as AckData<T>),
        reject,
        timer,
      })
      socket.send(JSON.stringify({ ...frame, seq }))
    })
  }

  close(): void {
    const socket = this.socket
    this.socket = null
    socket?.close(1000, 'console closed')
    this.failPending(new RoomError(ErrorCode.notLoggedIn, 'Connection to the room closed'))
  }

  private onMessage(text: string): void {
    let frame: ServerFrame
    try {
      frame = ServerFrame.parse(JSON.parse(text))
    } catch {
      return // a newer server's frame we do not know; ignoring keeps the console running
    }
    if (frame.type === 'ack') {
      const pending = this.pending.get(frame.seq)
      if (!pending) return
      this.pending.delete(frame.seq)
      clearTimeout(pending.timer)
      if (frame.code === 0) {
        try {
          pending.resolve(frame.data)
        } catch (err) {
          pending.reject(err as Error)
        }
      } else {
        const data =
          typeof frame.data === 'object' && frame.data
            ? (frame.data as Record<string, unknown>)
            : undefined
        pending.reject(new RoomError(frame.code, frame.message ?? `Error ${frame.code}`, data))
      }
      return
    }
    this.emit('frame', frame)
  }

  private failPending(err: Error): void {
    for (const [seq, pending] of this.pending) {
      clearTimeout(pending.timer)
      pending.reject(err)
      this.pending.delete(seq)
    }
  }
}
