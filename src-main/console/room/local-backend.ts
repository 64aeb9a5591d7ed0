import { ErrorCode } from '../../../src-shared/protocol/codes'
import type { ServerFrame } from '../../../src-shared/protocol/frames'
import type { JoinedRoom, RoomBackend, RoomEvent } from './room-backend'
import { RoomClient, RoomError } from './room-client'
import { wireToChat } from './wire-to-chat'

export interface LocalBackendOptions {
  wsUrl: string
  sdkAppId: number
  roomId: string
  userId: string
  nick?: string
  /** Returns a fresh UserSig for every (re)login. */
  userSig: () => string
  /** First reconnect delay; grows ×1.5 up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
}

/** The embedded live room as a RoomBackend: one WebSocket, re-logged-in and re-joined on drops. */
export class LocalRoomBackend implements RoomBackend {
  readonly selfUserId: string
  private client: RoomClient | null = null
  private readonly listeners = new Set<(event: RoomEvent) => void>()
  private stopped = false
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelay: number

  constructor(private readonly options: LocalBackendOptions) {
    this.selfUserId = options.userId
    this.retryDelay = options.retryMs ?? 500
  }

  onEvent(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(): Promise<JoinedRoom> {
    this.stopped = false
    this.emit({ type: 'connection', state: 'connecting' })
    return this.connect()
  }

  async sendText(text: string) {
    const { message } = await this.connected().request({
      type: 'send',
      groupId: this.options.roomId,
      msgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    })
    return wireToChat(message, this.selfUserId)
  }

  async mute(userId: string, seconds: number): Promise<number> {
    const ack = await this.connected().request({
      type: 'mute',
      groupId: this.options.roomId,
      userId,
      seconds,
    })
    return ack.muteUntil
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.client?.close()
    this.client = null
  }

  private connected(): RoomClient {
    if (!this.client?.isOpen)
      throw new RoomError(ErrorCode.notLoggedIn, 'Not connected to the room')
    return this.client
  }

  private async connect(): Promise<JoinedRoom> {
    const { wsUrl, sdkAppId, userId, nick, roomId } = this.options
    const client = new RoomClient(wsUrl)
    client.on('frame', (frame) => this.onFrame(frame))
    client.on('close', (code, reason) => this.onClose(client, code, reason))
    await client.open()
    this.client = client
    await client.login(sdkAppId, userId, this.options.userSig(), nick)
    const joined = await client.request({ type: 'join', groupId: roomId })
    this.retryDelay = this.options.retryMs ?? 500
    this.emit({ type: 'connection', state: 'connected' })
    this.emit({ type: 'online-count', count: joined.group.onlineCount })
    return {
      roomId: joined.group.groupId,
      name: joined.group.name,
      onlineCount: joined.group.onlineCount,
      history: joined.history.map((m) => wireToChat(m, this.selfUserId)),
    }
  }

  private onClose(client: RoomClient, _code: number, _reason: string): void {
    if (this.client !== client) return
    this.client = null
    if (this.stopped) {
      this.emit({ type: 'connection', state: 'disconnected' })
      return
    }
    this.emit({ type: 'connection', state: 'reconnecting' })
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    if (this.retryTimer) return
    const delay = this.retryDelay
    this.retryDelay = Math.min(this.retryDelay * 1.5, this.options.maxRetryMs ?? 10_000)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (this.stopped) return
      this.connect().then(
        (joined) => this.emit({ type: 'messages', messages: joined.history }),
        () => {
          this.client?.close()
          this.client = null
          if (!this.stopped) this.scheduleReconnect()
        },
      )
    }, delay)
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        this.emit({ type: 'messages', messages: [wireToChat(frame.message, this.selfUserId)] })
        break
      case 'online-count':
        this.emit({ type: 'online-count', count: frame.count })
        break
      case 'member-joined':
        this.emit({ type: 'member-joined', userId: frame.member.userId, nick: frame.member.nick })
        break
      case 'member-left':
        this.emit({ type: 'member-left', userId: frame.userId })
        break
      case 'member-muted':
        this.emit({
          type: 'member-muted',
          userId: frame.userId,
          muteUntil: frame.muteUntil,
          operatorId: frame.operatorId,
        })
        break
      case 'ack':
      case 'error':
      case 'kicked':
        break
    }
  }

  private emit(event: RoomEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
